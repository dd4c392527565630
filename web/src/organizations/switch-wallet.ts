import type { QueryClient } from '@tanstack/react-query';
import { organizationStore } from '../auth/organization-store.js';

/** Cached answers that do not depend on the selected wallet: who I am, my organizations, the price list. */
const WALLET_INDEPENDENT = new Set(['me', 'organizations', 'packs', 'quote']);

/**
 * Acts on another wallet from now on (null: the personal one). Every cached answer of the previous
 * wallet is dropped and the screen on display asks again, so no figure of one wallet is ever shown
 * under another's name.
 */
export function switchWallet(queryClient: QueryClient, organizationId: string | null): void {
  if (organizationId === organizationStore.selected()) return;
  organizationStore.select(organizationId);
  void queryClient.resetQueries({
    predicate: (query) => !WALLET_INDEPENDENT.has(String(query.queryKey[0])),
  });
}
