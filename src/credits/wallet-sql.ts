import { Prisma } from '../generated/prisma/client.js';

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
