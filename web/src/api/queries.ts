import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../../client/src/index.js';
import { api, ORGANIZATION_HEADER, unwrap } from './client.js';

/**
 * Every read and write of the app, as TanStack Query hooks over the typed client. Keys are arrays
 * starting with the resource, so a write invalidates exactly what it changed.
 */

export type Transaction = Schemas['LedgerTransactionDto'];
export type Grant = Schemas['GrantDto'];
export type ExpiringGrant = Schemas['ExpiringGrantDto'];
export type GrantStatusFilter = 'ACTIVE' | 'EXPIRED' | 'DEPLETED' | 'VOIDED' | 'ALL';
export type Organization = Schemas['OrganizationDto'];
export type Member = Schemas['MemberDto'];
export type OrganizationRole = Schemas['OrganizationRole'];
export type SpendLimit = Schemas['SpendLimitDto'];
export type Order = Schemas['OrderDto'];
export type BillingAddress = Schemas['BillingAddressDto'];
export type BillingAddressInput = Schemas['PutBillingAddressDto'];
export type AutoTopUp = Schemas['AutoTopUpDto'];
export type AutoTopUpInput = Schemas['PutAutoTopUpDto'];
export type AutoTopUpAttempt = Schemas['AutoTopUpAttemptDto'];

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

/** An organization's balance read without switching to it (the organization screen). */
export function useOrganizationBalance(organizationId: string) {
  return useQuery({
    queryKey: ['organizations', organizationId, 'balance'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/credits/balance', {
          params: { header: { [ORGANIZATION_HEADER]: organizationId } },
        }),
      ),
  });
}

/** An organization's purchases, read without switching to it; a MEMBER is refused (403) by the API. */
export function useOrganizationOrders(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['organizations', organizationId, 'orders'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/billing/orders', {
          params: { query: { limit: 5 }, header: { [ORGANIZATION_HEADER]: organizationId } },
        }),
      ),
    enabled,
  });
}

/** Credits spent per UTC day over the API's default window (the 30 days ending today, zero days included). */
export function useDailyUsage() {
  return useQuery({
    queryKey: ['usage', 'day'],
    queryFn: async () =>
      unwrap(await api.GET('/api/credits/usage', { params: { query: { groupBy: 'day' } } })),
  });
}

export function useGrants(status: GrantStatusFilter, limit: number, cursor?: string) {
  return useQuery({
    queryKey: ['grants', status, limit, cursor ?? null],
    queryFn: async () =>
      unwrap(await api.GET('/api/credits/grants', { params: { query: { status, limit, cursor } } })),
    placeholderData: keepPreviousData,
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
    mutationFn: async (body: { credits: number; provider?: string; savePaymentMethod?: boolean }) =>
      unwrap(
        await api.POST('/api/billing/checkout-sessions', {
          // A double-clicked Buy creates one order: the service replays the first answer.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: {
            credits: body.credits,
            provider: body.provider as 'stripe' | 'dodo' | 'sandbox' | undefined,
            ...(body.savePaymentMethod ? { savePaymentMethod: true } : {}),
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

export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: async () => unwrap(await api.GET('/api/organizations')),
  });
}

export function useOrganization(organizationId: string) {
  return useQuery({
    queryKey: ['organizations', organizationId],
    queryFn: async () =>
      unwrap(await api.GET('/api/organizations/{id}', { params: { path: { id: organizationId } } })),
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST('/api/organizations', { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organizations'] }),
  });
}

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: ['organizations', organizationId, 'members'],
    queryFn: async () =>
      unwrap(await api.GET('/api/organizations/{id}/members', { params: { path: { id: organizationId } } })),
  });
}

export function useAddMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; role: OrganizationRole }) =>
      unwrap(
        await api.POST('/api/organizations/{id}/members', {
          params: { path: { id: organizationId } },
          body,
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['organizations', organizationId, 'members'] }),
  });
}

/** A role, or a spend limit (`spendLimit: null` removes it). */
export function useUpdateMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      userId,
      ...body
    }: {
      userId: string;
      role?: OrganizationRole;
      spendLimit?: SpendLimit | null;
    }) =>
      unwrap(
        await api.PATCH('/api/organizations/{id}/members/{userId}', {
          params: { path: { id: organizationId, userId } },
          body,
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['organizations', organizationId, 'members'] }),
  });
}

export function useRemoveMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      const result = await api.DELETE('/api/organizations/{id}/members/{userId}', {
        params: { path: { id: organizationId, userId } },
      });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['organizations', organizationId, 'members'] }),
  });
}

/** An attempt the worker has not finished with yet. */
export const IN_FLIGHT_ATTEMPT_STATUSES: readonly AutoTopUpAttempt['status'][] = ['PENDING', 'CHARGING'];

/** The wallet's rule and saved card (an organization MEMBER gets the API's 403). */
export function useAutoTopUp() {
  return useQuery({
    queryKey: ['auto-top-up'],
    queryFn: async () => unwrap(await api.GET('/api/credits/auto-top-up')),
  });
}

/** Newest first; asked again every 2 s while the newest attempt is in flight, so its outcome shows up. */
export function useAutoTopUpAttempts(limit: number, cursor: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['auto-top-up', 'attempts', limit, cursor ?? null],
    queryFn: async () =>
      unwrap(await api.GET('/api/credits/auto-top-up/attempts', { params: { query: { limit, cursor } } })),
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: (query) =>
      query.state.data?.items.some((attempt) => IN_FLIGHT_ATTEMPT_STATUSES.includes(attempt.status))
        ? 2000
        : false,
  });
}

export function useSaveAutoTopUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AutoTopUpInput) => unwrap(await api.PUT('/api/credits/auto-top-up', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['auto-top-up'], saved);
      // Enabling below the threshold tops up at once: the attempts list has a new row.
      void queryClient.invalidateQueries({ queryKey: ['auto-top-up', 'attempts'] });
    },
  });
}

export function useDisableAutoTopUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/api/credits/auto-top-up');
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auto-top-up'], exact: true }),
  });
}

export function useForgetPaymentMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/api/credits/payment-method');
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auto-top-up'], exact: true }),
  });
}
