import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { WalletOwnerType } from '../generated/prisma/enums.js';

export type UsageGrouping = 'day' | 'route' | 'member';

export interface UsageBucket {
  key: string;
  credits: number;
  requests: number;
}

/**
 * Every charged request's USAGE row and its USAGE_REVERSAL (if support put the charge back), with the
 * route and the member taken from the reservation — the reversal's own actor is the admin, so the
 * member is always the user who made the request.
 */
function charges(walletId: string, from: Date, to: Date, onlyUserId?: string): Prisma.Sql {
  const member = onlyUserId ? Prisma.sql`AND r."userId" = ${onlyUserId}::uuid` : Prisma.empty;
  return Prisma.sql`charges AS (
    SELECT t."createdAt", t.amount, t.type, r.route, r."userId"
    FROM "CreditTransaction" t
    JOIN "Reservation" r ON r.id = t."reservationId" AND r."walletId" = t."walletId"
    WHERE t."walletId" = ${walletId}::uuid AND t.type IN ('USAGE', 'USAGE_REVERSAL')
      AND t."createdAt" >= ${from}::timestamptz AND t."createdAt" < ${to}::timestamptz ${member}
  )`;
}

/** credits: charged minus reversed; requests: charged requests minus reversed ones. */
const TOTALS = Prisma.sql`COALESCE(SUM(-c.amount), 0)::int AS credits,
  (COUNT(*) FILTER (WHERE c.type = 'USAGE' AND c.amount < 0) - COUNT(*) FILTER (WHERE c.type = 'USAGE_REVERSAL'))::int AS requests`;

/** What a wallet's requests were charged, read from its ledger (served by its (walletId, createdAt) index). */
@Injectable()
export class UsageRepository {
  constructor(private readonly sql: SqlDatabase) {}

  async ownerTypeOf(walletId: string): Promise<WalletOwnerType | undefined> {
    const rows = await this.sql.query<{ ownerType: WalletOwnerType }>(Prisma.sql`
      SELECT "ownerType" FROM "Wallet" WHERE id = ${walletId}::uuid`);
    return rows[0]?.ownerType;
  }

  /** One bucket per UTC day of [from, to), ascending, days without usage included. */
  byDay(walletId: string, from: Date, to: Date, onlyUserId?: string): Promise<UsageBucket[]> {
    return this.sql.query<UsageBucket>(Prisma.sql`
      WITH ${charges(walletId, from, to, onlyUserId)},
      days AS (
        SELECT to_char(d, 'YYYY-MM-DD') AS key
        FROM generate_series(
          date_trunc('day', ${from}::timestamptz AT TIME ZONE 'UTC'),
          date_trunc('day', (${to}::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC'),
          interval '1 day') AS d
      )
      SELECT days.key, ${TOTALS}
      FROM days LEFT JOIN charges c ON to_char(c."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') = days.key
      GROUP BY days.key
      ORDER BY days.key`);
  }

  /** By route (`POST /api/ai/generate`) or by member (user id), most credits first. */
  byKey(
    walletId: string,
    from: Date,
    to: Date,
    grouping: 'route' | 'member',
    onlyUserId?: string,
  ): Promise<UsageBucket[]> {
    const key = grouping === 'route' ? Prisma.sql`c.route` : Prisma.sql`c."userId"::text`;
    return this.sql.query<UsageBucket>(Prisma.sql`
      WITH ${charges(walletId, from, to, onlyUserId)}
      SELECT ${key} AS key, ${TOTALS}
      FROM charges c
      GROUP BY 1
      ORDER BY credits DESC, key`);
  }
}
