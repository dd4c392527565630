/**
 * The access token of the signed-in user, kept in localStorage so a reload or the provider's redirect
 * back to /orders/… keeps the session. Subscribers (the session context) hear every change.
 */
import { organizationStore } from './organization-store.js';

const KEY = 'forge-credits.access-token';
const listeners = new Set<() => void>();

export const sessionStore = {
  token(): string | null {
    return localStorage.getItem(KEY);
  },
  signIn(token: string): void {
    localStorage.setItem(KEY, token);
    listeners.forEach((listener) => listener());
  },
  signOut(): void {
    if (localStorage.getItem(KEY) === null) return;
    localStorage.removeItem(KEY);
    // The next person to sign in on this browser starts on their own wallet.
    organizationStore.select(null);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
