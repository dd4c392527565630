import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSandboxEvent } from '../../src/payments/sandbox/sandbox-webhook.signer.js';
import { balanceOf, createOrder, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import {
  leakedSecrets,
  postStripe,
  sentSecrets,
  STRIPE_WEBHOOK_SECRET,
} from '../support/webhook-requests.js';
import { stripeCheckoutEvent } from '../support/webhook-signers.js';

/**
 * The admin side of the inbox (list, replay) and the sandbox provider end to end: register, buy 100
 * credits, open the page this service serves, Pay → +100 exactly once, spend 10.
 */

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({
    env: { STRIPE_SECRET_KEY: 'sk_test_admin_suite', STRIPE_WEBHOOK_SECRET },
    captureLogs: true,
  });
  admin = await createUser(t, { role: 'ADMIN' });
  sentSecrets.add(admin.token);
  sentSecrets.add('sk_test_admin_suite');
});
afterAll(() => t?.close());

async function rejectLedgerWrites(reject: boolean) {
  if (reject) {
    await t.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_reject_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger write rejected by the test'; END $$`);
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_reject_ledger BEFORE INSERT ON "CreditTransaction" FOR EACH ROW EXECUTE FUNCTION test_reject_ledger()`,
    );
  } else {
    await t.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_reject_ledger ON "CreditTransaction"`);
  }
}

describe('admin: webhook events', () => {
  it('lists events newest first, filtered by status, without payloads', async () => {
    const user = await createUser(t);
    const order = await createOrder(t, user.id);
    const good = stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 1800,
    });
    const unknown = stripeCheckoutEvent('checkout.session.completed', {
      id: 'cs_test_unknown',
      amountTotal: 1800,
    });
    await postStripe(t, good).expect(200);
    await postStripe(t, unknown).expect(200);

    const all = await t.http.get('/api/admin/webhook-events').set(admin.auth).expect(200);
    expect(all.body.items[0]).toMatchObject({
      eventId: unknown.id,
      status: 'FAILED',
      provider: 'stripe',
      attempts: 1,
    });
    expect(all.body.items[0]).not.toHaveProperty('payload');
    const ignored = await t.http.get('/api/admin/webhook-events?status=FAILED').set(admin.auth).expect(200);
    expect(ignored.body.items.map((item: { status: string }) => item.status)).toEqual(
      Array(ignored.body.items.length).fill('FAILED'),
    );
    expect(ignored.body.items.map((item: { eventId: string }) => item.eventId)).not.toContain(good.id);
    await t.http.get('/api/admin/webhook-events?status=LOST').set(admin.auth).expect(400);
  });

  it('replays a FAILED event once the cause is fixed: PROCESSED, credited once', async () => {
    const user = await createUser(t);
    const order = await createOrder(t, user.id);
    const event = stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 1800,
    });
    await rejectLedgerWrites(true);
    try {
      await postStripe(t, event).expect(500);
    } finally {
      await rejectLedgerWrites(false);
    }
    const failed = await t.http.get('/api/admin/webhook-events?status=FAILED').set(admin.auth).expect(200);
    const row = failed.body.items.find((item: { eventId: string }) => item.eventId === event.id);
    expect(row).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/rejected/) });

    const replayed = await t.http
      .post(`/api/admin/webhook-events/${row.id}/replay`)
      .set(admin.auth)
      .expect(200);
    expect(replayed.body).toMatchObject({ id: row.id, status: 'PROCESSED', attempts: 2, error: null });
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
    // Replaying a PROCESSED event, or the provider redelivering it, does nothing more.
    await t.http.post(`/api/admin/webhook-events/${row.id}/replay`).set(admin.auth).expect(200);
    await postStripe(t, event).expect(200);
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
  });

  it('replaying a FAILED event whose cause remains answers 200 with FAILED and counts the attempt', async () => {
    const user = await createUser(t);
    const order = await createOrder(t, user.id);
    const event = stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 999,
    });
    await postStripe(t, event).expect(200);
    const row = await t.prisma.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: 'stripe', eventId: event.id } },
    });
    const replayed = await t.http
      .post(`/api/admin/webhook-events/${row.id}/replay`)
      .set(admin.auth)
      .expect(200);
    expect(replayed.body).toMatchObject({
      status: 'FAILED',
      attempts: 2,
      error: expect.stringMatching(/Amount mismatch/),
    });
    expect((await balanceOf(t, user.id)).remaining).toBe(0);
  });

  it('replays a FAILED event (no matching order) once its order exists', async () => {
    const user = await createUser(t);
    const sessionId = 'cs_test_order_created_late';
    const event = stripeCheckoutEvent('checkout.session.completed', { id: sessionId, amountTotal: 1800 });
    await postStripe(t, event).expect(200);
    await createOrder(t, user.id, { sessionId });
    const row = await t.prisma.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: 'stripe', eventId: event.id } },
    });
    const replayed = await t.http
      .post(`/api/admin/webhook-events/${row.id}/replay`)
      .set(admin.auth)
      .expect(200);
    expect(replayed.body.status).toBe('PROCESSED');
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
  });

  it('404 for an unknown event; 403 for a non-admin; 401 without credentials', async () => {
    await t.http
      .post('/api/admin/webhook-events/00000000-0000-4000-8000-000000000000/replay')
      .set(admin.auth)
      .expect(404);
    await t.http.post('/api/admin/webhook-events/not-a-uuid/replay').set(admin.auth).expect(404);
    const user = await createUser(t);
    sentSecrets.add(user.token);
    await t.http.get('/api/admin/webhook-events').set(user.auth).expect(403);
    await t.http.get('/api/admin/webhook-events').expect(401);
  });
});

describe('sandbox, end to end', () => {
  function pathOf(url: string) {
    return new URL(url).pathname;
  }

  it('register, buy 100 credits, open the page, Pay (twice, and concurrently) → +100 once, spend 10', async () => {
    const registered = await t.http
      .post('/api/auth/register')
      .send({ email: `sandbox-${Date.now()}@example.com`, password: 'sandbox password 1' })
      .expect(201);
    sentSecrets.add(registered.body.accessToken);
    sentSecrets.add('sandbox password 1');
    const auth = { Authorization: `Bearer ${registered.body.accessToken}` };

    const checkout = await t.http
      .post('/api/billing/checkout-sessions')
      .set(auth)
      .send({ credits: 100, provider: 'sandbox' })
      .expect(201);
    expect(checkout.body).toMatchObject({
      provider: 'sandbox',
      credits: 100,
      amount: 1800,
      status: 'PENDING',
    });
    const path = pathOf(checkout.body.checkoutUrl);

    const page = await t.http.get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('100 credits');
    expect(page.text).toContain('18.00 USD');
    expect(page.text).toContain(`action="${path}/pay"`);
    expect(page.text).toContain(`action="${path}/cancel"`);

    // A double-clicking customer: the presses race, each signs the same event id, one inbox row credits.
    const presses = await Promise.all(
      Array.from({ length: 5 }, () => t.http.post(`${path}/pay`).expect(200)),
    );
    expect(presses.some((press) => press.text.includes('Payment received'))).toBe(true);
    await t.http.post(`${path}/pay`).expect(200);
    const balance = await t.http.get('/api/credits/balance').set(auth).expect(200);
    expect(balance.body).toMatchObject({ creditsTotal: 100, remaining: 100 });
    expect((await t.http.get(path).expect(200)).text).toContain('closed');

    const generated = await t.http
      .post('/api/ai/generate')
      .set(auth)
      .send({ prompt: 'hello sandbox' })
      .expect(201);
    expect(generated.body.creditsCharged).toBe(10);
    expect((await t.http.get('/api/credits/balance').set(auth).expect(200)).body.remaining).toBe(90);
    const order = await t.http.get(`/api/billing/orders/${checkout.body.orderId}`).set(auth).expect(200);
    expect(order.body.status).toBe('PAID');
  });

  it('Cancel expires the order; Pay afterwards charges nothing', async () => {
    const user = await createUser(t);
    sentSecrets.add(user.token);
    const checkout = await t.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 50, provider: 'sandbox' })
      .expect(201);
    const path = pathOf(checkout.body.checkoutUrl);
    await t.http.post(`${path}/cancel`).expect(200);
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: checkout.body.orderId } })).status).toBe(
      'EXPIRED',
    );
    const late = await t.http.post(`${path}/pay`).expect(200);
    expect(late.text).toContain('closed');
    expect((await balanceOf(t, user.id)).remaining).toBe(0);
  });

  it('the sandbox webhook verifies like any provider: a signed event credits, a forged one is 400', async () => {
    const user = await createUser(t);
    const order = await createOrder(t, user.id, { provider: 'sandbox' });
    const data = { sessionId: order.providerSessionId!, orderId: order.id, amount: 1800, currency: 'usd' };
    const forged = signSandboxEvent('not-the-jwt-secret', { type: 'payment.succeeded', data });
    await t.http
      .post('/api/payments/sandbox/webhook')
      .set('Content-Type', 'application/json')
      .set(forged.headers)
      .send(forged.rawBody.toString())
      .expect(400);
    const signed = signSandboxEvent(TEST_JWT_SECRET, { type: 'payment.succeeded', data });
    sentSecrets.add(signed.headers['webhook-signature']);
    await t.http
      .post('/api/payments/sandbox/webhook')
      .set('Content-Type', 'application/json')
      .set(signed.headers)
      .send(signed.rawBody.toString())
      .expect(200);
    expect((await balanceOf(t, user.id)).remaining).toBe(100);
  });

  it('unknown session → 404', async () => {
    await t.http.get('/api/payments/sandbox/checkout/sbx_unknown').expect(404);
    await t.http.post('/api/payments/sandbox/checkout/sbx_unknown/pay').expect(404);
  });

  it('in production the sandbox does not exist: page, buttons and webhook are 404', async () => {
    const production = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: { NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_admin_suite', STRIPE_WEBHOOK_SECRET },
    });
    try {
      const user = await createUser(t);
      const order = await createOrder(t, user.id, { provider: 'sandbox' });
      await production.http.get(`/api/payments/sandbox/checkout/${order.providerSessionId}`).expect(404);
      await production.http.post(`/api/payments/sandbox/checkout/${order.providerSessionId}/pay`).expect(404);
      const signed = signSandboxEvent(TEST_JWT_SECRET, {
        type: 'payment.succeeded',
        data: { sessionId: order.providerSessionId!, orderId: order.id, amount: 1800, currency: 'usd' },
      });
      await production.http
        .post('/api/payments/sandbox/webhook')
        .set('Content-Type', 'application/json')
        .set(signed.headers)
        .send(signed.rawBody.toString())
        .expect(404);
      expect((await balanceOf(t, user.id)).remaining).toBe(0);
    } finally {
      await production.close();
    }
  });
});

describe('logs', () => {
  it('hold no secret, signature, password or token', () => {
    expect(leakedSecrets(t.logs)).toEqual([]);
  });
});
