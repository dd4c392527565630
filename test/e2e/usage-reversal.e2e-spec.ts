import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { assertInvariants } from '../support/invariants.js';
import { balanceOf, createUser, grantCredits, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** POST /api/admin/usage/:reservationId/reverse: support puts a request's charge back, once. */

const DAY_MS = 86_400_000;
let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t, { role: 'ADMIN' });
});
afterAll(() => t?.close());

/** Runs one charged request and answers its reservation id. */
async function chargedRequest(user: TestUser): Promise<string> {
  await t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'charge me' }).expect(201);
  const usage = await t.prisma.creditTransaction.findFirstOrThrow({
    where: { walletId: user.walletId, type: 'USAGE' },
    orderBy: { createdAt: 'desc' },
  });
  return usage.reservationId!;
}

function reverse(reservationId: string, as: TestUser = admin, reason = 'the model answered nothing') {
  return t.http.post(`/api/admin/usage/${reservationId}/reverse`).set(as.auth).send({ reason });
}

describe('usage reversal', () => {
  it('puts the charge back into the grants it came from, once; usage no longer counts it', async () => {
    const user = await createUser(t);
    const [promo, paid] = await grantCredits(t, user.walletId, [
      { amount: 5, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 3 * DAY_MS) },
      { amount: 20, category: 'PAID' },
    ]);
    const reservationId = await chargedRequest(user);
    await chargedRequest(user);

    const response = await reverse(reservationId).expect(201);
    expect(response.body).toMatchObject({
      type: 'USAGE_REVERSAL',
      amount: 10,
      walletId: user.walletId,
      reservationId,
      debtPaid: 0,
      writtenOff: 0,
      remaining: 15,
      description: expect.stringContaining('the model answered nothing'),
    });
    const grants = await t.prisma.creditGrant.findMany({ where: { walletId: user.walletId } });
    // The first request took 5 from the promotional grant and 5 from the paid one; both get them back.
    expect(Object.fromEntries(grants.map((g) => [g.id, [g.remaining, g.status]]))).toEqual({
      [promo]: [5, 'ACTIVE'],
      [paid]: [10, 'ACTIVE'],
    });
    const ledger = await t.http.get('/api/credits/transactions').set(user.auth).expect(200);
    expect(ledger.body.items[0]).toMatchObject({
      type: 'USAGE_REVERSAL',
      amount: 10,
      actorUserId: admin.id,
      grants: expect.arrayContaining([
        { grantId: promo, category: 'PROMOTIONAL', amount: 5 },
        { grantId: paid, category: 'PAID', amount: 5 },
      ]),
    });
    const usage = await t.http.get('/api/credits/usage?groupBy=route').set(user.auth).expect(200);
    expect(usage.body.items).toEqual([{ key: 'POST /api/ai/generate', credits: 10, requests: 1 }]);

    const again = await reverse(reservationId).expect(409);
    expect(again.body.code).toBe('ALREADY_REVERSED');
    expect(await balanceOf(t, user.id)).toMatchObject({ remaining: 15 });
    await assertInvariants(t.prisma);
  });

  it('two reversals of one request at once: exactly one succeeds', async () => {
    const user = await createUser(t, { credits: 30 });
    const reservationId = await chargedRequest(user);
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => reverse(reservationId).then((r) => r.status)),
    );
    expect(statuses.toSorted((a, b) => a - b)).toEqual([201, 409, 409, 409, 409]);
    expect(await balanceOf(t, user.id)).toMatchObject({ remaining: 30 });
  });

  it('what goes back to a grant past its expiry is written off again (an EXPIRATION row)', async () => {
    const user = await createUser(t, { credits: 5 });
    const [expiring] = await grantCredits(t, user.walletId, [
      { amount: 10, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 60_000) },
    ]);
    const reservationId = await chargedRequest(user);
    // Its expiry arrives after the charge (moved, not waited for: no race with a slow machine).
    await t.prisma.creditGrant.update({
      where: { id: expiring },
      data: { expiresAt: new Date(Date.now() - 1) },
    });

    const response = await reverse(reservationId).expect(201);
    expect(response.body).toMatchObject({ amount: 10, writtenOff: 10, remaining: 5 });
    const expiry = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: user.walletId, type: 'EXPIRATION' },
      include: { allocations: true },
    });
    expect(expiry).toMatchObject({ amount: -10, reservationId });
    expect(expiry.allocations.map((a) => [a.grantId, a.amount])).toEqual([[expiring, -10]]);
    expect(await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: expiring } })).toMatchObject({
      remaining: 0,
      held: 0,
    });
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsTotal: 15, creditsUsed: 10, remaining: 5 });
    await assertInvariants(t.prisma);
  });

  it("pays the wallet's debt first", async () => {
    const user = await createUser(t, { credits: 20 });
    const reservationId = await chargedRequest(user);
    await t.app.get(LedgerRepository).debit({
      walletId: user.walletId,
      type: 'REFUND_CLAWBACK',
      amount: 14,
      reference: `test-clawback:${randomUUID()}`,
      description: 'Refund',
      allowDebt: true,
    });
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).debt).toBe(4);

    const response = await reverse(reservationId).expect(201);
    expect(response.body).toMatchObject({ amount: 10, debtPaid: 4, remaining: 6 });
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).debt).toBe(0);
    await assertInvariants(t.prisma);
  });

  it('404 for an unknown, pending, voided or uncharged reservation; 403 for a non-admin; 400 without a reason', async () => {
    const user = await createUser(t, { credits: 30 });
    await reverse(randomUUID()).expect(404);
    await reverse('not-a-uuid').expect(404);
    const pending = await t.app.get(CreditsRepository).hold(user.actor, 3, 'POST /pending', 60);
    await reverse((pending as { reservationId: string }).reservationId).expect(404);
    const voided = await t.app.get(CreditsRepository).hold(user.actor, 3, 'POST /voided', 60);
    await t.app
      .get(CreditsRepository)
      .void(user.walletId, (voided as { reservationId: string }).reservationId);
    await reverse((voided as { reservationId: string }).reservationId).expect(404);
    const free = await t.app.get(CreditsRepository).hold(user.actor, 3, 'POST /free', 60);
    await t.app
      .get(CreditsRepository)
      .settle(user.actor, (free as { reservationId: string }).reservationId, 0);
    await reverse((free as { reservationId: string }).reservationId).expect(404);

    const charged = await chargedRequest(user);
    const forbidden = await reverse(charged, user).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const missing = await t.http
      .post(`/api/admin/usage/${charged}/reverse`)
      .set(admin.auth)
      .send({})
      .expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    await t.app
      .get(CreditsRepository)
      .void(user.walletId, (pending as { reservationId: string }).reservationId);
  });
});
