import { byText } from '../support/ordering.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosablePool } from '../../src/database/database-pool.js';
import { inTransaction } from '../../src/database/sql-client.js';
import { EventDispatcher } from '../../src/events/event-dispatcher.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { type EventReceiver, startEventReceiver, verifyEvent } from '../support/event-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The alert fragments that the credit statements embed (docs/events.md, "Wiring"), exercised on tables
 * shaped like the wallet's counters and the grants: the settle, the grant, the sweeper and the expiry
 * statements below are what the credits module will run, with the fragment in the same statement.
 */

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let t: TestApp;
let outbox: OutboxRepository;
let pool: ClosablePool;
let receiver: EventReceiver;

beforeAll(async () => {
  receiver = await startEventReceiver();
  t = await createTestApp({ env: { LOW_BALANCE_THRESHOLDS: '10,5', EVENT_DISPATCH_INTERVAL_MS: '0' } });
  outbox = t.app.get(OutboxRepository);
  // Its own pool, so that 20 transactions really are open at once (the app's pool has 10 connections).
  pool = new ClosablePool({ connectionString: t.databaseUrl, max: 25 });
  await pool.query(`
    CREATE TABLE "AlertTestWallet" (
      id uuid PRIMARY KEY, "userId" uuid, "organizationId" uuid,
      "creditsTotal" int NOT NULL, "creditsUsed" int NOT NULL DEFAULT 0, "creditsReserved" int NOT NULL DEFAULT 0);
    CREATE TABLE "AlertTestGrant" (
      id uuid PRIMARY KEY, "walletId" uuid NOT NULL, "userId" uuid, remaining int NOT NULL, held int NOT NULL DEFAULT 0,
      "expiresAt" timestamptz, status text NOT NULL DEFAULT 'ACTIVE')`);
  await t.prisma.webhookEndpoint.create({
    data: { url: `${receiver.url}/alerts`, events: ['*'], secret: SECRET },
  });
});
afterAll(async () => {
  // Closed for good before the database is dropped (ClosablePool says why).
  await pool?.close();
  await t?.close();
  await receiver?.close();
});

async function newWallet(credits: number, owner: 'user' | 'organization' = 'user'): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO "AlertTestWallet" (id, "userId", "organizationId", "creditsTotal") VALUES ($1, $2, $3, $4)`,
    [id, owner === 'user' ? randomUUID() : null, owner === 'organization' ? randomUUID() : null, credits],
  );
  return id;
}

const changedWallet = Prisma.sql`RETURNING id AS "walletId", "userId", "organizationId",
  "creditsTotal" - "creditsUsed" - "creditsReserved" AS remaining`;

/** A settle of `amount` as the hot path would write it: one statement, the alert CTEs inside it. */
function settle(walletId: string, amount: number) {
  return inTransaction(pool, async (tx) => {
    const rows = await tx.query<{ remaining: number }>(Prisma.sql`
      WITH settled AS (
        UPDATE "AlertTestWallet" SET "creditsUsed" = "creditsUsed" + ${amount}
        WHERE id = ${walletId}::uuid AND "creditsTotal" - "creditsUsed" - "creditsReserved" >= ${amount}
        ${changedWallet}
      ), ${outbox.balanceAlertCtes('settled')}
      SELECT remaining FROM settled`);
    // Hold the wallet's lock a little, so the 20 transactions really overlap.
    await tx.query(Prisma.sql`SELECT pg_sleep(0.005)`);
    return rows[0]?.remaining;
  });
}

/** A grant (a top-up): raises the balance, in the same statement re-arms what it rose above. */
function grant(walletId: string, amount: number) {
  return inTransaction(pool, (tx) =>
    tx.query(Prisma.sql`
      WITH granted AS (
        UPDATE "AlertTestWallet" SET "creditsTotal" = "creditsTotal" + ${amount} WHERE id = ${walletId}::uuid
        ${changedWallet}
      ), ${outbox.balanceAlertCtes('granted')}
      SELECT remaining FROM granted`),
  );
}

async function alertsOf(walletId: string): Promise<Array<Record<string, unknown> & { type: string }>> {
  const events = await t.prisma.outboxEvent.findMany({ where: { walletId }, orderBy: { createdAt: 'asc' } });
  return events.map((event) => ({ type: event.type, ...(event.data as Record<string, unknown>) }));
}

describe('balance.low and balance.depleted', () => {
  it('20 concurrent settles crossing 10, 5 and 0: exactly one event each; a top-up re-arms them all', async () => {
    const walletId = await newWallet(15);
    const results = await Promise.all(Array.from({ length: 20 }, () => settle(walletId, 1)));
    expect(results.filter((r) => r !== undefined)).toHaveLength(15);
    const events = await alertsOf(walletId);
    expect(events.map((e) => [e.type, e.threshold ?? null, e.remaining]).sort(byText)).toEqual([
      ['balance.depleted', null, 0],
      ['balance.low', 10, 9],
      ['balance.low', 5, 4],
    ]);
    expect(events[0]).toMatchObject({ walletId, userId: expect.any(String) });
    expect(events[0]).not.toHaveProperty('organizationId');

    // Rising to 20 re-arms every threshold, and itself emits nothing.
    await grant(walletId, 20);
    expect(await alertsOf(walletId)).toHaveLength(3);
    await Promise.all(Array.from({ length: 20 }, () => settle(walletId, 1)));
    const again = await alertsOf(walletId);
    expect(again.map((e) => [e.type, e.threshold ?? null, e.remaining]).sort(byText)).toEqual([
      ['balance.depleted', null, 0],
      ['balance.depleted', null, 0],
      ['balance.low', 10, 9],
      ['balance.low', 10, 9],
      ['balance.low', 5, 4],
      ['balance.low', 5, 4],
    ]);
  });

  it('stays quiet while the balance moves without crossing, and re-arms only what it rose to or above', async () => {
    const walletId = await newWallet(100, 'organization');
    await Promise.all(Array.from({ length: 20 }, () => settle(walletId, 2)));
    expect(await alertsOf(walletId)).toEqual([]);
    // 60 → 8: one settle crossing 10 (not 5).
    await settle(walletId, 52);
    expect(await alertsOf(walletId)).toEqual([
      { type: 'balance.low', walletId, organizationId: expect.any(String), remaining: 8, threshold: 10 },
    ]);
    // Up to 9: still below 10, nothing re-armed; down to 7: nothing.
    await grant(walletId, 1);
    await settle(walletId, 2);
    expect(await alertsOf(walletId)).toHaveLength(1);
    // Up to exactly 10 re-arms 10 (remaining is no longer below it); down to 3 crosses 10 and 5.
    await grant(walletId, 3);
    await settle(walletId, 7);
    expect((await alertsOf(walletId)).map((e) => e.threshold).sort(byText)).toEqual([10, 10, 5]);
    // Writes happened only at crossings: the state row holds the last crossing's value.
    const [state] = await pool
      .query(`SELECT remaining FROM "BalanceAlertState" WHERE "walletId" = $1`, [walletId])
      .then((r) => r.rows);
    expect(state.remaining).toBe(3);
  });

  it('the events are fanned out and delivered like any other', async () => {
    const walletId = await newWallet(11);
    await settle(walletId, 2);
    const [event] = await t.prisma.outboxEvent.findMany({ where: { walletId } });
    expect(await t.prisma.eventDelivery.count({ where: { eventId: event!.id } })).toBe(1);
    while ((await t.app.get(EventDispatcher).dispatchDue()) > 0);
    const request = receiver.at('/alerts').find((r) => r.headers['webhook-id'] === event!.id);
    expect(verifyEvent(request!, SECRET)).toMatchObject({
      type: 'balance.low',
      data: { walletId, remaining: 9, threshold: 10 },
    });
  });

  it('a settle that rolls back leaves neither an event nor a changed alert state', async () => {
    const walletId = await newWallet(12);
    await expect(
      inTransaction(pool, async (tx) => {
        await tx.query(Prisma.sql`
          WITH settled AS (UPDATE "AlertTestWallet" SET "creditsUsed" = "creditsUsed" + 5 WHERE id = ${walletId}::uuid ${changedWallet}),
          ${outbox.balanceAlertCtes('settled')} SELECT 1`);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await alertsOf(walletId)).toEqual([]);
    await settle(walletId, 5);
    expect((await alertsOf(walletId)).map((e) => e.threshold)).toEqual([10]);
  });
});

describe('credits.expiring_soon and credits.expired', () => {
  /** The expiry sweeper's notice statement: grants within 7 days of expiry, not yet noticed. */
  function sweepNotices() {
    return inTransaction(pool, (tx) =>
      tx.query<{ count: number }>(Prisma.sql`
        WITH ${outbox.expiringSoonNoticeCtes(Prisma.sql`
          SELECT grant_.id AS "grantId", grant_."walletId", grant_."userId", NULL::uuid AS "organizationId",
                 grant_.remaining - grant_.held AS remaining, grant_."expiresAt"
          FROM "AlertTestGrant" AS grant_
          WHERE grant_.status = 'ACTIVE' AND grant_."expiresAt" > now()
            AND grant_."expiresAt" <= now() + make_interval(days => 7)
            AND grant_.remaining - grant_.held > 0
            AND NOT EXISTS (SELECT 1 FROM "CreditExpiryNotice" AS notice WHERE notice."grantId" = grant_.id)
          ORDER BY grant_."expiresAt" LIMIT 500`)}
        SELECT count(*)::int AS count FROM expiring_soon_events`),
    );
  }

  async function newGrant(walletId: string, remaining: number, expiresInHours: number | null, held = 0) {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO "AlertTestGrant" (id, "walletId", "userId", remaining, held, "expiresAt")
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::float IS NULL THEN NULL ELSE now() + $6::float * interval '1 hour' END)`,
      [id, walletId, randomUUID(), remaining, held, expiresInHours],
    );
    return id;
  }

  it('one notice per grant entering the window, even with five sweepers at once; never twice', async () => {
    const walletId = randomUUID();
    const soon = await newGrant(walletId, 40, 24);
    const soonPartlyHeld = await newGrant(walletId, 30, 100, 10);
    await newGrant(walletId, 50, 24 * 30); // outside the window
    await newGrant(walletId, 50, null); // never expires
    await newGrant(walletId, 5, 10, 5); // nothing available to lose

    const counts = await Promise.all(Array.from({ length: 5 }, () => sweepNotices()));
    expect(counts.reduce((sum, [row]) => sum + row!.count, 0)).toBe(2);
    const events = await t.prisma.outboxEvent.findMany({
      where: { walletId, type: 'credits.expiring_soon' },
    });
    expect(events.map((e) => (e.data as { grantId: string }).grantId).sort(byText)).toEqual(
      [soon, soonPartlyHeld].sort(byText),
    );
    const soonEvent = events.find((e) => (e.data as { grantId: string }).grantId === soon)!;
    expect(soonEvent.data).toEqual({
      walletId,
      userId: expect.any(String),
      grantId: soon,
      remaining: 40,
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(
      events.find((e) => (e.data as { grantId: string }).grantId === soonPartlyHeld)!.data,
    ).toMatchObject({ remaining: 20 });

    expect((await sweepNotices())[0]!.count).toBe(0);
    expect(await t.prisma.creditExpiryNotice.count({ where: { walletId } })).toBe(2);
  });

  it('credits.expired from the expiry statement itself, through the generic outbox CTEs', async () => {
    const walletId = randomUUID();
    const grantId = await newGrant(walletId, 25, -1);
    await inTransaction(pool, (tx) =>
      tx.query(Prisma.sql`
        WITH expired AS (
          UPDATE "AlertTestGrant" SET status = 'EXPIRED', remaining = held
          WHERE "walletId" = ${walletId}::uuid AND status = 'ACTIVE' AND "expiresAt" <= now()
          RETURNING id, "walletId", "userId", remaining + 25 - held AS amount
        ), ${outbox.insertCtes(
          'expired',
          Prisma.sql`SELECT gen_random_uuid() AS id, 'credits.expired' AS type, "walletId",
            jsonb_build_object('walletId', "walletId", 'userId', "userId", 'grantId', id, 'amount', amount) AS data
          FROM expired`,
        )}
        SELECT count(*) FROM expired_events`),
    );
    const events = await t.prisma.outboxEvent.findMany({ where: { walletId } });
    expect(events.map((e) => [e.type, (e.data as { grantId: string }).grantId])).toEqual([
      ['credits.expired', grantId],
    ]);
    expect(await t.prisma.eventDelivery.count({ where: { eventId: events[0]!.id } })).toBe(1);
  });
});
