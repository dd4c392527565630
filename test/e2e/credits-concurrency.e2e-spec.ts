import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AiService } from '../../src/examples/ai.service.js';
import { balanceOf, createUser } from '../support/factories.js';
import { PricedTestModule, TestGate } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const statuses = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

describe('@RequiresCredits under concurrency', () => {
  let t: TestApp;
  let gate: TestGate;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PricedTestModule] });
    gate = t.app.get(TestGate);
  });
  afterAll(() => t.close());
  beforeEach(() => gate.reset());

  it('100 credits, 50 concurrent generate calls: exactly 10 succeed, 40 get 402, balance 0', async () => {
    const user = await createUser(t, { credits: 100 });
    const generate = vi.spyOn(t.app.get(AiService), 'generate');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post('/api/ai/generate')
          .set(user.auth)
          .send({ prompt: `prompt ${i}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 10, 402: 40 });
    expect(generate).toHaveBeenCalledTimes(10);
    generate.mockRestore();
    expect(await balanceOf(t, user.id)).toEqual({
      creditsTotal: 100,
      creditsUsed: 100,
      creditsReserved: 0,
      remaining: 0,
    });
    expect(await t.prisma.creditTransaction.count({ where: { userId: user.id, type: 'USAGE' } })).toBe(10);
    expect(await t.prisma.reservation.count({ where: { userId: user.id, status: 'SETTLED' } })).toBe(10);

    // Every refusal reports a remaining that explains it, read from the row the refusing UPDATE saw.
    for (const refused of responses.filter((response) => response.status === 402)) {
      expect(refused.body).toMatchObject({ statusCode: 402, code: 'INSUFFICIENT_CREDITS', required: 10 });
      expect(refused.body.remaining).toBeGreaterThanOrEqual(0);
      expect(refused.body.remaining).toBeLessThan(10);
      expect(refused.headers['x-credits-cost']).toBe('10');
    }
  });

  it('balance 1, two concurrent 1-credit requests that wait inside the handler: one succeeds, one 402, never -1', async () => {
    const user = await createUser(t, { credits: 1 });
    const first = t.http
      .post('/api/test-priced/gated')
      .set(user.auth)
      .send({})
      .then((r) => r);
    await gate.waitForArrivals(1);
    // The first request holds the only credit while it waits; the second must be refused now, not later.
    const second = await t.http.post('/api/test-priced/gated').set(user.auth).send({});
    expect(second.status).toBe(402);
    expect(second.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', required: 1, remaining: 0 });
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsReserved: 1, remaining: 0 });
    gate.open();
    expect((await first).status).toBe(200);
    expect(gate.calls).toBe(1);
    expect(await balanceOf(t, user.id)).toEqual({
      creditsTotal: 1,
      creditsUsed: 1,
      creditsReserved: 0,
      remaining: 0,
    });
  });

  it('200 concurrent charges interleaved with 20 admin grants: final balance = start + grants − successes', async () => {
    const user = await createUser(t, { credits: 500 });
    const admin = await createUser(t, { role: 'ADMIN' });
    const requests: Promise<{ status: number; kind: 'charge' | 'grant' }>[] = [];
    for (let i = 0; i < 200; i++) {
      requests.push(
        t.http
          .post('/api/ai/generate')
          .set(user.auth)
          .send({ prompt: `p${i}` })
          .then((r) => ({ status: r.status, kind: 'charge' as const })),
      );
      if (i % 10 === 5) {
        requests.push(
          t.http
            .post(`/api/admin/users/${user.id}/credits`)
            .set(admin.auth)
            .send({ amount: 25, reason: `top-up ${i}` })
            .then((r) => ({ status: r.status, kind: 'grant' as const })),
        );
      }
    }
    const results = await Promise.all(requests);
    const grants = results.filter((r) => r.kind === 'grant');
    const charges = results.filter((r) => r.kind === 'charge');
    expect(grants.every((r) => r.status === 201)).toBe(true);
    expect(grants).toHaveLength(20);
    const succeeded = charges.filter((r) => r.status === 201).length;
    expect(succeeded + charges.filter((r) => r.status === 402).length).toBe(200);
    // 500 + 20 × 25 = 1000 credits buy at most 100 charges of 10.
    expect(succeeded).toBeLessThanOrEqual(100);
    const balance = await balanceOf(t, user.id);
    expect(balance.creditsTotal).toBe(500 + 20 * 25);
    expect(balance.creditsUsed).toBe(succeeded * 10);
    expect(balance.remaining).toBe(1000 - succeeded * 10);
    expect(balance.remaining).toBeGreaterThanOrEqual(0);
    expect(await t.prisma.creditTransaction.count({ where: { userId: user.id, type: 'USAGE' } })).toBe(
      succeeded,
    );
  });

  it('two application instances on one database, 100 concurrent requests split between them: exact accounting', async () => {
    const second = await createTestApp({ databaseUrl: t.databaseUrl });
    try {
      const user = await createUser(t, { credits: 450 });
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 ? t : second).http
            .post('/api/ai/generate')
            .set(user.auth)
            .send({ prompt: `x${i}` }),
        ),
      );
      expect(statuses(responses)).toEqual({ 201: 45, 402: 55 });
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 450,
        creditsUsed: 450,
        creditsReserved: 0,
        remaining: 0,
      });
      expect(await t.prisma.creditTransaction.count({ where: { userId: user.id, type: 'USAGE' } })).toBe(45);
    } finally {
      await second.close({ skipInvariants: true });
    }
  });

  it('many users at once never block each other: each spends exactly its own balance', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => createUser(t, { credits: 30 })));
    const responses = await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 5 }, () =>
          t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'hi' }),
        ),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 30, 402: 20 });
    for (const user of users)
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 30, remaining: 0 });
  });
});
