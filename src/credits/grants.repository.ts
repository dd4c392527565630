import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CreditCategory, CreditGrantSource, CreditGrantStatus } from '../generated/prisma/enums.js';
import { drawDownKey, drawDownOrder, expiredGrant } from './wallet-sql.js';

/** Which grants a list shows; ALL shows every one. */
export type GrantListFilter = CreditGrantStatus | 'ALL';

export interface GrantRow {
  id: string;
  source: CreditGrantSource;
  category: CreditCategory;
  amount: number;
  /** Effective: past its expiry, a grant keeps only the credits a pending hold may still settle. */
  remaining: number;
  held: number;
  priority: number;
  expiresAt: Date | null;
  orderId: string | null;
  createdAt: Date;
  /** Effective: an ACTIVE grant past its expiry lists as EXPIRED even before the sweeper ran. */
  status: CreditGrantStatus;
}

/** One grant a ledger movement took from (negative) or gave to (positive). */
export interface MovementGrant {
  transactionId: string;
  grantId: string;
  category: CreditCategory;
  amount: number;
}

/** The status a response shows: the sweeper's lag is never visible (README, "Wallets and grants"). */
const EFFECTIVE_STATUS = Prisma.sql`(CASE WHEN g.status = 'ACTIVE' AND ${expiredGrant('g')} THEN 'EXPIRED' ELSE g.status::text END)`;

/** Reads of a wallet's grants, and of which grants its ledger movements touched. */
@Injectable()
export class GrantsRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /**
   * A page of grants in draw-down order (the order credits leave them). The cursor carries the last
   * grant's (createdAt, id); the rest of its draw-down key is read from that grant, whose priority,
   * expiry and category never change, so pages never skip or repeat a grant.
   */
  listGrants(
    walletId: string,
    filter: GrantListFilter,
    limit: number,
    after?: KeysetPosition,
  ): Promise<GrantRow[]> {
    const status = filter === 'ALL' ? Prisma.empty : Prisma.sql`AND ${EFFECTIVE_STATUS} = ${filter}`;
    const position = after
      ? Prisma.sql`AND ${drawDownKey('g')} > (
          SELECT ${drawDownKey('last', 'columns')} FROM "CreditGrant" last
          WHERE last."walletId" = ${walletId}::uuid AND last.id = ${after.id}::uuid)`
      : Prisma.empty;
    return this.sql.query<GrantRow>(Prisma.sql`
      SELECT g.id, g.source, g.category, g.amount,
             (CASE WHEN g.status = 'ACTIVE' AND ${expiredGrant('g')} THEN g.held ELSE g.remaining END) AS remaining,
             g.held, g.priority, g."expiresAt", g."orderId", g."createdAt", ${EFFECTIVE_STATUS} AS status
      FROM "CreditGrant" g
      WHERE g."walletId" = ${walletId}::uuid ${status} ${position}
      ORDER BY ${drawDownOrder('g')}
      LIMIT ${limit}`);
  }

  /** The grants a page of ledger rows touched, in one query (never one per row). */
  movementGrants(walletId: string, transactionIds: string[]): Promise<MovementGrant[]> {
    if (transactionIds.length === 0) return Promise.resolve([]);
    return this.sql.query<MovementGrant>(Prisma.sql`
      SELECT a."transactionId", a."grantId", g.category, a.amount
      FROM "GrantAllocation" a
      JOIN "CreditGrant" g ON g.id = a."grantId" AND g."walletId" = a."walletId"
      WHERE a."walletId" = ${walletId}::uuid AND a."transactionId" = ANY(${transactionIds}::uuid[])
      ORDER BY a."transactionId", ${drawDownOrder('g')}`);
  }
}
