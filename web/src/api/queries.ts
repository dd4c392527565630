import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../../client/src/index.js';
import { api, unwrap } from './client.js';

/**
 * Every read and write of the app, as TanStack Query hooks over the typed client. Keys are arrays
 * starting with the resource, so a write invalidates exactly what it changed.
 */

export type Transaction = Schemas['LedgerTransactionDto'];
export type Order = Schemas['OrderDto'];
export type BillingAddress = Schemas['BillingAddressDto'];
export type BillingAddressInput = Schemas['PutBillingAddressDto'];

/** An order is still open while the provider has not said how it ended. */
export const OPEN_ORDER_STATUSES: readonly Order['status'][] = ['PENDING', 'AWAITING_PAYMENT'];

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => unwrap(await api.GET('/api/auth/me')) });
}

export function useBalance() {
  return useQuery({
    queryKey: ['balance'],
    queryFn: async () => unwrap(await api.GET('/api/credits/balance')),
  });
}

export function useTransactions(limit: number, cursor?: string) {
  return useQuery({
    queryKey: ['transactions', limit, cursor ?? null],
    queryFn: async () =>
      unwrap(await api.GET('/api/credits/transactions', { params: { query: { limit, cursor } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePacks() {
  return useQuery({
    queryKey: ['packs'],
    queryFn: async () => unwrap(await api.GET('/api/billing/packs')),
    staleTime: 5 * 60_000,
  });
}

/** The API's price for `credits` (never computed here); off while `credits` is null. */
export function useQuote(credits: number | null) {
  return useQuery({
    queryKey: ['quote', credits],
    queryFn: async () =>
      unwrap(await api.GET('/api/billing/quote', { params: { query: { credits: credits! } } })),
    enabled: credits !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: async (body: { credits: number; provider?: string }) =>
      unwrap(
        await api.POST('/api/billing/checkout-sessions', {
          // A double-clicked Buy creates one order: the service replays the first answer.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: {
            credits: body.credits,
            provider: body.provider as 'stripe' | 'dodo' | 'sandbox' | undefined,
          },
        }),
      ),
  });
}

export function useOrders(limit: number, cursor?: string) {
  return useQuery({
    queryKey: ['orders', limit, cursor ?? null],
    queryFn: async () =>
      unwrap(await api.GET('/api/billing/orders', { params: { query: { limit, cursor } } })),
    placeholderData: keepPreviousData,
  });
}

/** Follows an order: asks again every 1.5 s while it is open, stops once the provider has decided. */
export function useFollowedOrder(orderId: string) {
  return useQuery({
    queryKey: ['orders', 'one', orderId],
    queryFn: async () =>
      unwrap(await api.GET('/api/billing/orders/{id}', { params: { path: { id: orderId } } })),
    refetchInterval: (query) =>
      query.state.data && OPEN_ORDER_STATUSES.includes(query.state.data.status) ? 1500 : false,
  });
}

export function useBillingAddress() {
  return useQuery({
    queryKey: ['billing-address'],
    queryFn: async () => {
      const result = await api.GET('/api/billing/address');
      // 404 NOT_FOUND is the API's way of saying "none saved yet": an empty form, not an error.
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

export function useSaveBillingAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BillingAddressInput) => unwrap(await api.PUT('/api/billing/address', { body })),
    onSuccess: (saved) => queryClient.setQueryData(['billing-address'], saved),
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: ['api-keys'],
    queryFn: async () => unwrap(await api.GET('/api/auth/api-keys')),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST('/api/auth/api-keys', { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/api/auth/api-keys/{id}', { params: { path: { id } } });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useSignIn(mode: 'sign-in' | 'register') {
  return useMutation({
    mutationFn: async (body: { email: string; password: string; name?: string }) =>
      mode === 'register'
        ? unwrap(await api.POST('/api/auth/register', { body }))
        : unwrap(await api.POST('/api/auth/login', { body: { email: body.email, password: body.password } })),
  });
}
