import { autoTopUpTriggerCtes } from '../auto-top-up/auto-top-up-sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { COUNTER_RELEASE_CTES } from '../organizations/member-usage-sql.js';
import { drawDownOrder, effectiveRemaining, expiredGrant, grantStatusAfter } from './wallet-sql.js';

/**
 * The statement that ends holds — settle, void and the sweep of dead requests' holds — written once for
 * CreditsRepository (docs/architecture.md, "How a priced request flows").
 */

/**
 * What the hold statement found out about its reservation that lets the settle leave out what cannot
 * apply to it, so that the hot path does not pay for it (fewer tables opened and locked per statement;
 * measured in bench/RESULTS.md). Facts of the rows, not of the caller: the hold reads them.
 * - `organizationWallet`: only an organization wallet's holds count in member spend counters
 *   (a wallet never changes owner).
 * - `grantMayExpireDuringHold`: some grant the hold took from expires before the hold does. If none
 *   does, no grant can be past expiry when the settle runs (a settle needs its hold unexpired), so
 *   nothing it gives back can need writing off.
 * A settle without a scope includes everything (the statement is correct for any reservation).
 */
export interface SettleScope {
  organizationWallet: boolean;
  grantMayExpireDuringHold: boolean;
}

export const FULL_SCOPE: SettleScope = { organizationWallet: true, grantMayExpireDuringHold: true };

type ReleaseMode = 'settle' | 'release';

/**
 * Settle, void and expiry share one statement shape: `released` (a CTE the caller writes) moves
 * reservations out of PENDING and returns (id, walletId, userId, amount, charge, route); the rest charges
 * `charge` from each allocation in draw-down order and gives the remainder back to the same grants —
 * paying the wallet's debt first, and writing off (EXPIRATION rows) what goes back to a grant past expiry.
 */
export function releaseStatement(
  released: Prisma.Sql,
  mode: ReleaseMode,
  apiKeyId: string | null,
  extra: Prisma.Sql,
  result: Prisma.Sql,
  scope: SettleScope = FULL_SCOPE,
): Prisma.Sql {
  // The change's ledger row: a settle's USAGE row carries what it charged and the debt its give-back paid; a
  // release charges nothing, so it writes a DEBT_PAYMENT row (amount 0) only when its give-back paid debt —
  // the ledger explains the debt too (docs/wallets.md). One row per wallet (a sweep may release several of
  // its holds at once), named after its first reservation.
  const row =
    mode === 'settle'
      ? {
          type: Prisma.sql`'USAGE'`,
          actor: Prisma.sql`r."userId"`,
          reference: Prisma.sql`'usage:' || r.id`,
          description: Prisma.sql`'Usage: ' || r.route`,
        }
      : {
          type: Prisma.sql`'DEBT_PAYMENT'`,
          actor: Prisma.sql`NULL::uuid`,
          reference: Prisma.sql`'debt:' || r.id`,
          description: Prisma.sql`'Held credits given back (' || r.route || ') paid debt'`,
        };
  const ledgerRow = Prisma.sql`, ledger_row AS (
      INSERT INTO "CreditTransaction" (id, "walletId", "userId", "actorUserId", "apiKeyId", type, amount, "balanceAfter",
                                       "debtPaid", "reservationId", reference, description)
      SELECT gen_random_uuid(), u.id, u."userId", ${row.actor}, ${apiKeyId}::uuid, ${row.type}, -u.charged,
             u.balance + u."writtenOff", u."debtPaid", r.id, ${row.reference}, ${row.description}
      FROM wallet_update u
      CROSS JOIN LATERAL (SELECT id, "userId", route FROM released WHERE "walletId" = u.id ORDER BY id LIMIT 1) r
      WHERE u.charged > 0 OR u."debtPaid" > 0
      RETURNING id, "walletId"
    ), ledger_row_grants AS (
      INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
      SELECT l.id, p.id, p."walletId", -(p.charged + p."debtPaid")
      FROM ledger_row l JOIN paid p ON p."walletId" = l."walletId"
      WHERE p.charged + p."debtPaid" > 0
    )`;
  // See SettleScope: without a grant that can expire during the hold, nothing is past expiry and nothing is
  // written off; only an organization wallet's holds are in member counters.
  const expired = scope.grantMayExpireDuringHold ? expiredGrant('g') : Prisma.sql`false`;
  const writeOffs = scope.grantMayExpireDuringHold
    ? Prisma.sql`, expirations AS (
      INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", "reservationId", reference, description)
      SELECT p."expiryId", p."walletId", u."userId", 'EXPIRATION', -p."writtenOff", u.balance, p."reservationId"::uuid,
             'expiry:' || p.id || ':' || p."reservationId", 'Expired credits given back by a request'
      FROM paid p JOIN wallet_update u ON u.id = p."walletId"
      WHERE p."writtenOff" > 0
    ), expiration_grants AS (
      INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
      SELECT p."expiryId", p.id, p."walletId", -p."writtenOff" FROM paid p WHERE p."writtenOff" > 0
    )`
    : Prisma.empty;
  const memberCounters = scope.organizationWallet ? Prisma.sql`, ${COUNTER_RELEASE_CTES}` : Prisma.empty;
  // Only spending starts an auto top-up; giving a hold back never does (src/auto-top-up/auto-top-up-sql.ts).
  const autoTopUp = mode === 'settle' ? Prisma.sql`, ${autoTopUpTriggerCtes('wallet_update')}` : Prisma.empty;
  return Prisma.sql`
    WITH ${released}, wallets AS (
      SELECT w.id, w.debt FROM "Wallet" w
      WHERE w.id IN (SELECT "walletId" FROM released)
      ORDER BY w.id
      FOR UPDATE
    ), alloc AS (
      SELECT a."reservationId", a."grantId", a.amount
      FROM "ReservationAllocation" a JOIN released r ON r.id = a."reservationId" AND r."walletId" = a."walletId"
    ), locked AS (
      SELECT g.id, g."walletId", g.priority, g."expiresAt", g.category, g."createdAt", ${expired} AS expired
      FROM "CreditGrant" g
      WHERE g."walletId" IN (SELECT id FROM wallets) AND g.id IN (SELECT "grantId" FROM alloc)
      ORDER BY g.id
      FOR UPDATE
    ), charged AS (
      SELECT l.*, a."reservationId", a.amount AS held,
             LEAST(a.amount, GREATEST(0, r.charge - (SUM(a.amount) OVER (PARTITION BY a."reservationId" ORDER BY ${drawDownOrder('l')}) - a.amount)))::int AS charged
      FROM alloc a JOIN locked l ON l.id = a."grantId" JOIN released r ON r.id = a."reservationId"
    ), per_grant AS (
      SELECT id, "walletId", priority, "expiresAt", category, "createdAt", expired,
             SUM(held)::int AS held, SUM(charged)::int AS charged, SUM(held - charged)::int AS back,
             MIN("reservationId"::text) AS "reservationId"
      FROM charged
      GROUP BY id, "walletId", priority, "expiresAt", category, "createdAt", expired
    ), paid AS (
      SELECT p.*,
             CASE WHEN p.expired THEN 0 ELSE LEAST(p.back, GREATEST(0, w.debt -
               (SUM(CASE WHEN p.expired THEN 0 ELSE p.back END) OVER (PARTITION BY p."walletId" ORDER BY ${drawDownOrder('p')}) - p.back)))
             END::int AS "debtPaid",
             CASE WHEN p.expired THEN p.back ELSE 0 END AS "writtenOff",
             gen_random_uuid() AS "expiryId"
      FROM per_grant p JOIN wallets w ON w.id = p."walletId"
    ), grant_update AS (
      UPDATE "CreditGrant" g
      SET held = g.held - p.held,
          remaining = g.remaining - p.charged - p."debtPaid" - p."writtenOff",
          status = ${grantStatusAfter('g', Prisma.sql`g.remaining - p.charged - p."debtPaid" - p."writtenOff"`)}
      FROM paid p WHERE g.id = p.id AND g."walletId" = p."walletId"
      RETURNING g.id
    ), per_wallet AS (
      SELECT "walletId", SUM(held)::int AS held, SUM(charged)::int AS charged, SUM("debtPaid")::int AS "debtPaid",
             SUM("writtenOff")::int AS "writtenOff"
      FROM paid GROUP BY "walletId"
    ), wallet_update AS (
      UPDATE "Wallet" w
      SET "creditsUsed" = w."creditsUsed" + s.charged, "creditsReserved" = w."creditsReserved" - s.held,
          "creditsTotal" = w."creditsTotal" - s."writtenOff", debt = w.debt - s."debtPaid", "updatedAt" = now()
      FROM per_wallet s WHERE w.id = s."walletId"
      RETURNING w.id, w."userId", w."creditsTotal" - w."creditsUsed" AS balance, s.charged, s."debtPaid", s."writtenOff",
                ${effectiveRemaining('w')} AS remaining
    )${writeOffs}${memberCounters}${ledgerRow}${autoTopUp}${extra}
    ${result}`;
}
