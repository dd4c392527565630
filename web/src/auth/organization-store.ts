/**
 * Which wallet the app acts on: null for the personal wallet, else an organization's id. Kept in
 * localStorage next to the token, so a provider's redirect back to an order's return page still asks
 * for the organization's order. Signing out forgets it (sessionStore calls `clear`).
 */
const KEY = 'forge-credits.organization-id';
const listeners = new Set<() => void>();

export const organizationStore = {
  selected(): string | null {
    return localStorage.getItem(KEY);
  },
  select(organizationId: string | null): void {
    if (organizationId === organizationStore.selected()) return;
    if (organizationId === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, organizationId);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
