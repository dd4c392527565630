import { useSyncExternalStore } from 'react';
import { sessionStore } from './session-store.js';

/** The current access token, or null when signed out; re-renders on sign-in and sign-out. */
export function useAccessToken(): string | null {
  return useSyncExternalStore(
    (onChange) => sessionStore.subscribe(onChange),
    () => sessionStore.token(),
  );
}
