import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconciliationService } from '../../src/webhooks/reconciliation.service.js';
import { balanceOf, createUser, type TestUser } from '../support/factories.js';
import { type FakeDodoServer, startFakeDodoServer } from '../support/fake-dodo-server.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  DODO_WEBHOOK_KEY,
  leakedSecrets,
  postStripe,
  sentSecrets,
  STRIPE_WEBHOOK_SECRET,
} from '../support/webhook-requests.js';
import { stripeCheckoutEvent } from '../support/webhook-signers.js';

/**
 * Reconciliation: for the webhook that never came, the service asks the provider (here the fake Stripe and
 * Dodo APIs, through the real SDKs) about open orders older than RECONCILE_MIN_AGE_MINUTES (10) and younger
 * than 3 days, and credits the paid ones through the webhook pipeline — once, also when racing a webhook.
 */

let t: TestApp;
let stripe: FakeStripeServer;
let dodo: FakeDodoServer;
let admin: TestUser;

beforeAll(async () => {
  stripe = await startFakeStripeServer();
  dodo = await startFakeDodoServer();
  t = await createTestApp({
    env: { ...stripe.env(STRIPE_WEBHOOK_SECRET), ...dodo.env(DODO_WEBHOOK_KEY) },
    captureLogs: true,
  });
  admin = await createUser(t, { role: 'ADMIN' });
  sentSecrets.add(admin.token);
  sentSecrets.add('sk_test_fake');
  sentSecrets.add('dodo_test_fake_key');
});
afterAll(async () => {
  await t?.close();
  await stripe?.close();
  await dodo?.close();
});

async function buyer(): Promise<TestUser> {
  const user = await createUser(t);
  sentSecrets.add(user.token);
  return user;
}

/** A checkout through billing (so the fake provider knows the session), created `minutesAgo` ago. */
async function checkout(user: TestUser, provider: 'stripe' | 'dodo', minutesAgo = 15) {
  const response = await t.http
    .post('/api/billing/checkout-sessions')
    .set(user.auth)
    .send({ credits: 100, provider })
    .expect(201);
  await t.prisma.order.update({
    where: { id: response.body.orderId },
    data: { createdAt: new Date(Date.now() - minutesAgo * 60_000) },
  });
  return response.body as { orderId: string; sessionId: string };
}

function reconcile() {
  return t.http.post('/api/admin/reconcile').set(admin.auth).expect(200);
}

/** Orders left open by other tests would be counted in `checked`: close them. */
async function closeOpenOrders() {
  await t.prisma.order.updateMany({
    where: { status: { in: ['PENDING', 'AWAITING_PAYMENT'] } },
    data: { status: 'EXPIRED' },
  });
}

describe('reconciliation', () => {
  it('credits a paid Stripe session whose webhook never came, once; leaves unpaid, young and old ones alone', async () => {
    await closeOpenOrders();
    const user = await buyer();
    const paid = await checkout(user, 'stripe');
    const open = await checkout(user, 'stripe');
    const asyncUnpaid = await checkout(user, 'stripe');
    const young = await checkout(user, 'stripe', 2);
    const old = await checkout(user, 'stripe', 4 * 24 * 60);
    stripe.markPaid(paid.sessionId);
    stripe.markPaid(asyncUnpaid.sessionId, 'unpaid');
    stripe.markPaid(young.sessionId);
    stripe.markPaid(old.sessionId);

    const first = await reconcile();
    expect(first.body).toEqual({ checked: 3, fulfilled: 1 });
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
    const statuses = Object.fromEntries(
      (await t.prisma.order.findMany({ where: { userId: user.id } })).map((order) => [
        order.id,
        order.status,
      ]),
    );
    expect(statuses).toEqual({
      [paid.orderId]: 'PAID',
      [open.orderId]: 'PENDING',
      [asyncUnpaid.orderId]: 'PENDING',
      [young.orderId]: 'PENDING',
      [old.orderId]: 'PENDING',
    });
    const event = await t.prisma.webhookEvent.findUnique({
      where: { provider_eventId: { provider: 'stripe', eventId: `reconcile:${paid.orderId}` } },
    });
    expect(event).toMatchObject({ status: 'PROCESSED', type: 'reconciliation.paid' });

    // A second run does not see the paid order again; the late real webhook changes nothing.
    expect((await reconcile()).body).toEqual({ checked: 2, fulfilled: 0 });
    const session = stripe.session(paid.sessionId);
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', {
        id: paid.sessionId,
        orderId: paid.orderId,
        amountTotal: 1800,
        paymentIntent: session.payment_intent,
      }),
    ).expect(200);
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
    expect(await t.prisma.creditTransaction.count({ where: { orderId: paid.orderId } })).toBe(1);
  });

  it('credits a paid Dodo checkout (total minus tax compared with the order)', async () => {
    await closeOpenOrders();
    const user = await buyer();
    const order = await checkout(user, 'dodo');
    const payment = dodo.markPaid(order.sessionId, { tax: 144 });
    expect((await reconcile()).body).toEqual({ checked: 1, fulfilled: 1 });
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({
      status: 'PAID',
      providerPaymentId: payment.payment_id,
    });
  });

  it('a paid amount that does not match the order is not credited; the event is FAILED for an admin', async () => {
    await closeOpenOrders();
    const user = await buyer();
    const order = await checkout(user, 'stripe');
    stripe.markPaid(order.sessionId).amount_total = 1000;
    expect((await reconcile()).body).toEqual({ checked: 1, fulfilled: 0 });
    expect((await balanceOf(t, user.id)).remaining).toBe(0);
    const event = await t.prisma.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: 'stripe', eventId: `reconcile:${order.orderId}` } },
    });
    expect(event).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/Amount mismatch/) });
    await closeOpenOrders();
  });

  it('a provider that fails is skipped (asked again next run), the others are still reconciled', async () => {
    await closeOpenOrders();
    const user = await buyer();
    const first = await checkout(user, 'stripe', 30);
    const second = await checkout(user, 'stripe', 20);
    stripe.markPaid(first.sessionId);
    stripe.markPaid(second.sessionId);
    stripe.failNext(500, 3); // the SDK retries: the first order's lookup fails for good
    const result = (await reconcile()).body;
    expect(result.fulfilled).toBeGreaterThanOrEqual(1);
    stripe.recover();
    await reconcile();
    expect((await balanceOf(t, user.id)).remaining).toBe(200);
  });

  it('webhook and reconciliation racing for the same orders → each credited once', async () => {
    await closeOpenOrders();
    const user = await buyer();
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await checkout(user, 'stripe'));
    const events = orders.map((order) => {
      const session = stripe.markPaid(order.sessionId);
      return stripeCheckoutEvent('checkout.session.completed', {
        id: order.sessionId,
        orderId: order.orderId,
        amountTotal: 1800,
        paymentIntent: session.payment_intent,
      });
    });
    const service = t.app.get(ReconciliationService);
    const [runs] = await Promise.all([
      Promise.all([service.run(), service.run(), reconcile().then((r) => r.body)]),
      Promise.all(events.map((event) => postStripe(t, event).expect(200))),
    ]);
    expect(runs.every((run) => run.fulfilled <= 6)).toBe(true);
    expect((await balanceOf(t, user.id)).remaining).toBe(600);
    for (const order of orders) {
      expect(
        await t.prisma.creditTransaction.count({ where: { orderId: order.orderId, type: 'PURCHASE' } }),
      ).toBe(1);
    }
  });

  it('runs on its own every RECONCILE_INTERVAL_SECONDS', async () => {
    await closeOpenOrders();
    const scheduled = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: {
        ...stripe.env(STRIPE_WEBHOOK_SECRET),
        ...dodo.env(DODO_WEBHOOK_KEY),
        RECONCILE_INTERVAL_SECONDS: '1',
        RECONCILE_MIN_AGE_MINUTES: '0',
      },
    });
    try {
      const user = await buyer();
      const order = await checkout(user, 'stripe', 0);
      stripe.markPaid(order.sessionId);
      const deadline = Date.now() + 10_000;
      while ((await balanceOf(t, user.id)).remaining === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await balanceOf(t, user.id)).remaining).toBe(100);
    } finally {
      await scheduled.close();
    }
  });

  it('POST /api/admin/reconcile is for admins only', async () => {
    const user = await buyer();
    await t.http.post('/api/admin/reconcile').set(user.auth).expect(403);
    await t.http.post('/api/admin/reconcile').expect(401);
  });

  it('logs hold no secret, signature or token', () => {
    expect(leakedSecrets(t.logs)).toEqual([]);
  });
});
