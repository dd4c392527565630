import { expect } from 'vitest';
import type { PrismaService } from '../../src/database/prisma.service.js';

/**
 * What must hold at every commit, checked after every e2e test file:
 * - the ledger explains every balance: creditsTotal − creditsUsed == SUM(ledger amounts);
 * - creditsReserved is exactly what PENDING holds hold; no counter below zero;
 * - an order is credited by at most one PURCHASE row;
 * - the webhook inbox holds one row per (provider, eventId).
 */
export async function assertInvariants(prisma: PrismaService): Promise<void> {
  const ledgerMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT u.id, u."creditsTotal" - u."creditsUsed" AS balance, COALESCE(SUM(t.amount), 0)::int AS ledger
    FROM "User" u LEFT JOIN "CreditTransaction" t ON t."userId" = u.id
    GROUP BY u.id
    HAVING u."creditsTotal" - u."creditsUsed" <> COALESCE(SUM(t.amount), 0)`;
  expect(ledgerMismatches, 'creditsTotal − creditsUsed == SUM(ledger)').toEqual([]);

  const reservedMismatches = await prisma.$queryRaw<unknown[]>`
    SELECT u.id, u."creditsReserved", COALESCE(SUM(r.amount) FILTER (WHERE r.status = 'PENDING'), 0)::int AS pending
    FROM "User" u LEFT JOIN "Reservation" r ON r."userId" = u.id
    GROUP BY u.id
    HAVING u."creditsReserved" <> COALESCE(SUM(r.amount) FILTER (WHERE r.status = 'PENDING'), 0)`;
  expect(reservedMismatches, 'creditsReserved == SUM(pending holds)').toEqual([]);

  const negative = await prisma.$queryRaw<unknown[]>`
    SELECT id FROM "User" WHERE "creditsUsed" < 0 OR "creditsReserved" < 0`;
  expect(negative, 'no negative creditsUsed or creditsReserved').toEqual([]);

  const doublePurchases = await prisma.$queryRaw<unknown[]>`
    SELECT "orderId" FROM "CreditTransaction" WHERE type = 'PURCHASE' GROUP BY "orderId" HAVING COUNT(*) > 1`;
  expect(doublePurchases, 'at most one PURCHASE per order').toEqual([]);

  const duplicateEvents = await prisma.$queryRaw<unknown[]>`
    SELECT provider, "eventId" FROM "WebhookEvent" GROUP BY provider, "eventId" HAVING COUNT(*) > 1`;
  expect(duplicateEvents, 'one inbox row per (provider, eventId)').toEqual([]);
}
