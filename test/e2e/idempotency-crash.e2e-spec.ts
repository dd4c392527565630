import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, createUser } from '../support/factories.js';
import { DatabaseProxy } from '../support/database-proxy.js';
import { PricedTestModule, TestGate } from '../support/priced-test-routes.js';
import { startServiceChild } from '../support/service-child.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Idempotency-Key across crashes and outages: a process killed between the charge and the reply never
 * leads to a second charge (the settle stores the response in its own statement), and a key whose request
 * failed while the database was down is usable again within seconds of the database returning.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('a process killed between the charge and the reply', () => {
  it('the retry after the lease replays the stored response and is not charged again', async () => {
    const user = await createUser(t, { credits: 100 });
    const { child, baseUrl } = await startServiceChild(t.databaseUrl, { CRASH_AFTER_SETTLE: '1' });
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.once('exit', (_code, signal) => resolveExit(signal)),
    );
    const key = 'crash-between-settle-and-reply';
    const first = await fetch(`${baseUrl}/api/ai/generate`, {
      method: 'POST',
      headers: { ...user.auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ prompt: 'crash me' }),
    }).then(
      async (response) => `answered ${response.status} ${await response.text()}`,
      () => 'connection lost',
    );
    expect(first).toBe('connection lost');
    expect(await exited).toBe('SIGKILL');
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10, creditsReserved: 0 });

    // The lease of every key still IN_PROGRESS ends (as it would after holdTtlSeconds + 60 s).
    await t.prisma.idempotencyRecord.updateMany({
      where: { state: 'IN_PROGRESS' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const retry = await t.http
      .post('/api/ai/generate')
      .set(user.auth)
      .set('Idempotency-Key', key)
      .send({ prompt: 'crash me' })
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['x-credits-cost']).toBe('10');
    expect(retry.headers['x-credits-remaining']).toBe('90');
    expect(retry.body).toMatchObject({ creditsCharged: 10 });
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 10, creditsReserved: 0 });
    expect(
      await t.prisma.creditTransaction.count({ where: { walletId: user.walletId, type: 'USAGE' } }),
    ).toBe(1);
  });

  it('with a key, a charged request costs three round trips: claim, hold, settle with the stored response', async () => {
    const user = await createUser(t, { credits: 10 });
    const pg = await import('pg');
    const { vi } = await import('vitest');
    const sent = vi.spyOn(pg.default.Client.prototype, 'query');
    try {
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .set('Idempotency-Key', 'three-round-trips')
        .send({ prompt: 'count me' })
        .expect(201);
      expect(sent).toHaveBeenCalledTimes(3);
    } finally {
      sent.mockRestore();
    }
    const record = await t.prisma.idempotencyRecord.findFirstOrThrow({ where: { key: 'three-round-trips' } });
    expect(record).toMatchObject({
      state: 'COMPLETED',
      responseStatus: 201,
      responseHeaders: { 'x-credits-cost': '10', 'x-credits-remaining': '0' },
    });
  });
});

describe('a database outage while a keyed request runs', () => {
  it('the key that answered 5xx is usable again within seconds of the database returning', async () => {
    const { proxy, url } = await DatabaseProxy.start(t.databaseUrl);
    const behind = await createTestApp({ databaseUrl: url, imports: [PricedTestModule] });
    try {
      const user = await createUser(behind, { credits: 5 });
      const gate = behind.app.get(TestGate);
      const key = 'outage-key';
      const first = behind.http
        .post('/api/test-priced/gated')
        .set(user.auth)
        .set('Idempotency-Key', key)
        .send({});
      const answered = first.then((response) => response.status);
      await gate.waitForArrivals(1);
      proxy.down();
      gate.open();
      expect(await answered).toBeGreaterThanOrEqual(500);

      proxy.up();
      const started = Date.now();
      let status = 409;
      while (status === 409 && Date.now() - started < 10_000) {
        await new Promise((resolveWait) => setTimeout(resolveWait, 250));
        gate.reset();
        gate.open();
        status = (
          await behind.http.post('/api/test-priced/gated').set(user.auth).set('Idempotency-Key', key).send({})
        ).status;
      }
      expect(status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Charged once: the first request's hold is still pending (a sweeper expires it), the retry settled.
      expect(await balanceOf(t, user.id)).toMatchObject({ creditsUsed: 1, creditsReserved: 1 });
      await t.prisma.reservation.updateMany({
        where: { walletId: user.walletId, status: 'PENDING' },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await behind.app
        .get((await import('../../src/credits/reservation-sweeper.js')).ReservationSweeper)
        .sweep();
    } finally {
      await behind.close();
      await proxy.close();
    }
  });
});
