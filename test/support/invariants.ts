import { expect } from 'vitest';
import type { PrismaService } from '../../src/database/prisma.service.js';

/**
 * What must hold at every commit, checked after every e2e test file (per wallet):
 * - the ledger explains every balance: creditsTotal − creditsUsed == SUM(ledger amounts);
 * - creditsReserved == SUM(held) over its grants == SUM(amount) of its PENDING holds, and each PENDING
 *   hold's allocation adds up to it;
 * - SUM(remaining) over ACTIVE grants − debt == creditsTotal − creditsUsed;
 * - debt > 0 ⇒ no ACTIVE grant has available credits;
 * - the ledger explains the debt too: debt == SUM(debtAdded − debtPaid), and every row's grants add up to it
 *   (SUM(grant allocations) + debtPaid − debtAdded == amount) — on wallets not made by the wallets migration;
 * - no grant with negative remaining or held, or held > remaining; no counter below zero;
 * - an order is credited by at most one PURCHASE row;
 * - the webhook inbox holds one row per (provider, eventId);
 * - each member usage counter of an organization wallet equals what that member's holds made in its period
 *   settled (plus what they transferred out of it), and what they still hold.
 */
export async function assertInvariants(prisma: PrismaService): Promise<void> {
  const ledgerMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT w.id, w."creditsTotal" - w."creditsUsed" AS balance, COALESCE(SUM(t.amount), 0)::int AS ledger
    FROM "Wallet" w LEFT JOIN "CreditTransaction" t ON t."walletId" = w.id
    GROUP BY w.id
    HAVING w."creditsTotal" - w."creditsUsed" <> COALESCE(SUM(t.amount), 0)`;
  expect(ledgerMismatches, 'creditsTotal − creditsUsed == SUM(ledger)').toEqual([]);

  const reservedMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT w.id, w."creditsReserved",
           (SELECT COALESCE(SUM(r.amount), 0)::int FROM "Reservation" r WHERE r."walletId" = w.id AND r.status = 'PENDING') AS pending,
           (SELECT COALESCE(SUM(g.held), 0)::int FROM "CreditGrant" g WHERE g."walletId" = w.id) AS held
    FROM "Wallet" w
    WHERE w."creditsReserved" <> (SELECT COALESCE(SUM(r.amount), 0) FROM "Reservation" r WHERE r."walletId" = w.id AND r.status = 'PENDING')
       OR w."creditsReserved" <> (SELECT COALESCE(SUM(g.held), 0) FROM "CreditGrant" g WHERE g."walletId" = w.id)`;
  expect(reservedMismatches, 'creditsReserved == SUM(held) == SUM(pending holds)').toEqual([]);

  const allocationMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT r.id, r.amount, COALESCE(SUM(a.amount), 0)::int AS allocated
    FROM "Reservation" r LEFT JOIN "ReservationAllocation" a ON a."reservationId" = r.id
    WHERE r.status = 'PENDING'
    GROUP BY r.id
    HAVING r.amount <> COALESCE(SUM(a.amount), 0)`;
  expect(allocationMismatches, "a PENDING hold's allocation adds up to it").toEqual([]);

  const grantMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT w.id, w."creditsTotal" - w."creditsUsed" AS balance, w.debt,
           COALESCE(SUM(g.remaining) FILTER (WHERE g.status = 'ACTIVE'), 0)::int AS remaining
    FROM "Wallet" w LEFT JOIN "CreditGrant" g ON g."walletId" = w.id
    GROUP BY w.id
    HAVING COALESCE(SUM(g.remaining) FILTER (WHERE g.status = 'ACTIVE'), 0) - w.debt <> w."creditsTotal" - w."creditsUsed"`;
  expect(grantMismatches, 'SUM(remaining of ACTIVE grants) − debt == creditsTotal − creditsUsed').toEqual([]);

  // A wallet made by the wallets migration may open with debt that no row records, and its first-wave rows
  // name no grants (the first wave wrote clawbacks as a negative balance, before grants and debtAdded
  // existed): these two are checked on wallets born in this model.
  const debtHistoryMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT w.id, w.debt, COALESCE(SUM(t."debtAdded" - t."debtPaid"), 0)::int AS "fromLedger"
    FROM "Wallet" w LEFT JOIN "CreditTransaction" t ON t."walletId" = w.id
    WHERE NOT EXISTS (SELECT 1 FROM "CreditGrant" g WHERE g."walletId" = w.id AND g.source = 'MIGRATION')
    GROUP BY w.id
    HAVING w.debt <> COALESCE(SUM(t."debtAdded" - t."debtPaid"), 0)`;
  expect(debtHistoryMismatches, 'debt == SUM(debtAdded − debtPaid) of the ledger').toEqual([]);

  const rowMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT t.id, t.type, t.amount, t."debtPaid", t."debtAdded", COALESCE(SUM(a.amount), 0)::int AS grants
    FROM "CreditTransaction" t LEFT JOIN "GrantAllocation" a ON a."transactionId" = t.id
    WHERE NOT EXISTS (SELECT 1 FROM "CreditGrant" g WHERE g."walletId" = t."walletId" AND g.source = 'MIGRATION')
    GROUP BY t.id
    HAVING COALESCE(SUM(a.amount), 0) + t."debtPaid" - t."debtAdded" <> t.amount`;
  expect(rowMismatches, "a ledger row's grants + debtPaid − debtAdded == its amount").toEqual([]);

  const nonActiveLeftovers = await prisma.$queryRaw<unknown[]>`
    SELECT id, status, remaining, held FROM "CreditGrant" WHERE status <> 'ACTIVE' AND (remaining <> 0 OR held <> 0)`;
  expect(nonActiveLeftovers, 'a grant that is not ACTIVE holds nothing').toEqual([]);

  const debtWithCredits = await prisma.$queryRaw<unknown[]>`
    SELECT w.id, w.debt FROM "Wallet" w
    WHERE w.debt > 0 AND EXISTS (SELECT 1 FROM "CreditGrant" g WHERE g."walletId" = w.id AND g.status = 'ACTIVE'
                                   AND g.remaining > g.held AND (g."expiresAt" IS NULL OR g."expiresAt" > now()))`;
  expect(debtWithCredits, 'debt > 0 ⇒ no ACTIVE grant has available credits').toEqual([]);

  const badGrants = await prisma.$queryRaw<unknown[]>`
    SELECT id FROM "CreditGrant" WHERE remaining < 0 OR held < 0 OR held > remaining`;
  expect(badGrants, 'no grant with negative remaining or held, or held > remaining').toEqual([]);

  const negative = await prisma.$queryRaw<unknown[]>`
    SELECT id FROM "Wallet" WHERE "creditsUsed" < 0 OR "creditsReserved" < 0 OR debt < 0`;
  expect(negative, 'no negative creditsUsed, creditsReserved or debt').toEqual([]);

  const doublePurchases = await prisma.$queryRaw<unknown[]>`
    SELECT "orderId" FROM "CreditTransaction" WHERE type = 'PURCHASE' GROUP BY "orderId" HAVING COUNT(*) > 1`;
  expect(doublePurchases, 'at most one PURCHASE per order').toEqual([]);

  const counterMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT c."walletId", c."userId", c.period, c."periodStart", c.settled, c.held, x.settled AS "holdsSettled", x.held AS "holdsHeld"
    FROM "MemberUsageCounter" c
    CROSS JOIN LATERAL (
      SELECT COALESCE(SUM(r."settledAmount") FILTER (WHERE r.status = 'SETTLED'), 0)::int AS settled,
             COALESCE(SUM(r.amount) FILTER (WHERE r.status = 'PENDING'), 0)::int AS held
      FROM "Reservation" r
      WHERE r."walletId" = c."walletId" AND r."userId" = c."userId"
        AND date_trunc(lower(c.period::text), r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = c."periodStart"
    ) x
    CROSS JOIN LATERAL (
      SELECT COALESCE(SUM(-t.amount), 0)::int AS settled FROM "CreditTransaction" t
      WHERE t."walletId" = c."walletId" AND t."actorUserId" = c."userId" AND t.type = 'TRANSFER_OUT'
        AND date_trunc(lower(c.period::text), t."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = c."periodStart"
    ) moved
    WHERE c.settled <> x.settled + moved.settled OR c.held <> x.held`;
  expect(
    counterMismatches,
    "a member's usage counter == their holds of that period (settled, pending)",
  ).toEqual([]);

  const duplicateEvents = await prisma.$queryRaw<unknown[]>`
    SELECT provider, "eventId" FROM "WebhookEvent" GROUP BY provider, "eventId" HAVING COUNT(*) > 1`;
  expect(duplicateEvents, 'one inbox row per (provider, eventId)').toEqual([]);
}
