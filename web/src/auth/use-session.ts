import { useSyncExternalStore } from 'react';
import { organizationStore } from './organization-store.js';
import { sessionStore } from './session-store.js';

/** The current access token, or null when signed out; re-renders on sign-in and sign-out. */
export function useAccessToken(): string | null {
  return useSyncExternalStore(
    (onChange) => sessionStore.subscribe(onChange),
    () => sessionStore.token(),
  );
}

/** The organization whose wallet the app acts on, or null for the personal wallet. */
export function useSelectedOrganizationId(): string | null {
  return useSyncExternalStore(
    (onChange) => organizationStore.subscribe(onChange),
    () => organizationStore.selected(),
  );
}
