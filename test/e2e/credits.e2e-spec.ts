import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdempotencyRepository } from '../../src/common/idempotency/idempotency.repository.js';
import { ReservationSweeper } from '../../src/credits/reservation-sweeper.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { balanceOf, createOrder, createUser } from '../support/factories.js';
import { PricedTestModule, TestGate } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The fingerprint the interceptor computes for POST /api/ai/generate with this body. */
async function fingerprintOf(body: unknown): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update('POST /api/ai/generate\n').update(JSON.stringify(body)).digest('hex');
}

describe('credits: holds, settle, void, sweep, idempotency, history', () => {
  let t: TestApp;
  let gate: TestGate;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PricedTestModule] });
    gate = t.app.get(TestGate);
  });
  afterAll(() => t.close());
  beforeEach(() => gate.reset());

  describe('settle and void', () => {
    it('charges the cost with one USAGE row and reports it in the headers', async () => {
      const user = await createUser(t, { credits: 25 });
      const response = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .send({ prompt: 'hello' })
        .expect(201);
      expect(response.body).toEqual({ output: expect.stringContaining('hello'), creditsCharged: 10 });
      expect(response.headers['x-credits-cost']).toBe('10');
      expect(response.headers['x-credits-remaining']).toBe('15');
      const usage = await t.prisma.creditTransaction.findMany({ where: { userId: user.id, type: 'USAGE' } });
      expect(usage).toHaveLength(1);
      expect(usage[0]).toMatchObject({
        amount: -10,
        balanceAfter: 15,
        reference: `usage:${usage[0].reservationId}`,
      });
      const balance = await t.http.get('/api/credits/balance').set(user.auth).expect(200);
      // The wallet's balance (the contract added walletId, debt, paid, promotional, expiringSoon).
      expect(balance.body).toEqual({
        walletId: user.walletId,
        creditsTotal: 25,
        creditsUsed: 10,
        creditsReserved: 0,
        remaining: 15,
        debt: 0,
        paid: 15,
        promotional: 0,
        expiringSoon: [],
      });
    });

    it('a handler that throws voids the hold: balance unchanged, no ledger row', async () => {
      const user = await createUser(t, { credits: 20 });
      const response = await t.http.post('/api/test-priced/fails').set(user.auth).send({});
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Internal server error',
      });
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 20,
        creditsUsed: 0,
        creditsReserved: 0,
        remaining: 20,
      });
      expect(await t.prisma.creditTransaction.count({ where: { userId: user.id, type: 'USAGE' } })).toBe(0);
      expect(await t.prisma.reservation.findMany({ where: { userId: user.id } })).toEqual([
        expect.objectContaining({ status: 'VOIDED', amount: 7, settledAmount: 0 }),
      ]);
    });

    it('a request whose body fails validation charges nothing', async () => {
      const user = await createUser(t, { credits: 20 });
      const response = await t.http.post('/api/ai/generate').set(user.auth).send({ prompt: '' }).expect(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'prompt' })],
      });
      expect(await balanceOf(t, user.id)).toMatchObject({
        creditsUsed: 0,
        creditsReserved: 0,
        remaining: 20,
      });
    });

    it('summarize holds 20, settles the actual cost and releases the rest', async () => {
      const user = await createUser(t, { credits: 20 });
      const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
      const response = await t.http.post('/api/ai/summarize').set(user.auth).send({ text }).expect(201);
      const expectedCost = Math.ceil(response.body.summary.length / 100);
      expect(expectedCost).toBeGreaterThan(1);
      expect(expectedCost).toBeLessThan(20);
      expect(response.body.creditsCharged).toBe(expectedCost);
      expect(response.headers['x-credits-cost']).toBe(String(expectedCost));
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 20,
        creditsUsed: expectedCost,
        creditsReserved: 0,
        remaining: 20 - expectedCost,
      });
      const reservation = await t.prisma.reservation.findFirstOrThrow({ where: { userId: user.id } });
      expect(reservation).toMatchObject({ amount: 20, settledAmount: expectedCost, status: 'SETTLED' });
    });

    it('summarize needs the whole hold available, even when the actual cost would be 1', async () => {
      const user = await createUser(t, { credits: 19 });
      const response = await t.http
        .post('/api/ai/summarize')
        .set(user.auth)
        .send({ text: 'short' })
        .expect(402);
      expect(response.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', required: 20, remaining: 19 });
    });

    it('a negative balance (after a clawback) is refused with 402 and its real remaining', async () => {
      const user = await createUser(t, { credits: 10 });
      await t.app.get(LedgerRepository).debit({
        walletId: user.walletId,
        type: 'REFUND_CLAWBACK',
        amount: 15,
        reference: `test:${user.id}`,
        description: 'test clawback',
        allowDebt: true,
      });
      const response = await t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'x' }).expect(402);
      expect(response.body).toMatchObject({ required: 10, remaining: -5 });
      expect(response.headers['x-credits-remaining']).toBe('-5');
    });

    it('unauthenticated requests to a priced route get 401 and hold nothing', async () => {
      await t.http.post('/api/ai/generate').send({ prompt: 'x' }).expect(401);
    });

    it('the happy path of a fixed-cost route costs exactly two database round trips (hold, settle)', async () => {
      const user = await createUser(t, { credits: 10 });
      // Every statement sent to PostgreSQL, whether through the pool or inside a transaction.
      const sent = vi.spyOn(pg.Client.prototype, 'query');
      try {
        await t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'count me' }).expect(201);
        expect(sent).toHaveBeenCalledTimes(2);
      } finally {
        sent.mockRestore();
      }
    });
  });

  describe('sweeper', () => {
    it('voids an expired PENDING hold of a request that died', async () => {
      const user = await createUser(t, { credits: 10 });
      const repository = t.app.get(CreditsRepository);
      const hold = await repository.hold(user.actor, 4, 'POST /crashed', 60);
      expect(hold.held).toBe(true);
      const fresh = await repository.hold(user.actor, 2, 'POST /still-running', 60);
      await t.prisma.reservation.update({
        where: { id: (hold as { reservationId: string }).reservationId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsReserved: 6, remaining: 4 });

      expect(await t.app.get(ReservationSweeper).sweep()).toBeGreaterThanOrEqual(1);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsReserved: 2, remaining: 8, creditsUsed: 0 });
      const expired = await t.prisma.reservation.findUniqueOrThrow({
        where: { id: (hold as { reservationId: string }).reservationId },
      });
      expect(expired.status).toBe('EXPIRED');
      await repository.void(user.walletId, (fresh as { reservationId: string }).reservationId);
    });

    it('a hold past its expiry never settles, even before the sweeper has run', async () => {
      const user = await createUser(t, { credits: 5 });
      const repository = t.app.get(CreditsRepository);
      const hold = (await repository.hold(user.actor, 5, 'POST /slow', 60)) as { reservationId: string };
      await t.prisma.reservation.update({
        where: { id: hold.reservationId },
        data: { expiresAt: new Date(Date.now() - 1) },
      });
      expect(await repository.settle(user.actor, hold.reservationId, 5)).toBeUndefined();
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 0, creditsReserved: 5 });
      await t.app.get(ReservationSweeper).sweep();
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 5,
        creditsUsed: 0,
        creditsReserved: 0,
        remaining: 5,
      });
    });

    it('settle racing the sweeper: exactly one outcome, never both', async () => {
      const repository = t.app.get(CreditsRepository);
      const sweeper = t.app.get(ReservationSweeper);
      for (let round = 0; round < 20; round++) {
        const user = await createUser(t, { credits: 5 });
        const hold = (await repository.hold(user.actor, 5, 'POST /race', 60)) as { reservationId: string };
        await t.prisma.reservation.update({
          where: { id: hold.reservationId },
          data: { expiresAt: new Date(Date.now() - 1) },
        });
        const [settled] = await Promise.all([
          repository.settle(user.actor, hold.reservationId, 5),
          sweeper.sweep(),
        ]);
        const reservation = await t.prisma.reservation.findUniqueOrThrow({
          where: { id: hold.reservationId },
        });
        const balance = await balanceOf(t, user.id);
        if (settled) {
          expect(reservation.status).toBe('SETTLED');
          expect(balance).toEqual({ creditsTotal: 5, creditsUsed: 5, creditsReserved: 0, remaining: 0 });
        } else {
          expect(reservation.status).toBe('EXPIRED');
          expect(balance).toEqual({ creditsTotal: 5, creditsUsed: 0, creditsReserved: 0, remaining: 5 });
        }
      }
    });

    it('a request that outlives its hold is answered but not charged, and the books still balance', async () => {
      const user = await createUser(t, { credits: 3 });
      const request = t.http
        .post('/api/test-priced/short-hold')
        .set(user.auth)
        .send({})
        .then((r) => r);
      await gate.waitForArrivals(1);
      await t.prisma
        .$executeRaw`UPDATE "Reservation" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = ${user.id}::uuid`;
      await t.app.get(ReservationSweeper).sweep();
      gate.open();
      const response = await request;
      expect(response.status).toBe(201);
      expect(response.headers['x-credits-cost']).toBe('0');
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 3,
        creditsUsed: 0,
        creditsReserved: 0,
        remaining: 3,
      });
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key twice: one charge, the same body', async () => {
      const user = await createUser(t, { credits: 50 });
      const first = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'abc-1')
        .send({ prompt: 'same' })
        .expect(201);
      const again = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'abc-1')
        .send({ prompt: 'same' })
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['x-credits-cost']).toBe('10');
      expect(again.headers['x-credits-cost']).toBe(first.headers['x-credits-cost']);
      expect(again.headers['x-credits-remaining']).toBe(first.headers['x-credits-remaining']);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10, remaining: 40 });
    });

    it('the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED, no charge', async () => {
      const user = await createUser(t, { credits: 50 });
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'k')
        .send({ prompt: 'one' })
        .expect(201);
      const reused = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'k')
        .send({ prompt: 'two' })
        .expect(422);
      expect(reused.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10 });
    });

    it('keys are per user', async () => {
      const alice = await createUser(t, { credits: 10 });
      const bob = await createUser(t, { credits: 10 });
      await t.http
        .post('/api/ai/generate')
        .set(alice.auth)
        .set('Idempotency-Key', 'shared')
        .send({ prompt: 'a' })
        .expect(201);
      await t.http
        .post('/api/ai/generate')
        .set(bob.auth)
        .set('Idempotency-Key', 'shared')
        .send({ prompt: 'b' })
        .expect(201);
      expect(await balanceOf(t, bob.id)).toMatchObject({ creditsUsed: 10 });
    });

    it('concurrent requests with one key: one runs, the other gets 409 or the replay; one charge', async () => {
      const user = await createUser(t, { credits: 10 });
      const first = t.http
        .post('/api/test-priced/gated')
        .set(user.auth)
        .set('Idempotency-Key', 'conc')
        .send({})
        .then((r) => r);
      await gate.waitForArrivals(1);
      const second = await t.http
        .post('/api/test-priced/gated')
        .set(user.auth)
        .set('Idempotency-Key', 'conc')
        .send({});
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
      gate.open();
      expect((await first).status).toBe(200);
      const replay = await t.http
        .post('/api/test-priced/gated')
        .set(user.auth)
        .set('Idempotency-Key', 'conc')
        .send({});
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ ok: true });
      expect(gate.calls).toBe(1);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 1, remaining: 9 });
    });

    it('20 concurrent requests with one key: exactly one charge', async () => {
      const user = await createUser(t, { credits: 100 });
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.http
            .post('/api/test-priced/echo')
            .set(user.auth)
            .set('Idempotency-Key', 'burst')
            .send({ note: 'n' }),
        ),
      );
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(gate.calls).toBe(1);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 5 });
    });

    it('a failed request keeps nothing: a retry with the same key runs again once credits are there', async () => {
      const user = await createUser(t, { credits: 0 });
      const admin = await createUser(t, { role: 'ADMIN' });
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'retry-me')
        .send({ prompt: 'p' })
        .expect(402);
      await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: 10, reason: 'top up' })
        .expect(201);
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'retry-me')
        .send({ prompt: 'p' })
        .expect(201);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10, remaining: 0 });
    });

    it('a key whose first request died is free again once its lease ends (the hold expiry + 60 s)', async () => {
      const user = await createUser(t, { credits: 20 });
      const records = t.app.get(IdempotencyRepository);
      const body = { prompt: 'crashed' };
      // What a request that crashed after claiming its key leaves behind (its hold is swept separately).
      const claim = await records.claim(user.id, 'crash-key', await fingerprintOf(body), 360);
      expect(claim.outcome).toBe('claimed');
      const blocked = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'crash-key')
        .send(body);
      expect(blocked.status).toBe(409);
      await t.prisma.idempotencyRecord.updateMany({
        where: { userId: user.id, key: 'crash-key' },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'crash-key')
        .send(body)
        .expect(201);
      const record = await t.prisma.idempotencyRecord.findFirstOrThrow({
        where: { userId: user.id, key: 'crash-key' },
      });
      expect(record.state).toBe('COMPLETED');
      expect(record.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10 });
    });

    it('a request whose lease was taken over cannot release or complete the new claim', async () => {
      const user = await createUser(t, { credits: 10 });
      const records = t.app.get(IdempotencyRepository);
      const first = await records.claim(user.id, 'taken-over', 'fp', 60);
      await t.prisma.idempotencyRecord.updateMany({
        where: { userId: user.id, key: 'taken-over' },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const second = await records.claim(user.id, 'taken-over', 'fp', 60);
      expect(second.outcome).toBe('claimed');
      // The first request finishes late: its release must not free the key the second one now holds.
      await records.release((first as { recordId: string }).recordId);
      expect((await records.claim(user.id, 'taken-over', 'fp', 60)).outcome).toBe('in-progress');
      await records.complete((first as { recordId: string }).recordId, 201, { stale: true }, {});
      const row = await t.prisma.idempotencyRecord.findFirstOrThrow({
        where: { userId: user.id, key: 'taken-over' },
      });
      expect(row.state).toBe('IN_PROGRESS');
    });

    it('a priced route leases its key for the hold expiry + 60 s', async () => {
      const user = await createUser(t, { credits: 20 });
      const first = t.http
        .post('/api/test-priced/gated')
        .set(user.auth)
        .set('Idempotency-Key', 'lease')
        .send({})
        .then((r) => r);
      await gate.waitForArrivals(1);
      const record = await t.prisma.idempotencyRecord.findFirstOrThrow({
        where: { userId: user.id, key: 'lease' },
      });
      const leaseSeconds = (record.expiresAt.getTime() - record.createdAt.getTime()) / 1000;
      expect(leaseSeconds).toBeGreaterThan(300 + 60 - 2);
      expect(leaseSeconds).toBeLessThan(300 + 60 + 2);
      gate.open();
      expect((await first).status).toBe(200);
    });

    it.each([
      ['empty', ''],
      ['too long', 'x'.repeat(256)],
      ['non-ASCII', 'caf\u00e9'],
    ])('an invalid key (%s) is a 400 and charges nothing', async (_name, key) => {
      const user = await createUser(t, { credits: 10 });
      const response = await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', key)
        .send({ prompt: 'p' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY' });
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 0, creditsReserved: 0 });
    });

    it('a 255-character key is accepted', async () => {
      const user = await createUser(t, { credits: 10 });
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'k'.repeat(255))
        .send({ prompt: 'p' })
        .expect(201);
    });
  });

  describe('history', () => {
    it('pages over 250 rows newest first, every row exactly once, also while new rows are added', async () => {
      const user = await createUser(t, { credits: 0 });
      await t.prisma.$executeRaw`
        WITH rows AS (
          SELECT g, gen_random_uuid() AS id FROM generate_series(1, 250) g
        ), inserted AS (
          INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", reference, description, "createdAt")
          SELECT id, ${user.walletId}::uuid, ${user.id}::uuid, 'GRANT', 1, g, 'seed:' || id, 'seed ' || g,
                 -- bursts of ten rows share one timestamp, so the id tiebreak is exercised
                 now() - interval '1 hour' + (g / 10) * interval '1 second'
          FROM rows
          RETURNING id
        ), grant_row AS (
          INSERT INTO "CreditGrant" (id, "walletId", source, category, amount, remaining, reference)
          VALUES (gen_random_uuid(), ${user.walletId}::uuid, 'ADMIN_GRANT', 'PAID', 250, 250, 'seed')
          RETURNING id
        ), allocations AS (
          -- Each seeded row brought its credit into the seed grant, as a real GRANT row names its grant.
          INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
          SELECT inserted.id, grant_row.id, ${user.walletId}::uuid, 1 FROM inserted, grant_row
        )
        UPDATE "Wallet" SET "creditsTotal" = 250 WHERE id = ${user.walletId}::uuid`;
      const original = new Set(
        (await t.prisma.creditTransaction.findMany({ where: { userId: user.id }, select: { id: true } })).map(
          (r) => r.id,
        ),
      );

      const admin = await createUser(t, { role: 'ADMIN' });
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { body: { items: unknown[]; nextCursor: string | null } } = await t.http
          .get('/api/credits/transactions')
          .query({ limit: 17, ...(cursor ? { cursor } : {}) })
          .set(user.auth)
          .expect(200);
        const items = response.body.items as { id: string; createdAt: string }[];
        for (let i = 1; i < items.length; i++)
          expect(items[i - 1].createdAt >= items[i].createdAt).toBe(true);
        seen.push(...items.map((item) => item.id));
        cursor = response.body.nextCursor;
        // New rows land while we page: they are newer than every cursor, so they never shift a page.
        await t.http
          .post(`/api/admin/users/${user.id}/credits`)
          .set(admin.auth)
          .send({ amount: 1, reason: `during page ${pages}` })
          .expect(201);
        pages++;
      } while (cursor);
      const seenOriginal = seen.filter((id) => original.has(id));
      expect(seenOriginal).toHaveLength(250);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(250 / 17));
    });

    it('shows the contract fields only', async () => {
      const user = await createUser(t, { credits: 10 });
      const response = await t.http.get('/api/credits/transactions').set(user.auth).expect(200);
      const grant = await t.prisma.creditGrant.findFirstOrThrow({ where: { walletId: user.walletId } });
      // The wallets contract adds grants, debtPaid, debtAdded, actorUserId and apiKeyId to every row.
      expect(response.body).toEqual({
        items: [
          {
            id: expect.any(String),
            type: 'GRANT',
            amount: 10,
            balanceAfter: 10,
            description: 'Test grant',
            orderId: null,
            createdAt: expect.any(String),
            grants: [{ grantId: grant.id, category: 'PAID', amount: 10 }],
            debtPaid: 0,
            debtAdded: 0,
            actorUserId: null,
            apiKeyId: null,
          },
        ],
        nextCursor: null,
      });
    });

    it.each([
      ['non-numeric limit', { limit: 'ten' }],
      ['limit 0', { limit: 0 }],
      ['limit 101', { limit: 101 }],
      ['limit 1.5', { limit: 1.5 }],
      ['a hexadecimal limit', { limit: '0x10' }],
      ['an exponent limit', { limit: '1e1' }],
      [
        'a forged cursor',
        {
          cursor: Buffer.from(`${new Date().toISOString()}|00000000-0000-0000-0000-000000000000`).toString(
            'base64url',
          ),
        },
      ],
      ['garbage cursor', { cursor: 'not-a-cursor' }],
      ['an unknown parameter', { offset: 10 }],
    ])('rejects %s with 400', async (_name, query) => {
      const user = await createUser(t, { credits: 10 });
      const response = await t.http.get('/api/credits/transactions').query(query).set(user.auth).expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: expect.stringMatching(/^(VALIDATION_FAILED|INVALID_CURSOR)$/),
      });
    });

    it('a cursor issued for another list (orders) is refused by the ledger', async () => {
      const user = await createUser(t, { credits: 10 });
      await createOrder(t, user.id);
      await createOrder(t, user.id);
      const orders = await t.http.get('/api/billing/orders').query({ limit: 1 }).set(user.auth).expect(200);
      expect(orders.body.nextCursor).toEqual(expect.any(String));
      const response = await t.http
        .get('/api/credits/transactions')
        .query({ cursor: orders.body.nextCursor })
        .set(user.auth)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it("a cursor from one user's page does not reveal anything about another user's ledger", async () => {
      const alice = await createUser(t, { credits: 10 });
      const bob = await createUser(t, { credits: 10 });
      await t.prisma.creditTransaction.create({
        data: {
          userId: alice.id,
          walletId: alice.walletId,
          type: 'GRANT',
          amount: 0,
          balanceAfter: 10,
          reference: `extra:${alice.id}`,
          description: 'second',
        },
      });
      const page = await t.http
        .get('/api/credits/transactions')
        .query({ limit: 1 })
        .set(alice.auth)
        .expect(200);
      const bobs = await t.http
        .get('/api/credits/transactions')
        .query({ limit: 1, cursor: page.body.nextCursor })
        .set(bob.auth)
        .expect(200);
      expect(bobs.body.items.every((item: { id: string }) => item.id !== page.body.items[0].id)).toBe(true);
    });
  });

  describe('admin', () => {
    it('grants and adjusts with a reason; a negative adjustment below 0 remaining is a 422', async () => {
      const user = await createUser(t, { credits: 10 });
      const admin = await createUser(t, { role: 'ADMIN' });
      const grant = await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: 40, reason: 'welcome' })
        .expect(201);
      expect(grant.body).toMatchObject({
        type: 'GRANT',
        amount: 40,
        balanceAfter: 50,
        remaining: 50,
        userId: user.id,
      });
      const adjustment = await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: -20, reason: 'oops' })
        .expect(201);
      expect(adjustment.body).toMatchObject({ type: 'ADJUSTMENT', amount: -20, balanceAfter: 30 });
      const refused = await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: -31, reason: 'too much' })
        .expect(422);
      expect(refused.body).toMatchObject({ statusCode: 422, code: 'INSUFFICIENT_CREDITS', remaining: 30 });
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsTotal: 30, remaining: 30 });
      const history = await t.http
        .get(`/api/admin/users/${user.id}/transactions`)
        .set(admin.auth)
        .expect(200);
      expect(history.body.items.map((item: { type: string }) => item.type)).toEqual([
        'ADJUSTMENT',
        'GRANT',
        'GRANT',
      ]);
    });

    it('a grant that would pass the largest balance is a 422 and changes nothing', async () => {
      const user = await createUser(t, { credits: 2_147_000_000 });
      const admin = await createUser(t, { role: 'ADMIN' });
      const response = await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: 1_000_000, reason: 'too much' })
        .expect(422);
      // Its own code now: VALIDATION_FAILED is always a 400 (one status per code).
      expect(response.body).toMatchObject({ statusCode: 422, code: 'BALANCE_LIMIT_EXCEEDED' });
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsTotal: 2_147_000_000 });
    });

    it('403 for non-admins, 404 for unknown users, 400 for a zero or fractional amount', async () => {
      const user = await createUser(t, { credits: 10 });
      const admin = await createUser(t, { role: 'ADMIN' });
      const forbidden = await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(user.auth)
        .send({ amount: 5, reason: 'me' })
        .expect(403);
      expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
      await t.http.get(`/api/admin/users/${user.id}/transactions`).set(user.auth).expect(403);
      await t.http
        .post('/api/admin/users/00000000-0000-4000-8000-000000000000/credits')
        .set(admin.auth)
        .send({ amount: 5, reason: 'x' })
        .expect(404);
      await t.http
        .get('/api/admin/users/00000000-0000-4000-8000-000000000000/transactions')
        .set(admin.auth)
        .expect(404);
      await t.http.get('/api/admin/users/not-a-uuid/transactions').set(admin.auth).expect(404);
      for (const amount of [0, 1.5, '5', null]) {
        await t.http
          .post(`/api/admin/users/${user.id}/credits`)
          .set(admin.auth)
          .send({ amount, reason: 'x' })
          .expect(400);
      }
      await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: 5 })
        .expect(400);
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsTotal: 10 });
    });
  });
});

describe('the scheduled sweeper', () => {
  it('runs every RESERVATION_SWEEP_INTERVAL_SECONDS and releases a dead request’s hold by itself', async () => {
    const t = await createTestApp({ env: { RESERVATION_SWEEP_INTERVAL_SECONDS: '1' } });
    try {
      const user = await createUser(t, { credits: 10 });
      const hold = await t.app.get(CreditsRepository).hold(user.actor, 4, 'POST /crashed', 60);
      expect(hold.held).toBe(true);
      await t.prisma.reservation.updateMany({
        where: { userId: user.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await vi.waitFor(
        async () => expect(await balanceOf(t, user.id)).toMatchObject({ creditsReserved: 0, remaining: 10 }),
        {
          timeout: 5_000,
          interval: 100,
        },
      );
    } finally {
      await t.close();
    }
  });
});
