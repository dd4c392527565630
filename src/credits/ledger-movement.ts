import type { CreditCategory, CreditGrantSource, CreditTransactionType } from '../generated/prisma/enums.js';

/**
 * A movement of a wallet's credits other than usage (purchases, grants, restores, clawbacks,
 * adjustments), as LedgerRepository.applyMovement takes it from fulfilment.
 */
export interface LedgerMovement {
  type: Exclude<CreditTransactionType, 'USAGE'>;
  /** Signed: positive brings credits in (a new grant), negative takes them out (clawback, adjustment). */
  amount: number;
  /** Unique per wallet (`order:<id>`, `refund:stripe:<id>`, `grant:<uuid>` …): applying it twice fails. */
  reference: string;
  description: string;
  orderId?: string | null;
  /** The source of the grant a positive PURCHASE makes: AUTO_TOP_UP for an off-session order; default PURCHASE. */
  grantSource?: Extract<CreditGrantSource, 'PURCHASE' | 'AUTO_TOP_UP'>;
}

/** How a new grant is made: source, category, priority and expiry. */
export interface GrantTerms {
  source: CreditGrantSource;
  category: CreditCategory;
  /** 0–100, lower is drawn first; default 50. */
  priority?: number;
  expiresAt?: Date | null;
}

/** The largest balance a wallet can hold: the counters are PostgreSQL integers. */
export const MAX_CREDITS_TOTAL = 2_147_483_647;

export interface LedgerEntry {
  id: string;
  walletId: string;
  userId: string | null;
  type: CreditTransactionType;
  amount: number;
  balanceAfter: number;
  debtPaid: number;
  debtAdded: number;
  orderId: string | null;
  description: string;
  createdAt: Date;
  /** The wallet's effective remaining after the movement. */
  remaining: number;
  /** The grant an incoming movement created. */
  grantId?: string;
}
