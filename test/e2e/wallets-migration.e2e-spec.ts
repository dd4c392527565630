import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { DEFAULT_MIGRATIONS_DIR, runMigrations } from '../../src/database/migration-runner.js';
import { createEmptyDatabase, databaseUrl, dropDatabase, withClient } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The wallets migration on a database the first wave filled: users with purchases, usage, refunds,
 * debt and pending holds, written with the statements the first wave's code sent. Every balance, ledger
 * sum, order and pending hold must be the same afterwards, and the migrated holds must still settle.
 */

const LAST_FIRST_WAVE_MIGRATION = '20261125050000_credit_transaction_order_index';
const serverUrl = inject('serverUrl');
let name: string;
let url: string;
let firstWaveDir: string;

interface FirstWaveUser {
  key: string;
  id: string;
  purchases: number[];
  usage: number[];
  /** Share of the first purchase refunded (0–1). */
  refund?: number;
  pendingHolds?: number[];
}

const users: FirstWaveUser[] = [
  { key: 'alice', id: '10000000-0000-4000-8000-000000000001', purchases: [100], usage: [10, 20] },
  {
    key: 'bob',
    id: '10000000-0000-4000-8000-000000000002',
    purchases: [100, 50],
    usage: [20],
    refund: 0.5,
    pendingHolds: [10],
  },
  // In debt with holds in flight: a full refund after spending 80 of 100, two requests still running.
  {
    key: 'carol',
    id: '10000000-0000-4000-8000-000000000003',
    purchases: [100],
    usage: [80],
    refund: 1,
    pendingHolds: [10, 5],
  },
  { key: 'dave', id: '10000000-0000-4000-8000-000000000004', purchases: [], usage: [] },
  // In debt without holds.
  { key: 'erin', id: '10000000-0000-4000-8000-000000000005', purchases: [50], usage: [40], refund: 1 },
];

/** Fills the first-wave schema the way its code did: the user's counters and the ledger move together. */
async function fillFirstWave(client: pg.Client): Promise<void> {
  for (const user of users) {
    await client.query(
      `INSERT INTO "User" (id, email, "passwordHash", name) VALUES ($1, $2, 'first-wave', $3)`,
      [user.id, `${user.key}@example.com`, user.key],
    );
    const orders: string[] = [];
    for (const [index, credits] of user.purchases.entries()) {
      const amount = (credits / 50) * 1000;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "Order" (id, "userId", provider, "providerSessionId", "providerPaymentId", credits, amount, "amountPaid", status)
         VALUES (gen_random_uuid(), $1, 'stripe', $2, $3, $4, $5, $5, 'PAID') RETURNING id`,
        [user.id, `cs_${user.key}_${index}`, `pi_${user.key}_${index}`, credits, amount],
      );
      orders.push(rows[0].id);
      // appendLedgerMovement of the first wave.
      await client.query(
        `WITH moved AS (
           UPDATE "User" SET "creditsTotal" = "creditsTotal" + $2, "updatedAt" = now() WHERE id = $1
           RETURNING id, "creditsTotal" - "creditsUsed" AS balance)
         INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "orderId", reference, description)
         SELECT gen_random_uuid(), id, 'PURCHASE', $2, balance, $3::uuid, 'order:' || $3::text, 'Purchase' FROM moved`,
        [user.id, credits, rows[0].id],
      );
    }
    for (const cost of user.usage) {
      // hold, then settle, as CreditsRepository did.
      const { rows } = await client.query<{ id: string }>(
        `WITH held AS (
           UPDATE "User" SET "creditsReserved" = "creditsReserved" + $2 WHERE id = $1 RETURNING id)
         INSERT INTO "Reservation" (id, "userId", amount, status, route, "expiresAt")
         SELECT gen_random_uuid(), id, $2, 'PENDING', 'POST /api/ai/generate', now() + interval '5 minutes' FROM held
         RETURNING id`,
        [user.id, cost],
      );
      await client.query(
        `WITH settled AS (
           UPDATE "Reservation" SET status = 'SETTLED', "settledAmount" = amount WHERE id = $1
           RETURNING id, "userId", amount, route),
         charged AS (
           UPDATE "User" u SET "creditsUsed" = u."creditsUsed" + s.amount, "creditsReserved" = u."creditsReserved" - s.amount
           FROM settled s WHERE u.id = s."userId"
           RETURNING u.id AS "userId", s.id AS "reservationId", s.amount, s.route, u."creditsTotal" - u."creditsUsed" AS balance)
         INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "reservationId", reference, description)
         SELECT gen_random_uuid(), "userId", 'USAGE', -amount, balance, "reservationId", 'usage:' || "reservationId", 'Usage: ' || route
         FROM charged`,
        [rows[0].id],
      );
    }
    if (user.refund) {
      const credits = Math.floor(user.purchases[0] * user.refund);
      await client.query(
        `UPDATE "Order" SET status = $3, "refundedAmount" = round(amount * $4::numeric), "creditsClawedBack" = $2 WHERE id = $1`,
        [orders[0], credits, user.refund === 1 ? 'REFUNDED' : 'PARTIALLY_REFUNDED', user.refund],
      );
      await client.query(
        `WITH moved AS (
           UPDATE "User" SET "creditsTotal" = "creditsTotal" - $2::int WHERE id = $1 RETURNING id, "creditsTotal" - "creditsUsed" AS balance)
         INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "orderId", reference, description)
         SELECT gen_random_uuid(), id, 'REFUND_CLAWBACK', -$2::int, balance, $3::uuid, 'refund:stripe:re_' || $3::text, 'Refund' FROM moved`,
        [user.id, credits, orders[0]],
      );
    }
    for (const amount of user.pendingHolds ?? []) {
      await client.query(
        `WITH held AS (
           UPDATE "User" SET "creditsReserved" = "creditsReserved" + $2 WHERE id = $1 RETURNING id)
         INSERT INTO "Reservation" (id, "userId", amount, status, route, "expiresAt")
         SELECT gen_random_uuid(), id, $2, 'PENDING', 'POST /api/ai/generate', now() + interval '5 minutes' FROM held`,
        [user.id, amount],
      );
    }
  }
  // A voided and an expired hold from the past.
  await client.query(
    `INSERT INTO "Reservation" (id, "userId", amount, status, "settledAmount", route, "expiresAt")
     VALUES (gen_random_uuid(), $1, 7, 'VOIDED', 0, 'POST /x', now()), (gen_random_uuid(), $1, 3, 'EXPIRED', 0, 'POST /x', now())`,
    [users[0].id],
  );
}

interface Snapshot {
  balances: Record<string, { creditsTotal: number; creditsUsed: number; creditsReserved: number }>;
  ledger: Record<string, { rows: number; sum: number }>;
  orders: Record<string, unknown>[];
  reservations: Record<string, unknown>[];
}

async function snapshot(client: pg.Client, counters: 'User' | 'Wallet'): Promise<Snapshot> {
  const owner = counters === 'User' ? 'id' : '"userId"';
  const balances = await client.query(
    `SELECT ${owner} AS "userId", "creditsTotal", "creditsUsed", "creditsReserved" FROM "${counters}"`,
  );
  const ledger = await client.query(
    `SELECT "userId", COUNT(*)::int AS rows, SUM(amount)::int AS sum FROM "CreditTransaction" GROUP BY "userId"`,
  );
  const orders = await client.query(
    `SELECT id, "userId", provider, "providerSessionId", "providerPaymentId", credits, amount, "amountPaid", status,
            "refundedAmount", "creditsClawedBack" FROM "Order" ORDER BY id`,
  );
  const reservations = await client.query(
    `SELECT id, "userId", amount, status, "settledAmount", route, "expiresAt" FROM "Reservation" ORDER BY id`,
  );
  return {
    balances: Object.fromEntries(balances.rows.map(({ userId, ...rest }) => [userId, rest])),
    ledger: Object.fromEntries(ledger.rows.map(({ userId, ...rest }) => [userId, rest])),
    orders: orders.rows,
    reservations: reservations.rows,
  };
}

let before: Snapshot;

beforeAll(async () => {
  name = await createEmptyDatabase(serverUrl);
  url = databaseUrl(serverUrl, name);
  firstWaveDir = await mkdtemp(join(tmpdir(), 'forge-first-wave-'));
  for (const entry of await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name <= LAST_FIRST_WAVE_MIGRATION)
      await cp(join(DEFAULT_MIGRATIONS_DIR, entry.name), join(firstWaveDir, entry.name), { recursive: true });
  }
  await runMigrations(url, firstWaveDir);
  await withClient(url, async (client) => {
    await fillFirstWave(client);
    before = await snapshot(client, 'User');
  });
});

afterAll(async () => {
  await dropDatabase(serverUrl, name);
  await rm(firstWaveDir, { recursive: true, force: true });
});

describe('the wallets migration on a first-wave database', () => {
  it('the first wave left what the test means: debt with pending holds, and holds without debt', () => {
    expect(before.balances[users[2].id]).toEqual({ creditsTotal: 0, creditsUsed: 80, creditsReserved: 15 });
    expect(before.balances[users[1].id]).toEqual({ creditsTotal: 100, creditsUsed: 20, creditsReserved: 10 });
  });

  it('moves every balance, ledger row, order and hold to a personal wallet, losing nothing', async () => {
    const result = await runMigrations(url);
    expect(result.applied).toContain('20261201020000_wallets_and_grants');
    await withClient(url, async (client) => {
      const after = await snapshot(client, 'Wallet');
      expect(after).toEqual(before);

      const wallets = await client.query<{ id: string; userId: string; debt: number; ownerType: string }>(
        `SELECT id, "userId", debt, "ownerType" FROM "Wallet"`,
      );
      expect(wallets.rows).toHaveLength(users.length);
      const walletOf = new Map(wallets.rows.map((row) => [row.userId, row]));
      for (const row of wallets.rows) expect(row.ownerType).toBe('USER');
      // Debt is what the holds exceed the ledger by: carol 15 − (0 − 80) = 95, erin 0 − (0 − 40) = 40.
      expect(Object.fromEntries(users.map((user) => [user.key, walletOf.get(user.id)!.debt]))).toEqual({
        alice: 0,
        bob: 0,
        carol: 95,
        dave: 0,
        erin: 40,
      });

      // Everything points at the owner's wallet.
      for (const table of ['CreditTransaction', 'Order', 'Reservation']) {
        const stray = await client.query(
          `SELECT t.id FROM "${table}" t JOIN "Wallet" w ON w.id = t."walletId" WHERE w."userId" IS DISTINCT FROM t."userId"`,
        );
        expect(stray.rows, table).toEqual([]);
      }

      // One MIGRATION grant per wallet: remaining = max(total − used, reserved), held = reserved.
      const grants = await client.query(
        `SELECT w."userId", g.source, g.category, g.amount, g.remaining, g.held, g.status, g."expiresAt"
         FROM "CreditGrant" g JOIN "Wallet" w ON w.id = g."walletId"`,
      );
      const grantOf = new Map(grants.rows.map(({ userId, ...rest }) => [userId, rest]));
      expect(grants.rows).toHaveLength(users.length);
      const expected = (remaining: number, held: number) => ({
        source: 'MIGRATION',
        category: 'PAID',
        amount: remaining,
        remaining,
        held,
        status: remaining > 0 ? 'ACTIVE' : 'DEPLETED',
        expiresAt: null,
      });
      expect(grantOf.get(users[0].id)).toEqual(expected(70, 0));
      expect(grantOf.get(users[1].id)).toEqual(expected(80, 10));
      expect(grantOf.get(users[2].id)).toEqual(expected(15, 15));
      expect(grantOf.get(users[3].id)).toEqual(expected(0, 0));
      expect(grantOf.get(users[4].id)).toEqual(expected(0, 0));

      // Every pending hold is allocated to it, in full.
      const pending = await client.query(
        `SELECT r.id, r.amount, a.amount AS allocated, g.source FROM "Reservation" r
         LEFT JOIN "ReservationAllocation" a ON a."reservationId" = r.id
         LEFT JOIN "CreditGrant" g ON g.id = a."grantId"
         WHERE r.status = 'PENDING'`,
      );
      expect(pending.rows).toHaveLength(3);
      for (const row of pending.rows)
        expect(row).toMatchObject({ allocated: row.amount, source: 'MIGRATION' });

      const userColumns = await client.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name LIKE 'credits%'`,
      );
      expect(userColumns.rows).toEqual([]);
    });
  });

  it('the migrated holds settle and void through their grant, and the books balance at every step', async () => {
    let t: TestApp | undefined;
    try {
      t = await createTestApp({ databaseUrl: url });
      const credits = t.app.get(CreditsRepository);
      const holds = await t.prisma.reservation.findMany({
        where: { status: 'PENDING' },
        include: { wallet: true },
        orderBy: { amount: 'asc' },
      });
      const actorOf = (hold: (typeof holds)[number]) => ({ walletId: hold.walletId, userId: hold.userId });
      // carol: settle 5 of her 5-credit hold, void the 10: all given back pays her debt.
      const carol = holds.filter((hold) => hold.userId === users[2].id);
      expect(await credits.settle(actorOf(carol[0]), carol[0].id, 5)).toMatchObject({ charged: 5 });
      expect(await credits.void(carol[1].walletId, carol[1].id)).toBe(true);
      expect(await t.prisma.wallet.findUniqueOrThrow({ where: { userId: users[2].id } })).toMatchObject({
        creditsTotal: 0,
        creditsUsed: 85,
        creditsReserved: 0,
        debt: 85,
      });
      // bob: the 10-credit hold settles 4 and gives 6 back.
      const bob = holds.find((hold) => hold.userId === users[1].id)!;
      expect(await credits.settle(actorOf(bob), bob.id, 4)).toEqual({ charged: 4, remaining: 76 });
    } finally {
      await t?.close();
    }
  });
});
