import { Prisma } from '../generated/prisma/client.js';
import { effectiveRemaining } from '../credits/wallet-sql.js';
import type { OrganizationRole, SpendLimitPeriod } from '../generated/prisma/enums.js';

/**
 * The SQL fragments that put an organization's rules inside the credit hold and its release (README,
 * "Organizations"): the hold finds the wallet through the caller's membership (404 when there is none or
 * the organization is deleted), checks the role, and counts the request against the member's spend limit
 * in a usage counter row — all in the one hold statement, so a charged request stays at two round trips
 * and 20 concurrent requests cannot overshoot a limit.
 *
 * Counters: one row per (wallet, member, period kind, period start), kept for every kind of period
 * (DAY, WEEK, MONTH) whether or not the member has a limit, so setting or changing a limit never resets
 * what was already used. `used` = settled + held; a request counts in the periods of its hold.
 * Lock order: Wallet → the member's Organization and Membership rows (FOR SHARE, so a removal or deletion
 * that commits first is seen) → usage counter → CreditGrant rows.
 */

/** The start of the UTC calendar day, ISO week (Monday) or month `period` (a "SpendLimitPeriod") containing `at`. */
export function periodStart(period: Prisma.Sql, at: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(date_trunc(lower(${period}::text), ${at} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
}

export interface OrganizationSpender {
  organizationId: string;
  userId: string;
}

/**
 * Replaces the hold's `wallet` CTE: the organization's wallet, locked, when `userId` is a member with a
 * role in `roles` and the organization is not deleted; no row otherwise. Adds the member's limit.
 */
export function organizationWalletCte(spender: OrganizationSpender, roles: OrganizationRole[]): Prisma.Sql {
  return Prisma.sql`wallet AS (
        SELECT w.id, ${effectiveRemaining('w')} AS remaining, m."spendLimitCredits" AS "limit", m."spendLimitPeriod" AS period
        FROM "Wallet" w
        JOIN "Organization" o ON o.id = w."organizationId"
        JOIN "Membership" m ON m."organizationId" = o.id AND m."userId" = ${spender.userId}::uuid
        WHERE w."organizationId" = ${spender.organizationId}::uuid AND o."deletedAt" IS NULL
          AND m.role = ANY(${roles}::"OrganizationRole"[])
        FOR UPDATE OF w FOR SHARE OF o, m
      )`;
}

/**
 * After `wallet`: the member's usage in the limit's current period, read from its locked counter row
 * (`counter`), and whether `amount` more fits (`spend.allowed`; always true without a limit).
 */
export function spendLimitCtes(userId: string, amount: number): Prisma.Sql {
  return Prisma.sql`counter AS (
        SELECT c.settled + c.held AS used FROM "MemberUsageCounter" c
        WHERE c."walletId" = (SELECT id FROM wallet) AND c."userId" = ${userId}::uuid
          AND c.period = (SELECT period FROM wallet)
          AND c."periodStart" = ${periodStart(Prisma.sql`(SELECT period FROM wallet)`, Prisma.sql`now()`)}
        FOR UPDATE
      ), spend AS (
        SELECT wallet."limit", wallet.period::text AS period, ${periodStart(Prisma.sql`wallet.period`, Prisma.sql`now()`)} AS "periodStart",
               COALESCE((SELECT used FROM counter), 0)::int AS used,
               (wallet."limit" IS NULL OR COALESCE((SELECT used FROM counter), 0) + ${amount} <= wallet."limit") AS allowed
        FROM wallet
      )`;
}

/** The condition the grant scan adds, so nothing is locked or taken beyond the member's limit. */
export const SPEND_ALLOWED = Prisma.sql`(SELECT allowed FROM spend)`;

/**
 * After `take`: raises the member's counters by `amount`. The limit period's row is raised only while
 * settled + held + amount stays within the limit — checked on the row's latest version, which also covers
 * a row another hold created after this statement's snapshot (then `counter` could not see it and
 * `committed` stays empty: the caller retries with a fresh snapshot). The other periods' rows follow
 * only once the limit's row is raised. Nothing is held unless `committed` has its row.
 */
export function counterHoldCtes(userId: string, amount: number): Prisma.Sql {
  return Prisma.sql`limit_counter AS (
        INSERT INTO "MemberUsageCounter" ("walletId", "userId", period, "periodStart", held)
        SELECT wallet.id, ${userId}::uuid, wallet.period, ${periodStart(Prisma.sql`wallet.period`, Prisma.sql`now()`)}, ${amount}
        FROM wallet WHERE wallet."limit" IS NOT NULL AND ${amount} <= wallet."limit" AND EXISTS (SELECT 1 FROM take)
        ON CONFLICT ("walletId", "userId", period, "periodStart") DO UPDATE
        SET held = "MemberUsageCounter".held + EXCLUDED.held
        WHERE "MemberUsageCounter".settled + "MemberUsageCounter".held + EXCLUDED.held <= (SELECT "limit" FROM wallet)
        RETURNING 1
      ), committed AS (
        SELECT 1 FROM wallet
        WHERE EXISTS (SELECT 1 FROM take) AND (wallet."limit" IS NULL OR EXISTS (SELECT 1 FROM limit_counter))
      ), other_counters AS (
        INSERT INTO "MemberUsageCounter" ("walletId", "userId", period, "periodStart", held)
        SELECT wallet.id, ${userId}::uuid, p.period, ${periodStart(Prisma.sql`p.period`, Prisma.sql`now()`)}, ${amount}
        FROM wallet, unnest(enum_range(NULL::"SpendLimitPeriod")) AS p(period)
        WHERE p.period IS DISTINCT FROM wallet.period AND EXISTS (SELECT 1 FROM committed)
        ON CONFLICT ("walletId", "userId", period, "periodStart") DO UPDATE
        SET held = "MemberUsageCounter".held + EXCLUDED.held
      )`;
}

export const HOLD_COMMITTED = Prisma.sql`EXISTS (SELECT 1 FROM committed)`;

/**
 * For the release statement (settle, void, expiry), after its `released` (reservations leaving PENDING:
 * id, walletId, userId, amount, charge) and `wallets` (locked) CTEs: each released hold of an organization
 * wallet moves from `held` to `settled` (its charge) in the counters of the periods it was made in — also
 * when its member has left since (the counters are per wallet and user, not per membership).
 */
export const COUNTER_RELEASE_CTES = Prisma.sql`usage_release AS (
      SELECT r."walletId", r."userId", p.period,
             ${periodStart(Prisma.sql`p.period`, Prisma.sql`h."createdAt"`)} AS "periodStart",
             SUM(r.amount)::int AS held, SUM(r.charge)::int AS charged
      FROM released r
      JOIN "Wallet" ow ON ow.id = r."walletId" AND ow."ownerType" = 'ORGANIZATION'
      JOIN wallets lw ON lw.id = r."walletId"
      JOIN "Reservation" h ON h.id = r.id AND h."walletId" = r."walletId"
      CROSS JOIN unnest(enum_range(NULL::"SpendLimitPeriod")) AS p(period)
      GROUP BY r."walletId", r."userId", p.period, 4
    ), member_usage AS (
      UPDATE "MemberUsageCounter" c SET held = c.held - u.held, settled = c.settled + u.charged
      FROM usage_release u
      WHERE c."walletId" = u."walletId" AND c."userId" = u."userId" AND c.period = u.period AND c."periodStart" = u."periodStart"
    )`;

export interface TransferSpendRow {
  /** False when the member's limit refused the transfer. */
  allowed: boolean;
  limit: number | null;
  used: number | null;
  period: SpendLimitPeriod | null;
  periodStart: Date | null;
}

/**
 * A transfer out of an organization wallet counts against the transferring member's spend limit, like a
 * settled request: run inside the transfer's transaction, after its wallet lock (so this statement's
 * snapshot sees every counter row). Raises `settled` in all three period kinds' counters, the limit's
 * only while settled + held + amount stays within it. No row for a personal wallet (nothing to count).
 */
export function transferSpendStatement(walletId: string, userId: string, amount: number): Prisma.Sql {
  const start = (period: Prisma.Sql) => periodStart(period, Prisma.sql`now()`);
  return Prisma.sql`
    WITH member AS (
      SELECT w.id AS "walletId", m."spendLimitCredits" AS "limit", m."spendLimitPeriod" AS period
      FROM "Wallet" w
      JOIN "Membership" m ON m."organizationId" = w."organizationId" AND m."userId" = ${userId}::uuid
      WHERE w.id = ${walletId}::uuid AND w."ownerType" = 'ORGANIZATION'
    ), limit_counter AS (
      INSERT INTO "MemberUsageCounter" ("walletId", "userId", period, "periodStart", settled)
      SELECT member."walletId", ${userId}::uuid, member.period, ${start(Prisma.sql`member.period`)}, ${amount}
      FROM member WHERE member."limit" IS NOT NULL AND ${amount} <= member."limit"
      ON CONFLICT ("walletId", "userId", period, "periodStart") DO UPDATE
      SET settled = "MemberUsageCounter".settled + EXCLUDED.settled
      WHERE "MemberUsageCounter".settled + "MemberUsageCounter".held + EXCLUDED.settled <= (SELECT "limit" FROM member)
      RETURNING 1
    ), allowed AS (
      SELECT 1 FROM member WHERE member."limit" IS NULL OR EXISTS (SELECT 1 FROM limit_counter)
    ), other_counters AS (
      INSERT INTO "MemberUsageCounter" ("walletId", "userId", period, "periodStart", settled)
      SELECT member."walletId", ${userId}::uuid, p.period, ${start(Prisma.sql`p.period`)}, ${amount}
      FROM member, unnest(enum_range(NULL::"SpendLimitPeriod")) AS p(period)
      WHERE p.period IS DISTINCT FROM member.period AND EXISTS (SELECT 1 FROM allowed)
      ON CONFLICT ("walletId", "userId", period, "periodStart") DO UPDATE
      SET settled = "MemberUsageCounter".settled + EXCLUDED.settled
    )
    SELECT EXISTS (SELECT 1 FROM allowed) AS allowed, member."limit", member.period, ${start(Prisma.sql`member.period`)} AS "periodStart",
           COALESCE((SELECT c.settled + c.held FROM "MemberUsageCounter" c
                     WHERE c."walletId" = member."walletId" AND c."userId" = ${userId}::uuid AND c.period = member.period
                       AND c."periodStart" = ${start(Prisma.sql`member.period`)}), 0)::int AS used
    FROM member`;
}
