import { Prisma } from '../generated/prisma/client.js';
import { MAX_CREDITS_TOTAL } from './ledger-movement.js';

/**
 * The SQL fragments every credit statement shares, each written once (README, "Wallets and grants").
 * Fragments take the alias of the row they read, so a statement can use them on any CTE or table alias.
 */

/** A wallet's stored `remaining`: creditsTotal − creditsUsed − creditsReserved. */
export function storedRemaining(wallet: string): Prisma.Sql {
  const w = Prisma.raw(`"${wallet}"`);
  return Prisma.sql`(${w}."creditsTotal" - ${w}."creditsUsed" - ${w}."creditsReserved")`;
}

/**
 * The available credits of a wallet's grants that are past expiry but not swept yet. Responses subtract
 * them from creditsTotal and remaining, so nobody is shown credits that can no longer be spent.
 */
export function unsweptExpired(walletId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(SUM(x.remaining - x.held), 0)::int FROM "CreditGrant" x
    WHERE x."walletId" = ${walletId} AND x.status = 'ACTIVE' AND x."expiresAt" <= now())`;
}

/** The `remaining` every response shows: stored remaining minus unswept expired credits. */
export function effectiveRemaining(wallet: string): Prisma.Sql {
  return Prisma.sql`(${storedRemaining(wallet)} - ${unsweptExpired(Prisma.raw(`"${wallet}".id`))})`;
}

/** A grant whose available credits may be held, spent, clawed back or transferred right now. */
export function usableGrant(grant: string): Prisma.Sql {
  const g = Prisma.raw(`"${grant}"`);
  return Prisma.sql`${g}.status = 'ACTIVE' AND (${g}."expiresAt" IS NULL OR ${g}."expiresAt" > now())`;
}

/** Past its expiry (the sweeper, or a settle giving credits back, writes its available credits off). */
export function expiredGrant(grant: string): Prisma.Sql {
  const g = Prisma.raw(`"${grant}"`);
  return Prisma.sql`(${g}."expiresAt" IS NOT NULL AND ${g}."expiresAt" <= now())`;
}

/**
 * The draw-down order, the one definition: lower priority first; then the soonest expiry, grants without
 * expiry last; then PROMOTIONAL before PAID; then the oldest; then id. Deterministic: the same grants
 * always come out in the same order. Columns are read from `grant`, which must carry priority,
 * "expiresAt", category, "createdAt" and id.
 */
export function drawDownOrder(grant: string): Prisma.Sql {
  const g = Prisma.raw(`"${grant}"`);
  return Prisma.sql`${g}.priority, ${g}."expiresAt" ASC NULLS LAST, (${g}.category = 'PAID'), ${g}."createdAt", ${g}.id`;
}

/**
 * The status a grant has after credits left it: DEPLETED when empty. Only the expiry sweeper makes a
 * grant EXPIRED (when it writes off the last available credits of an unheld one), so an ACTIVE grant
 * past expiry always still has its available credits to write off.
 */
export function grantStatusAfter(grant: string, remaining: Prisma.Sql): Prisma.Sql {
  const g = Prisma.raw(`"${grant}"`);
  return Prisma.sql`(CASE WHEN ${g}.status <> 'ACTIVE' THEN ${g}.status
    WHEN ${remaining} = 0 THEN 'DEPLETED'
    ELSE 'ACTIVE' END)::"CreditGrantStatus"`;
}

/**
 * drawDownOrder as a row value, for keyset comparisons: `(key) > (key of the last grant of a page)`.
 * `expiresAt` NULL becomes +infinity, which sorts exactly like ASC NULLS LAST. `columns` drops the
 * parentheses, for a subquery's select list.
 */
export function drawDownKey(grant: string, form: 'row' | 'columns' = 'row'): Prisma.Sql {
  const g = Prisma.raw(`"${grant}"`);
  const columns = Prisma.sql`${g}.priority, COALESCE(${g}."expiresAt", 'infinity'::timestamptz), (${g}.category = 'PAID'), ${g}."createdAt", ${g}.id`;
  return form === 'row' ? Prisma.sql`(${columns})` : columns;
}

/**
 * Credits coming into a wallet pay its debt first; only the rest becomes grants. The CTEs `wallet` (the
 * wallet locked, with its debt), `pieces`, `paying`, `moved` and `new_grants`, for a statement to go on
 * from. `pieces` is a SELECT of the new grants, one row each: id, source, category, amount, priority,
 * "expiresAt", "createdAt", "orderId" and reference, with amounts that add up to `amount`. The pieces pay
 * the debt in draw-down order (`paying` adds each one's "debtPaid"); each grant keeps what its piece did
 * not pay, DEPLETED when that is nothing. `moved` raises creditsTotal by `amount` and lowers the debt by
 * what was paid, and returns the wallet's id, "userId", "organizationId", "debtPaid", balance and
 * effective remaining; nothing is written when creditsTotal would pass MAX_CREDITS_TOTAL.
 */
export function incomingGrants(walletId: string, amount: number, pieces: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`wallet AS (
        SELECT id, debt FROM "Wallet" WHERE id = ${walletId}::uuid FOR UPDATE
      ), pieces AS (${pieces}
      ), paying AS (
        SELECT p.*, LEAST(p.amount, GREATEST(0, wallet.debt - (SUM(p.amount) OVER (ORDER BY ${drawDownOrder('p')}) - p.amount)))::int AS "debtPaid"
        FROM pieces p, wallet
      ), moved AS (
        UPDATE "Wallet" w
        SET "creditsTotal" = w."creditsTotal" + ${amount}, debt = w.debt - LEAST(wallet.debt, ${amount}), "updatedAt" = now()
        FROM wallet
        WHERE w.id = wallet.id AND w."creditsTotal"::bigint + ${amount} <= ${MAX_CREDITS_TOTAL}
        RETURNING w.id, w."userId", w."organizationId", LEAST(wallet.debt, ${amount})::int AS "debtPaid",
                  w."creditsTotal" - w."creditsUsed" AS balance, ${effectiveRemaining('w')} AS remaining
      ), new_grants AS (
        INSERT INTO "CreditGrant" (id, "walletId", source, category, amount, remaining, priority, "expiresAt", "orderId", status, reference)
        SELECT p.id, moved.id, p.source, p.category, p.amount, p.amount - p."debtPaid", p.priority, p."expiresAt", p."orderId",
               (CASE WHEN p.amount = p."debtPaid" THEN 'DEPLETED' ELSE 'ACTIVE' END)::"CreditGrantStatus", p.reference
        FROM paying p, moved
        RETURNING id, source, category, amount, remaining, "expiresAt"
      )`;
}

/** After incomingGrants, the ledger row `entry` allocated to the grants it made (none to debt it paid). */
export const INCOMING_ALLOCATIONS = Prisma.sql`
        INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
        SELECT entry.id, g.id, entry."walletId", g.remaining FROM entry, new_grants g WHERE g.remaining > 0
      `;
