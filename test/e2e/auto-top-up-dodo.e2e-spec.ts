import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutoTopUpWorker } from '../../src/auto-top-up/auto-top-up.worker.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createOrganization } from '../support/organizations.js';
import {
  FAKE_DODO_TOP_UP_PRODUCT,
  type FakeDodoServer,
  startFakeDodoServer,
} from '../support/fake-dodo-server.js';
import { PricedTestModule } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DODO_WEBHOOK_KEY, postDodo } from '../support/webhook-requests.js';
import { dodoEvent, dodoRefundEvent } from '../support/webhook-signers.js';

/**
 * README, "Auto top-up", with Dodo: the real dodopayments SDK against the fake Dodo server. A checkout that
 * saves the card starts an on-demand subscription of DODO_AUTO_TOP_UP_PRODUCT_ID; each top-up is a
 * `subscriptions.charge` on it, credited once by whichever of its answer and `payment.succeeded` comes first.
 */

let t: TestApp;
let dodo: FakeDodoServer;
let worker: AutoTopUpWorker;

beforeAll(async () => {
  dodo = await startFakeDodoServer();
  t = await createTestApp({
    env: { ...dodo.env(DODO_WEBHOOK_KEY), DODO_AUTO_TOP_UP_PRODUCT_ID: FAKE_DODO_TOP_UP_PRODUCT },
    imports: [PricedTestModule],
  });
  worker = t.app.get(AutoTopUpWorker);
});
afterAll(async () => {
  await t?.close();
  await dodo?.close();
});
afterEach(async () => {
  dodo.recover();
  await worker.run(0);
  dodo.chargeOutcomes.length = 0;
});

const RULE = { enabled: true, threshold: 50, credits: 100, maxPerMonth: 5 };

/** A checkout that saves the card, paid, through the real `payment.succeeded` webhook. */
async function saveCard(app: TestApp, user: TestUser, headers: Record<string, string> = {}) {
  const created = await app.http
    .post('/api/billing/checkout-sessions')
    .set(user.auth)
    .set(headers)
    .send({ credits: 100, provider: 'dodo', savePaymentMethod: true })
    .expect(201);
  const payment = dodo.markPaid(created.body.sessionId);
  await postDodo(app, dodoEvent('payment.succeeded', { ...payment })).expect(200);
  return { orderId: created.body.orderId as string, payment };
}

function spend(user: TestUser) {
  return t.http.post('/api/test-priced/echo').set(user.auth).send({});
}

async function spendBelow(user: TestUser, threshold: number): Promise<void> {
  const remaining = async () =>
    (await t.http.get('/api/credits/balance').set(user.auth).expect(200)).body.remaining as number;
  while ((await remaining()) >= threshold) await spend(user).expect(201);
}

function attemptsOf(walletId: string) {
  return t.prisma.autoTopUpAttempt.findMany({ where: { walletId }, orderBy: { createdAt: 'asc' } });
}

function autoTopUpGrants(walletId: string) {
  return t.prisma.creditGrant.findMany({ where: { walletId, source: 'AUTO_TOP_UP' } });
}

async function subscriptionOf(walletId: string): Promise<string> {
  return (await t.prisma.savedPaymentMethod.findUniqueOrThrow({ where: { walletId } })).paymentMethodId;
}

/** A wallet with a saved Dodo subscription, an active rule, and an attempt in flight. */
async function walletWithAttempt() {
  const user = await createUser(t);
  await saveCard(t, user);
  await t.http.put('/api/credits/auto-top-up').set(user.auth).send(RULE).expect(200);
  await spendBelow(user, 50);
  const [attempt] = await attemptsOf(user.walletId);
  expect(attempt).toBeDefined();
  return { user, attempt: attempt, subscriptionId: await subscriptionOf(user.walletId) };
}

describe('saving a card with Dodo', () => {
  it('creates one Dodo customer per wallet, starts an on-demand subscription at checkout and saves it with brand and last4 only', async () => {
    const user = await createUser(t);
    const first = await saveCard(t, user);
    const second = await saveCard(t, user);
    const customers = dodo
      .requestsTo('POST', '/customers')
      .filter((r) => (r.body as { metadata: { walletId: string } }).metadata.walletId === user.walletId);
    expect(customers).toHaveLength(1);
    const customerId = first.payment.customer.customer_id;
    expect(customerId).toMatch(/^cus_/);
    for (const request of dodo.checkoutCreates.slice(-2)) {
      expect(request.body).toMatchObject({
        product_cart: [{ product_id: FAKE_DODO_TOP_UP_PRODUCT, quantity: 1 }],
        customer: { customer_id: customerId },
        subscription_data: { on_demand: { mandate_only: false, product_price: 1800 } },
      });
    }
    // Each purchase is credited like any other; the newest subscription is the saved method.
    expect(await t.prisma.creditGrant.count({ where: { walletId: user.walletId, source: 'PURCHASE' } })).toBe(
      2,
    );
    const saved = await t.prisma.savedPaymentMethod.findUniqueOrThrow({ where: { walletId: user.walletId } });
    expect(saved).toMatchObject({
      provider: 'dodo',
      customerId,
      paymentMethodId: second.payment.subscription_id,
      brand: 'visa',
      last4: '4242',
    });
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body.paymentMethod).toEqual({ provider: 'dodo', brand: 'visa', last4: '4242' });
  });

  it('a second saved card cancels the first subscription at Dodo, not the new one; a redelivery of either payment changes nothing', async () => {
    const user = await createUser(t);
    const first = await saveCard(t, user);
    const firstSubscription = await subscriptionOf(user.walletId);
    const second = await saveCard(t, user);
    const secondSubscription = await subscriptionOf(user.walletId);
    expect(secondSubscription).not.toBe(firstSubscription);
    expect(dodo.subscriptions.get(firstSubscription)!.status).toBe('cancelled');
    expect(dodo.subscriptions.get(secondSubscription)!.status).toBe('active');

    await postDodo(t, dodoEvent('payment.succeeded', { ...second.payment })).expect(200);
    await postDodo(t, dodoEvent('payment.succeeded', { ...first.payment })).expect(200);
    expect(await subscriptionOf(user.walletId)).toBe(secondSubscription);
    expect(dodo.subscriptions.get(secondSubscription)!.status).toBe('active');
    expect(dodo.requestsTo('PATCH', `/subscriptions/${secondSubscription}`)).toHaveLength(0);
  });
});

describe('trigger and charge with Dodo', () => {
  it('spending across the threshold → one subscriptions.charge → credited once; payment.succeeded and its redelivery credit nothing more', async () => {
    const { user, attempt, subscriptionId } = await walletWithAttempt();
    await Promise.all([worker.run(), worker.run()]);
    const charges = dodo.chargesOf(subscriptionId);
    expect(charges).toHaveLength(1);
    const refreshed = (await attemptsOf(user.walletId))[0];
    expect(charges[0].metadata).toEqual({ orderId: refreshed.orderId, attemptId: attempt.id });
    expect(charges[0].total_amount).toBe(1800);

    const succeeded = dodoEvent('payment.succeeded', { ...charges[0] });
    await postDodo(t, succeeded).expect(200);
    await postDodo(t, succeeded).expect(200);
    await postDodo(t, succeeded, { id: 'msg_redelivered_as_new' }).expect(200);
    const grants = await autoTopUpGrants(user.walletId);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ amount: 100, category: 'PAID' });
    expect(refreshed.status).toBe('SUCCEEDED');
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: refreshed.orderId! } });
    expect(order).toMatchObject({
      source: 'AUTO_TOP_UP',
      provider: 'dodo',
      status: 'PAID',
      providerPaymentId: charges[0].payment_id,
    });
    expect(
      await t.prisma.outboxEvent.count({ where: { walletId: user.walletId, type: 'auto_top_up.succeeded' } }),
    ).toBe(1);
  });

  it('the webhook before the answer (the payment was still processing) → credited once by the webhook', async () => {
    const { user, subscriptionId } = await walletWithAttempt();
    dodo.chargeOutcomes.push('processing');
    await worker.run();
    const [payment] = dodo.chargesOf(subscriptionId);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(0);
    expect((await attemptsOf(user.walletId))[0].status).toBe('CHARGING');
    payment.status = 'succeeded';
    await postDodo(t, dodoEvent('payment.succeeded', { ...payment })).expect(200);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
    expect((await attemptsOf(user.walletId))[0].status).toBe('SUCCEEDED');
    await worker.run(0);
    expect(dodo.chargesOf(subscriptionId)).toHaveLength(1);
  });

  it('a webhook that never came: the resumed attempt finds its payment by metadata (still processing, then paid) and never charges again', async () => {
    const { user, attempt, subscriptionId } = await walletWithAttempt();
    const endLease = () =>
      t.prisma.autoTopUpAttempt.update({ where: { id: attempt.id }, data: { updatedAt: new Date(0) } });
    dodo.chargeOutcomes.push('processing');
    await worker.run();
    const [payment] = dodo.chargesOf(subscriptionId);
    await endLease();
    await worker.run(0);
    expect(dodo.chargesOf(subscriptionId)).toHaveLength(1);
    expect((await attemptsOf(user.walletId))[0].status).toBe('CHARGING');
    const listed = dodo.requestsTo('GET', '/payments').at(-1)!;
    expect(listed.query.get('subscription_id')).toBe(subscriptionId);

    payment.status = 'succeeded';
    await endLease();
    await worker.run(0);
    expect(dodo.chargesOf(subscriptionId)).toHaveLength(1);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
    expect((await attemptsOf(user.walletId))[0].status).toBe('SUCCEEDED');
    // The late webhook changes nothing.
    await postDodo(t, dodoEvent('payment.succeeded', { ...payment })).expect(200);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
  });

  it('a declined charge fails the attempt with its code and gives its place in the month back', async () => {
    const { user, subscriptionId } = await walletWithAttempt();
    dodo.chargeOutcomes.push('decline');
    await worker.run();
    expect(dodo.chargesOf(subscriptionId)).toHaveLength(1);
    const [attempt] = await attemptsOf(user.walletId);
    expect(attempt).toMatchObject({ status: 'FAILED', failureCode: 'INSUFFICIENT_FUNDS' });
    const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
    expect(rule).toMatchObject({ monthCount: 0, consecutiveFailures: 1, status: 'ACTIVE' });
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(0);
  });

  it('payment.failed for a charge whose answer said processing → the attempt fails like a decline, once; the redelivery and the resumed attempt change nothing', async () => {
    const { user, attempt, subscriptionId } = await walletWithAttempt();
    dodo.chargeOutcomes.push('processing');
    await worker.run();
    const [payment] = dodo.chargesOf(subscriptionId);
    expect((await attemptsOf(user.walletId))[0].status).toBe('CHARGING');
    payment.status = 'failed';
    payment.error_code = 'INSUFFICIENT_FUNDS';
    const failed = dodoEvent('payment.failed', { ...payment });
    await postDodo(t, failed, { id: 'msg_auto_top_up_failed' }).expect(200);

    const expectFailedOnce = async () => {
      expect((await attemptsOf(user.walletId))[0]).toMatchObject({
        status: 'FAILED',
        failureCode: 'INSUFFICIENT_FUNDS',
      });
      const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
      expect(rule).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 1, monthCount: 0 });
      const events = await t.prisma.outboxEvent.findMany({
        where: { walletId: user.walletId, type: 'auto_top_up.failed' },
      });
      expect(events.map((event) => event.data)).toEqual([
        expect.objectContaining({ attemptId: attempt.id, failureCode: 'INSUFFICIENT_FUNDS' }),
      ]);
      expect(await autoTopUpGrants(user.walletId)).toHaveLength(0);
    };
    await expectFailedOnce();
    await postDodo(t, failed, { id: 'msg_auto_top_up_failed' }).expect(200);
    await postDodo(t, failed, { id: 'msg_auto_top_up_failed_as_new' }).expect(200);
    await t.prisma.autoTopUpAttempt.update({ where: { id: attempt.id }, data: { updatedAt: new Date(0) } });
    await worker.run(0);
    await expectFailedOnce();
    expect(dodo.chargesOf(subscriptionId)).toHaveLength(1);
  });

  it('a refund of a Dodo auto top-up claws back its own grant', async () => {
    const { user, subscriptionId } = await walletWithAttempt();
    await worker.run();
    const [payment] = dodo.chargesOf(subscriptionId);
    await postDodo(t, dodoRefundEvent({ paymentId: payment.payment_id, amount: 1800 })).expect(200);
    const [grant] = await autoTopUpGrants(user.walletId);
    expect(grant.remaining).toBe(0);
  });

  it('removing the payment method cancels the subscription at Dodo, forgets it and disables the rule', async () => {
    const user = await createUser(t);
    await saveCard(t, user);
    await t.http.put('/api/credits/auto-top-up').set(user.auth).send(RULE).expect(200);
    const subscriptionId = await subscriptionOf(user.walletId);
    await t.http.delete('/api/credits/payment-method').set(user.auth).expect(204);
    expect(dodo.subscriptions.get(subscriptionId)!.status).toBe('cancelled');
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body).toMatchObject({ enabled: false, status: 'DISABLED', paymentMethod: null });
  });

  it("deleting an organization cancels its card's subscription at Dodo once the deletion commits", async () => {
    const org = await createOrganization(t);
    await saveCard(t, org.owner, { 'X-Organization-Id': org.id });
    const subscriptionId = await subscriptionOf(org.walletId);
    await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth).expect(409);
    expect(dodo.subscriptions.get(subscriptionId)!.status).toBe('active');
    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(dodo.subscriptions.get(subscriptionId)!.status).toBe('cancelled');
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();
  });
});

describe('Dodo without DODO_AUTO_TOP_UP_PRODUCT_ID', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp({ env: dodo.env(DODO_WEBHOOK_KEY) });
  });
  afterAll(() => plain?.close());

  it('a checkout that saves the card is 409 AUTO_TOP_UP_UNSUPPORTED, with no order and no Dodo call', async () => {
    const user = await createUser(plain);
    dodo.clearRequests();
    const refused = await plain.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 100, provider: 'dodo', savePaymentMethod: true })
      .expect(409);
    expect(refused.body.code).toBe('AUTO_TOP_UP_UNSUPPORTED');
    expect(await plain.prisma.order.count({ where: { userId: user.id } })).toBe(0);
    expect(dodo.requests).toHaveLength(0);
  });

  it('enabling a rule on a Dodo subscription saved while the product was set is 409 AUTO_TOP_UP_UNSUPPORTED', async () => {
    const user = await createUser(plain);
    await plain.prisma.savedPaymentMethod.create({
      data: {
        walletId: user.walletId,
        provider: 'dodo',
        customerId: 'cus_saved_before',
        paymentMethodId: 'sub_saved_before',
        brand: 'visa',
        last4: '4242',
      },
    });
    const refused = await plain.http.put('/api/credits/auto-top-up').set(user.auth).send(RULE).expect(409);
    expect(refused.body.code).toBe('AUTO_TOP_UP_UNSUPPORTED');
    expect(await plain.prisma.autoTopUpRule.count({ where: { walletId: user.walletId } })).toBe(0);
  });
});
