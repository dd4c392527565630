import type { Request } from 'express';
import type { OrganizationRole } from '../generated/prisma/enums.js';

export const ORGANIZATION_HEADER = 'x-organization-id';

/**
 * Which wallet a request acts on (README, "Organizations"): the caller's personal wallet, or an
 * organization's — named by `X-Organization-Id`, or implied by an organization API key. Resolved once per
 * request by WalletContextGuard; read with @CurrentWallet().
 */
export interface WalletContext {
  /** Null: the personal wallet. */
  organizationId: string | null;
  /**
   * The wallet's id. On priced routes an organization's wallet is left for the hold statement to find
   * (it checks membership, role and deletion in the same round trip), so it is null there until then.
   */
  walletId: string | null;
  /** The caller's role in the organization; null for the personal wallet and on priced routes. */
  role: OrganizationRole | null;
}

/** A resolved context: the wallet is known. */
export type ResolvedWalletContext = WalletContext & { walletId: string };

const contexts = new WeakMap<Request, WalletContext>();

export function attachWalletContext(request: Request, context: WalletContext): void {
  contexts.set(request, context);
}

export function walletContextOf(request: Request): WalletContext | undefined {
  return contexts.get(request);
}

/**
 * The wallet as far as a request names it, for the idempotency fingerprint: the same key and body sent
 * for another wallet is another request.
 */
export function walletSelectorOf(request: Request): string {
  const organizationId = contexts.get(request)?.organizationId;
  return organizationId ? `organization:${organizationId}` : 'personal';
}
