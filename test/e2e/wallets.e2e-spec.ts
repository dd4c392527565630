import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { GrantExpirySweeper } from '../../src/credits/grant-expiry-sweeper.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { SqlDatabase } from '../../src/database/sql-database.js';
import { assertInvariants } from '../support/invariants.js';
import {
  balanceOf,
  clawBackCredits,
  createOrder,
  createUser,
  grantCredits,
  grantOneOfEachDrawDownRule,
  type TestUser,
} from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { postStripe, STRIPE_WEBHOOK_SECRET } from '../support/webhook-requests.js';
import {
  stripeChargeRefundedEvent,
  stripeCheckoutEvent,
  stripeDisputeEvent,
} from '../support/webhook-signers.js';

/**
 * Wallets and grants end to end: draw-down order, zero overdraft across grants under concurrency,
 * expiry with and without the sweeper, clawback into debt that settles pay back, refunds of the right
 * purchase, dispute restores. The invariants are checked after every step that matters, not only at the end.
 */

const STRIPE_ENV = { STRIPE_SECRET_KEY: 'sk_test_wallets_suite', STRIPE_WEBHOOK_SECRET };
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: STRIPE_ENV });
});
afterAll(() => t?.close());

const DAY_MS = 86_400_000;

function grantsOf(app: TestApp, walletId: string) {
  return app.prisma.creditGrant.findMany({
    where: { walletId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** The grants each ledger row of the wallet touched, oldest row first: [type, amount, {grantId: amount}]. */
async function movements(app: TestApp, walletId: string) {
  const rows = await app.prisma.creditTransaction.findMany({
    where: { walletId },
    include: { allocations: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({
    type: row.type,
    amount: row.amount,
    debtPaid: row.debtPaid,
    debtAdded: row.debtAdded,
    grants: Object.fromEntries(row.allocations.map((a) => [a.grantId, a.amount])),
  }));
}

async function generate(user: TestUser, expected: number) {
  return t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'draw' }).expect(expected);
}

/** A Stripe purchase of `credits` (1800 cents per 100 credits) credited through the webhook. */
async function purchase(app: TestApp, user: TestUser, credits = 100) {
  const amount = (credits / 100) * 1800;
  const order = await createOrder(app, user.id, { credits, amount });
  const pi = `pi_${randomBytes(10).toString('hex')}`;
  await postStripe(
    app,
    stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: amount,
      paymentIntent: pi,
    }),
  ).expect(200);
  const grant = await app.prisma.creditGrant.findFirstOrThrow({
    where: { orderId: order.id, source: 'PURCHASE' },
  });
  return { order, pi, amount, grant };
}

describe('draw-down order', () => {
  it('spends priority 10, then the soonest expiry, then promotional before paid, then the oldest', async () => {
    const user = await createUser(t);
    const [paidPurchase, promoNoExpiry, promoExpiring, priority10] = await grantOneOfEachDrawDownRule(
      t,
      user.walletId,
    );
    for (let i = 0; i < 4; i++) await generate(user, 201);
    await generate(user, 402);
    const usage = (await movements(t, user.walletId)).filter((m) => m.type === 'USAGE');
    expect(usage.map((m) => m.grants)).toEqual([
      { [priority10]: -10 },
      { [promoExpiring]: -10 },
      { [promoNoExpiry]: -10 },
      { [paidPurchase]: -10 },
    ]);
    expect((await grantsOf(t, user.walletId)).map((g) => [g.remaining, g.status])).toEqual([
      [0, 'DEPLETED'],
      [0, 'DEPLETED'],
      [0, 'DEPLETED'],
      [0, 'DEPLETED'],
    ]);
  });

  it('a spend larger than one grant takes the next in order, and the balance splits paid and promotional', async () => {
    const user = await createUser(t);
    const [promo, paid] = await grantCredits(t, user.walletId, [
      { amount: 15, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 2 * DAY_MS) },
      { amount: 20, category: 'PAID' },
    ]);
    await generate(user, 201);
    await generate(user, 201);
    const usage = (await movements(t, user.walletId)).filter((m) => m.type === 'USAGE');
    expect(usage.map((m) => m.grants)).toEqual([{ [promo]: -10 }, { [promo]: -5, [paid]: -5 }]);
    const balance = await t.http.get('/api/credits/balance').set(user.auth).expect(200);
    expect(balance.body).toMatchObject({
      remaining: 15,
      paid: 15,
      promotional: 0,
      debt: 0,
      expiringSoon: [],
    });
  });
});

describe('zero overdraft across grants', () => {
  it('100 concurrent 10-credit requests over three grants worth 370: exactly 37 succeed, grants exact', async () => {
    const user = await createUser(t);
    await grantCredits(t, user.walletId, [
      { amount: 100, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + DAY_MS) },
      { amount: 120, category: 'PAID', priority: 20 },
      { amount: 150, category: 'PAID' },
    ]);
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () =>
        t.http
          .post('/api/ai/generate')
          .set(user.auth)
          .send({ prompt: 'race' })
          .then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(37);
    expect(statuses.filter((status) => status === 402)).toHaveLength(63);
    expect(await balanceOf(t, user.id)).toEqual({
      creditsTotal: 370,
      creditsUsed: 370,
      creditsReserved: 0,
      remaining: 0,
    });
    for (const grant of await grantsOf(t, user.walletId)) {
      expect(grant).toMatchObject({ remaining: 0, held: 0, status: 'DEPLETED' });
    }
    await assertInvariants(t.prisma);
  });
});

describe('the wallet of a request', () => {
  it('an API-key request charges the owner’s wallet and the USAGE row names the actor and the key', async () => {
    const user = await createUser(t, { credits: 20 });
    const created = await t.http.post('/api/auth/api-keys').set(user.auth).send({ name: 'ci' }).expect(201);
    await t.http
      .post('/api/ai/generate')
      .set('X-API-Key', created.body.key)
      .send({ prompt: 'key' })
      .expect(201);
    const usage = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: user.walletId, type: 'USAGE' },
    });
    expect(usage).toMatchObject({
      userId: user.id,
      actorUserId: user.id,
      apiKeyId: created.body.id,
      amount: -10,
    });
  });

  it('an access token issued before wallets existed (no wid claim) still finds the personal wallet', async () => {
    const user = await createUser(t, { credits: 7 });
    const legacy = await t.app
      .get(JwtService)
      .signAsync({ sub: user.id, email: user.email, role: user.role });
    const balance = await t.http
      .get('/api/credits/balance')
      .set('Authorization', `Bearer ${legacy}`)
      .expect(200);
    expect(balance.body).toMatchObject({ walletId: user.walletId, remaining: 7 });
  });
});

describe('a grant committed while a hold waits for the wallet', () => {
  it('is missed by the hold statement’s snapshot, and the hold retries once and takes it', async () => {
    const user = await createUser(t);
    const sql = t.app.get(SqlDatabase);
    const ledger = t.app.get(LedgerRepository);
    let hold: Promise<unknown> | undefined;
    await sql.transaction(async (tx) => {
      // A purchase in flight: it holds the wallet's lock while it adds a grant.
      await ledger.credit(
        {
          walletId: user.walletId,
          type: 'GRANT',
          amount: 10,
          reference: 'concurrent-grant',
          description: 'committed while the hold waits',
          grant: { source: 'ADMIN_GRANT', category: 'PAID' },
        },
        tx,
      );
      hold = t.app.get(CreditsRepository).hold(user.actor, 10, 'POST /waits', 60);
      // Let the hold statement start (its snapshot) and queue on the wallet lock.
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    });
    expect(await hold).toMatchObject({ held: true, remaining: 0 });
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsReserved: 10, remaining: 0 });
    await assertInvariants(t.prisma);
  });
});

describe('expiry', () => {
  it('expired credits cannot be held nor counted before the sweeper; the sweeper writes one EXPIRATION row; a hold taken before still settles', async () => {
    const user = await createUser(t);
    // Real time, as the scenario is written: the hold is the very next statement after the grant.
    const [expiring] = await grantCredits(t, user.walletId, [
      { amount: 10, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 2000) },
    ]);
    const early = await t.app.get(CreditsRepository).hold(user.actor, 4, 'POST /early', 60);
    expect(early.held).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2100));

    // Sweeper off: nothing can be held and nothing is counted.
    const refused = await generate(user, 402);
    expect(refused.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', required: 10, remaining: 0 });
    const balance = await t.http.get('/api/credits/balance').set(user.auth).expect(200);
    expect(balance.body).toMatchObject({ creditsTotal: 4, creditsUsed: 0, creditsReserved: 4, remaining: 0 });
    expect(balance.body.remaining).toBe(
      balance.body.creditsTotal - balance.body.creditsUsed - balance.body.creditsReserved,
    );
    await assertInvariants(t.prisma);

    // Sweeper on: one EXPIRATION row for the unheld 6; the held 4 stay.
    expect(await t.app.get(GrantExpirySweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.app.get(GrantExpirySweeper).sweep()).toBe(0);
    let rows = (await movements(t, user.walletId)).filter((m) => m.type === 'EXPIRATION');
    expect(rows).toEqual([
      { type: 'EXPIRATION', amount: -6, debtPaid: 0, debtAdded: 0, grants: { [expiring]: -6 } },
    ]);
    expect(await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: expiring } })).toMatchObject({
      remaining: 4,
      held: 4,
      status: 'ACTIVE',
    });

    // The early hold still settles; what it gives back to the expired grant is written off at once.
    const settled = await t.app
      .get(CreditsRepository)
      .settle(user.actor, (early as { reservationId: string }).reservationId, 3);
    expect(settled).toEqual({ charged: 3, remaining: 0 });
    rows = (await movements(t, user.walletId)).filter((m) => m.type === 'EXPIRATION');
    expect(rows.map((row) => row.amount)).toEqual([-6, -1]);
    expect(await balanceOf(t, user.id)).toEqual({
      creditsTotal: 3,
      creditsUsed: 3,
      creditsReserved: 0,
      remaining: 0,
    });
    const grant = await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: expiring } });
    expect(grant).toMatchObject({ remaining: 0, held: 0 });
    expect(['EXPIRED', 'DEPLETED']).toContain(grant.status);
    await assertInvariants(t.prisma);
  });

  it('settle racing the sweeper on the same grant: one outcome, the same books either way', async () => {
    const repository = t.app.get(CreditsRepository);
    const sweeper = t.app.get(GrantExpirySweeper);
    for (let round = 0; round < 5; round++) {
      const user = await createUser(t);
      await grantCredits(t, user.walletId, [{ amount: 10, expiresAt: new Date(Date.now() + 300) }]);
      const hold = (await repository.hold(user.actor, 4, 'POST /race', 60)) as { reservationId: string };
      await new Promise((resolve) => setTimeout(resolve, 350));
      const [settled] = await Promise.all([
        repository.settle(user.actor, hold.reservationId, 3),
        sweeper.sweep(),
      ]);
      expect(settled?.charged).toBe(3);
      await assertInvariants(t.prisma);
      // A sweep that met the settle's wallet lock skipped it (SKIP LOCKED); the next run catches up.
      await sweeper.sweep();
      expect(await balanceOf(t, user.id)).toEqual({
        creditsTotal: 3,
        creditsUsed: 3,
        creditsReserved: 0,
        remaining: 0,
      });
      const expirations = (await movements(t, user.walletId)).filter((m) => m.type === 'EXPIRATION');
      expect(expirations.reduce((sum, row) => sum + row.amount, 0)).toBe(-7);
      await assertInvariants(t.prisma);
    }
  });
});

describe('clawback, debt and restore', () => {
  it('a refund that meets held credits: they are not clawed, the rest becomes debt, and the settle pays it first', async () => {
    const user = await createUser(t);
    const { pi, amount, grant } = await purchase(t, user, 100);
    const hold = (await t.app.get(CreditsRepository).hold(user.actor, 60, 'POST /in-flight', 60)) as {
      reservationId: string;
    };
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
    ).expect(200);
    const wallet = () => t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } });
    expect(await wallet()).toMatchObject({ creditsTotal: 0, creditsReserved: 60, debt: 60 });
    expect(await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      remaining: 60,
      held: 60,
    });
    const clawback = (await movements(t, user.walletId)).find((m) => m.type === 'REFUND_CLAWBACK');
    expect(clawback).toMatchObject({ amount: -100, debtAdded: 60, grants: { [grant.id]: -40 } });
    await assertInvariants(t.prisma);
    const refused = await generate(user, 402);
    expect(refused.body.remaining).toBe(-60);

    // The request settles 10: the 50 it gives back pay the debt first.
    await t.app.get(CreditsRepository).settle(user.actor, hold.reservationId, 10);
    expect(await wallet()).toMatchObject({ creditsTotal: 0, creditsUsed: 10, creditsReserved: 0, debt: 10 });
    const usage = (await movements(t, user.walletId)).find((m) => m.type === 'USAGE');
    expect(usage).toMatchObject({ amount: -10, debtPaid: 50, grants: { [grant.id]: -60 } });
    await assertInvariants(t.prisma);

    // A purchase afterwards pays the rest of the debt first.
    const next = await purchase(t, user, 100);
    expect(next.grant).toMatchObject({ amount: 100, remaining: 90 });
    expect(await wallet()).toMatchObject({ debt: 0 });
    const incoming = (await movements(t, user.walletId)).filter((m) => m.type === 'PURCHASE').at(-1);
    expect(incoming).toMatchObject({ amount: 100, debtPaid: 10, grants: { [next.grant.id]: 90 } });
    await assertInvariants(t.prisma);
  });

  it('a purchase smaller than the debt pays it all to the debt: its grant starts DEPLETED', async () => {
    const user = await createUser(t, { credits: 10 });
    await clawBackCredits(t, user.walletId, 160);
    const wallet = () => t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } });
    expect(await wallet()).toMatchObject({ creditsTotal: -150, debt: 150 });

    const first = await purchase(t, user, 100);
    expect(first.grant).toMatchObject({ amount: 100, remaining: 0, status: 'DEPLETED' });
    expect(await wallet()).toMatchObject({ creditsTotal: -50, debt: 50 });
    let incoming = (await movements(t, user.walletId)).filter((m) => m.type === 'PURCHASE').at(-1);
    expect(incoming).toEqual({ type: 'PURCHASE', amount: 100, debtPaid: 100, debtAdded: 0, grants: {} });
    await assertInvariants(t.prisma);

    const second = await purchase(t, user, 100);
    expect(second.grant).toMatchObject({ amount: 100, remaining: 50, status: 'ACTIVE' });
    expect(await wallet()).toMatchObject({ creditsTotal: 50, debt: 0 });
    incoming = (await movements(t, user.walletId)).filter((m) => m.type === 'PURCHASE').at(-1);
    expect(incoming).toEqual({
      type: 'PURCHASE',
      amount: 100,
      debtPaid: 50,
      debtAdded: 0,
      grants: { [second.grant.id]: 50 },
    });
    expect(await balanceOf(t, user.id)).toMatchObject({ remaining: 50 });
    await assertInvariants(t.prisma);
  });

  it('a void after a refund gives everything back to the debt', async () => {
    const user = await createUser(t);
    const { pi, amount } = await purchase(t, user, 100);
    const hold = (await t.app.get(CreditsRepository).hold(user.actor, 30, 'POST /in-flight', 60)) as {
      reservationId: string;
    };
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
    ).expect(200);
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      debt: 30,
    });
    expect(await t.app.get(CreditsRepository).void(user.walletId, hold.reservationId)).toBe(true);
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      creditsTotal: 0,
      creditsUsed: 0,
      creditsReserved: 0,
      debt: 0,
    });
    // The ledger says where the debt went: a DEBT_PAYMENT row, from the grant the hold gave back to.
    const purchaseGrant = await t.prisma.creditGrant.findFirstOrThrow({
      where: { walletId: user.walletId, source: 'PURCHASE' },
    });
    const payment = (await movements(t, user.walletId)).filter((m) => m.type === 'DEBT_PAYMENT');
    expect(payment).toEqual([
      { type: 'DEBT_PAYMENT', amount: 0, debtPaid: 30, debtAdded: 0, grants: { [purchaseGrant.id]: -30 } },
    ]);
    await assertInvariants(t.prisma);
  });

  it('the sweeper expiring two holds of one wallet in debt writes one DEBT_PAYMENT row for both', async () => {
    const user = await createUser(t);
    const { pi, amount } = await purchase(t, user, 100);
    const credits = t.app.get(CreditsRepository);
    for (const size of [30, 20]) {
      expect((await credits.hold(user.actor, size, 'POST /dies', 60)).held).toBe(true);
    }
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
    ).expect(200);
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      debt: 50,
    });
    await t.prisma.reservation.updateMany({
      where: { walletId: user.walletId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await credits.expireStaleHolds()).toBeGreaterThanOrEqual(2);

    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      creditsTotal: 0,
      creditsReserved: 0,
      debt: 0,
    });
    const purchaseGrant = await t.prisma.creditGrant.findFirstOrThrow({
      where: { walletId: user.walletId, source: 'PURCHASE' },
    });
    expect((await movements(t, user.walletId)).filter((m) => m.type === 'DEBT_PAYMENT')).toEqual([
      { type: 'DEBT_PAYMENT', amount: 0, debtPaid: 50, debtAdded: 0, grants: { [purchaseGrant.id]: -50 } },
    ]);
    // A second sweep finds nothing left to release and writes nothing.
    await credits.expireStaleHolds();
    expect(
      await t.prisma.creditTransaction.count({ where: { walletId: user.walletId, type: 'DEBT_PAYMENT' } }),
    ).toBe(1);
    await assertInvariants(t.prisma);
  });

  it('a void racing a settle of the same hold in debt: one wins, and the debt is paid once', async () => {
    const credits = t.app.get(CreditsRepository);
    for (let round = 0; round < 5; round++) {
      const user = await createUser(t);
      const { pi, amount } = await purchase(t, user, 100);
      const hold = (await credits.hold(user.actor, 30, 'POST /in-flight', 60)) as { reservationId: string };
      await postStripe(
        t,
        stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
      ).expect(200);
      const [settled, voided] = await Promise.all([
        credits.settle(user.actor, hold.reservationId, 10),
        credits.void(user.walletId, hold.reservationId),
      ]);
      expect([settled !== undefined, voided].filter(Boolean)).toHaveLength(1);
      const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } });
      const rows = (await movements(t, user.walletId)).filter(
        (m) => m.type === 'USAGE' || m.type === 'DEBT_PAYMENT',
      );
      if (voided) {
        // All 30 held credits went to the debt.
        expect(wallet).toMatchObject({ creditsUsed: 0, creditsReserved: 0, debt: 0 });
        expect(rows.map((r) => [r.type, r.debtPaid])).toEqual([['DEBT_PAYMENT', 30]]);
      } else {
        // 10 charged, the 20 given back paid 20 of the 30 owed.
        expect(wallet).toMatchObject({ creditsUsed: 10, creditsReserved: 0, debt: 10 });
        expect(rows.map((r) => [r.type, r.debtPaid])).toEqual([['USAGE', 20]]);
      }
    }
    await assertInvariants(t.prisma);
  });

  it('refund of a half-spent purchase: its own grant first, then the others in order, then debt', async () => {
    const user = await createUser(t, { grants: [{ amount: 30, category: 'PROMOTIONAL' }] });
    const { pi, amount, grant } = await purchase(t, user, 100);
    for (let i = 0; i < 8; i++) await generate(user, 201);
    // Promotional first (30), then 50 of the purchase: it is half spent.
    expect(await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      remaining: 50,
    });
    const [later] = await grantCredits(t, user.walletId, [{ amount: 20, category: 'PAID' }]);
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
    ).expect(200);
    const clawback = (await movements(t, user.walletId)).find((m) => m.type === 'REFUND_CLAWBACK');
    expect(clawback).toEqual({
      type: 'REFUND_CLAWBACK',
      amount: -100,
      debtPaid: 0,
      debtAdded: 30,
      grants: { [grant.id]: -50, [later]: -20 },
    });
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      debt: 30,
    });
    await assertInvariants(t.prisma);
  });

  it('a dispute then a refund of the same payment claws back once', async () => {
    const user = await createUser(t, { credits: 5 });
    const { pi, amount, order } = await purchase(t, user, 100);
    await postStripe(t, stripeDisputeEvent('charge.dispute.created', { paymentIntent: pi, amount })).expect(
      200,
    );
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount, amountRefunded: amount }),
    ).expect(200);
    const rows = await t.prisma.creditTransaction.findMany({ where: { orderId: order.id } });
    expect(rows.filter((row) => row.amount < 0).reduce((sum, row) => sum + row.amount, 0)).toBe(-100);
    expect(await balanceOf(t, user.id)).toMatchObject({ creditsTotal: 5, remaining: 5 });
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: user.walletId } })).toMatchObject({
      debt: 0,
    });
    await assertInvariants(t.prisma);
  });
});

describe('admin grants and adjustments', () => {
  it('grants with category, priority and expiry; a negative adjustment draws down and stops at 0 (422)', async () => {
    const user = await createUser(t, { credits: 10 });
    const admin = await createUser(t, { role: 'ADMIN' });
    const expiresAt = new Date(Date.now() + 3 * DAY_MS);
    const granted = await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: 20, reason: 'promo', priority: 10, expiresAt: expiresAt.toISOString() })
      .expect(201);
    expect(granted.body).toMatchObject({
      type: 'GRANT',
      amount: 20,
      remaining: 30,
      grantId: expect.any(String),
    });
    expect(
      await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: granted.body.grantId } }),
    ).toMatchObject({
      source: 'ADMIN_GRANT',
      category: 'PROMOTIONAL',
      priority: 10,
      expiresAt,
    });
    const paid = await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: 5, reason: 'paid by invoice', category: 'PAID', expiresInDays: 30 })
      .expect(201);
    const balance = await t.http.get('/api/credits/balance').set(user.auth).expect(200);
    expect(balance.body).toMatchObject({ remaining: 35, paid: 15, promotional: 20 });
    expect(balance.body.expiringSoon).toEqual([
      { grantId: granted.body.grantId, remaining: 20, expiresAt: expiresAt.toISOString() },
    ]);

    const taken = await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: -25, reason: 'take back' })
      .expect(201);
    expect(taken.body).toMatchObject({ type: 'ADJUSTMENT', amount: -25, remaining: 10 });
    const rows = await movements(t, user.walletId);
    // Priority 10 first (20), then the soonest expiry (the 30-day paid grant, 5).
    expect(rows.at(-1)!.grants).toEqual({ [granted.body.grantId]: -20, [paid.body.grantId]: -5 });
    const refused = await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: -11, reason: 'too much' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', required: 11, remaining: 10 });
    await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: 5, reason: 'x', priority: 101 })
      .expect(400);
    await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: 5, reason: 'x', category: 'FREE' })
      .expect(400);
    await t.http
      .post(`/api/admin/users/${user.id}/credits`)
      .set(admin.auth)
      .send({ amount: 5, reason: 'x', expiresAt: '2001-01-01T00:00:00Z' })
      .expect(400);
    expect(await balanceOf(t, user.id)).toMatchObject({ remaining: 10 });
  });
});

describe('with purchased credits expiring and a signup bonus', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await createTestApp({
      env: { ...STRIPE_ENV, PURCHASED_CREDITS_EXPIRE_IN_DAYS: '30', SIGNUP_BONUS_CREDITS: '25' },
    });
  });
  afterAll(() => other?.close());

  it('registration opens the wallet with a promotional bonus that expires in SIGNUP_BONUS_EXPIRES_IN_DAYS', async () => {
    const registered = await other.http
      .post('/api/auth/register')
      .send({ email: `bonus-${randomBytes(4).toString('hex')}@example.com`, password: 'password-123' })
      .expect(201);
    const auth = { Authorization: `Bearer ${registered.body.accessToken}` };
    const balance = await other.http.get('/api/credits/balance').set(auth).expect(200);
    expect(balance.body).toMatchObject({
      creditsTotal: 25,
      remaining: 25,
      promotional: 25,
      paid: 0,
      debt: 0,
    });
    const [grant] = await grantsOf(other, balance.body.walletId);
    expect(grant).toMatchObject({ source: 'SIGNUP_BONUS', category: 'PROMOTIONAL', amount: 25 });
    expect(grant!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(grant!.expiresAt!.getTime()).toBeLessThan(Date.now() + 31 * DAY_MS);
  });

  it('a won dispute restores into a DISPUTE_RESTORE grant with the purchase grant’s category and expiry', async () => {
    const user = await createUser(other);
    const { pi, amount, grant, order } = await purchase(other, user, 100);
    expect(grant.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    const disputeId = `dp_${randomBytes(6).toString('hex')}`;
    await postStripe(
      other,
      stripeDisputeEvent('charge.dispute.created', { paymentIntent: pi, amount, disputeId }),
    ).expect(200);
    await postStripe(
      other,
      stripeDisputeEvent('charge.dispute.closed', { paymentIntent: pi, amount, disputeId, status: 'won' }),
    ).expect(200);
    const restore = await other.prisma.creditGrant.findFirstOrThrow({
      where: { walletId: user.walletId, source: 'DISPUTE_RESTORE' },
    });
    expect(restore).toMatchObject({
      category: 'PAID',
      amount: 100,
      remaining: 100,
      orderId: order.id,
      expiresAt: grant.expiresAt,
    });
    expect(await balanceOf(other, user.id)).toMatchObject({ remaining: 100 });
  });
});
