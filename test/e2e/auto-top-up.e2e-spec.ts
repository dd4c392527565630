import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutoTopUpWorker } from '../../src/auto-top-up/auto-top-up.worker.js';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { ForgottenMethodDetacher } from '../../src/payments/forgotten-method-detacher.js';
import { createUser, type TestUser } from '../support/factories.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { addMember, createOrganization } from '../support/organizations.js';
import { PricedTestModule } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { postStripe, STRIPE_WEBHOOK_SECRET } from '../support/webhook-requests.js';
import { stripeChargeRefundedEvent, stripeCheckoutEvent, stripeEvent } from '../support/webhook-signers.js';

/**
 * README, "Auto top-up": the real Stripe SDK against the fake Stripe server, real PostgreSQL, real
 * concurrency on the settle statement that carries the trigger.
 */

let t: TestApp;
let stripe: FakeStripeServer;
let worker: AutoTopUpWorker;
let detacher: ForgottenMethodDetacher;

beforeAll(async () => {
  stripe = await startFakeStripeServer();
  t = await createTestApp({ env: stripe.env(STRIPE_WEBHOOK_SECRET), imports: [PricedTestModule] });
  worker = t.app.get(AutoTopUpWorker);
  detacher = t.app.get(ForgottenMethodDetacher);
});
afterAll(async () => {
  await t?.close();
  await stripe?.close();
});
afterEach(async () => {
  stripe.recover();
  // No attempt of one test is charged with the next test's outcomes.
  await worker.run(0);
  stripe.chargeOutcomes.length = 0;
});

/** A checkout that saves the card, paid; its `checkout.session.completed` event, not delivered yet. */
async function paidSavingCheckout(user: TestUser, headers: Record<string, string> = {}) {
  const created = await t.http
    .post('/api/billing/checkout-sessions')
    .set(user.auth)
    .set(headers)
    .send({ credits: 100, provider: 'stripe', savePaymentMethod: true })
    .expect(201);
  const session = stripe.markPaid(created.body.sessionId);
  const event = stripeCheckoutEvent('checkout.session.completed', {
    id: session.id,
    orderId: created.body.orderId,
    amountTotal: session.amount_total,
    paymentIntent: session.payment_intent,
  });
  return { orderId: created.body.orderId as string, event };
}

/** A checkout that saves the card, paid, through the real webhook. */
async function saveCard(user: TestUser, headers: Record<string, string> = {}) {
  const { orderId, event } = await paidSavingCheckout(user, headers);
  await postStripe(t, event).expect(200);
  return orderId;
}

const RULE = { enabled: true, threshold: 50, credits: 100, maxPerMonth: 5 };

function putRule(user: TestUser, body: object, headers: Record<string, string> = {}) {
  return t.http.put('/api/credits/auto-top-up').set(user.auth).set(headers).send(body);
}

function spend(user: TestUser) {
  return t.http.post('/api/test-priced/echo').set(user.auth).send({});
}

async function remainingOf(user: TestUser): Promise<number> {
  return (await t.http.get('/api/credits/balance').set(user.auth).expect(200)).body.remaining as number;
}

/** Spends 5 credits at a time until the wallet is below `threshold`. */
async function spendBelow(user: TestUser, threshold: number): Promise<void> {
  while ((await remainingOf(user)) >= threshold) await spend(user).expect(201);
}

/** A saved card and a rule, then three crossings whose charges Stripe answers with `outcomes` (cooldown passed each time). */
async function threeAttempts(
  user: TestUser,
  outcomes: typeof stripe.chargeOutcomes = ['decline', 'decline', 'decline'],
): Promise<void> {
  await saveCard(user);
  await putRule(user, RULE).expect(200);
  stripe.chargeOutcomes.push(...outcomes);
  await spendBelow(user, 50);
  for (let i = 0; i < 3; i++) {
    if (i > 0) await spend(user).expect(201);
    await worker.run();
    await passCooldown(user.walletId);
  }
}

function attemptsOf(walletId: string) {
  return t.prisma.autoTopUpAttempt.findMany({ where: { walletId }, orderBy: { createdAt: 'asc' } });
}

function autoTopUpGrants(walletId: string) {
  return t.prisma.creditGrant.findMany({ where: { walletId, source: 'AUTO_TOP_UP' } });
}

function intentsOf(customer: string) {
  return stripe.paymentIntentsCreated.filter((intent) => intent.customer === customer);
}

async function customerOf(walletId: string): Promise<string> {
  return (await t.prisma.savedPaymentMethod.findUniqueOrThrow({ where: { walletId } })).customerId;
}

async function methodOf(walletId: string): Promise<string> {
  return (await t.prisma.savedPaymentMethod.findUniqueOrThrow({ where: { walletId } })).paymentMethodId;
}

function detachesOf(paymentMethodId: string) {
  return stripe.requestsTo('POST', `/v1/payment_methods/${paymentMethodId}/detach`);
}

/** The detaches still owed for the method (PaymentMethodDetach): at most one. */
function owedDetachesOf(paymentMethodId: string) {
  return t.prisma.paymentMethodDetach.findMany({ where: { provider: 'stripe', paymentMethodId } });
}

/** Lets an owed detach's backoff pass without waiting for it. */
function makeDetachDue(paymentMethodId: string) {
  return t.prisma.paymentMethodDetach.updateMany({
    where: { paymentMethodId },
    data: { nextAttemptAt: new Date(Date.now() - 1_000) },
  });
}

/** forge_payment_method_detach_failures_total for Stripe and `reason`, as /metrics serves it. */
async function detachFailuresCounted(reason: string): Promise<number> {
  const text = (await t.http.get('/metrics').expect(200)).text;
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`forge_payment_method_detach_failures_total{provider="stripe",reason="${reason}"}`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

function eventsOf(walletId: string, type: string) {
  return t.prisma.outboxEvent.findMany({ where: { walletId, type } });
}

/** Lets the cooldown pass without waiting a minute. */
function passCooldown(walletId: string) {
  return t.prisma.autoTopUpRule.update({
    where: { walletId },
    data: { lastAttemptAt: new Date(Date.now() - 61_000) },
  });
}

describe('saving a card', () => {
  it('creates one Stripe Customer per wallet, sends `customer` (never customer_email) and setup_future_usage; stores brand and last4 only', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await saveCard(user);
    const creates = stripe.checkoutCreates.slice(-2).map((request) => request.body as Record<string, any>);
    expect(
      stripe
        .requestsTo('POST', '/v1/customers')
        .filter((r) => (r.body as any).metadata.walletId === user.walletId),
    ).toHaveLength(1);
    for (const body of creates) {
      expect(body.customer).toMatch(/^cus_test_/);
      expect(body.customer_email).toBeUndefined();
      expect(body.payment_intent_data.setup_future_usage).toBe('off_session');
    }
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body).toMatchObject({
      enabled: false,
      status: 'DISABLED',
      paymentMethod: { provider: 'stripe', brand: 'visa', last4: '4242' },
    });
  });

  it('a second saved card replaces the first and detaches the first at Stripe, never the new one; redeliveries of either checkout change nothing', async () => {
    const user = await createUser(t);
    const first = await paidSavingCheckout(user);
    await postStripe(t, first.event).expect(200);
    const firstMethod = await methodOf(user.walletId);
    const second = await paidSavingCheckout(user);
    await postStripe(t, second.event).expect(200);
    const secondMethod = await methodOf(user.walletId);
    expect(secondMethod).not.toBe(firstMethod);
    expect(detachesOf(firstMethod)).toHaveLength(1);
    expect(stripe.paymentMethods.get(firstMethod)!.customer).toBeNull();
    expect(await owedDetachesOf(firstMethod)).toHaveLength(0);

    // The same card saved again (a redelivery) is not "replaced"; the old checkout's card, detached since,
    // is not stored again over the one that can still be charged.
    await postStripe(t, second.event).expect(200);
    await postStripe(t, first.event).expect(200);
    expect(await methodOf(user.walletId)).toBe(secondMethod);
    expect(detachesOf(secondMethod)).toHaveLength(0);
    expect(detachesOf(firstMethod)).toHaveLength(1);
    expect(stripe.paymentMethods.get(secondMethod)!.customer).toMatch(/^cus_test_/);
  });

  it('a Stripe failure detaching the replaced card is only logged and counted: the webhook is answered 200 and the new card saved', async () => {
    const user = await createUser(t);
    await saveCard(user);
    const firstMethod = await methodOf(user.walletId);
    stripe.detachFailures.set(firstMethod, 500);
    const before = await detachFailuresCounted('payment_method_replaced');
    const second = await paidSavingCheckout(user);
    await postStripe(t, second.event).expect(200);
    expect(detachesOf(firstMethod).length).toBeGreaterThanOrEqual(1);
    expect(await detachFailuresCounted('payment_method_replaced')).toBe(before + 1);
    expect(await owedDetachesOf(firstMethod)).toMatchObject([
      {
        walletId: user.walletId,
        reason: 'payment_method_replaced',
        attempts: 1,
        lastFailure: 'server_error',
      },
    ]);
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body.paymentMethod).toMatchObject({ provider: 'stripe', last4: '4242' });
    expect(await methodOf(user.walletId)).not.toBe(firstMethod);
  });

  it('enabling without a saved method is 409 NO_SAVED_PAYMENT_METHOD; a bad rule is 400 and writes nothing', async () => {
    const user = await createUser(t);
    const refused = await putRule(user, RULE).expect(409);
    expect(refused.body.code).toBe('NO_SAVED_PAYMENT_METHOD');
    await putRule(user, { ...RULE, maxPerMonth: 101 }).expect(400);
    await putRule(user, { ...RULE, credits: 7 }).expect(400);
    await putRule(user, { ...RULE, threshold: 0 }).expect(400);
    const belowOneTopUp = await putRule(user, { ...RULE, monthlySpendLimit: 500 }).expect(400);
    expect(belowOneTopUp.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'monthlySpendLimit',
          errors: ['monthlySpendLimit (5.00 USD) is below the price of one top-up (18.00 USD)'],
        },
      ],
    });
    expect(await t.prisma.autoTopUpRule.count({ where: { walletId: user.walletId } })).toBe(0);
  });
});

describe('turning it off', () => {
  it('disabling the rule keeps the saved card, and enabling it again needs no new checkout', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    await t.http.delete('/api/credits/auto-top-up').set(user.auth).expect(204);
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body).toMatchObject({
      enabled: false,
      status: 'DISABLED',
      paymentMethod: { provider: 'stripe', brand: 'visa', last4: '4242' },
    });
    const { paymentMethodId } = await t.prisma.savedPaymentMethod.findUniqueOrThrow({
      where: { walletId: user.walletId },
    });
    expect(stripe.requestsTo('POST', `/v1/payment_methods/${paymentMethodId}/detach`)).toEqual([]);
    await putRule(user, RULE).expect(200);
  });

  it('removing the payment method detaches it at Stripe, once, and forgets it', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    const { paymentMethodId } = await t.prisma.savedPaymentMethod.findUniqueOrThrow({
      where: { walletId: user.walletId },
    });
    await t.http.delete('/api/credits/payment-method').set(user.auth).expect(204);
    expect(stripe.requestsTo('POST', `/v1/payment_methods/${paymentMethodId}/detach`)).toHaveLength(1);
    expect(stripe.paymentMethods.get(paymentMethodId)!.customer).toBeNull();
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body).toMatchObject({ enabled: false, status: 'DISABLED', paymentMethod: null });
  });
});

describe('the attempts list', () => {
  it('lists the attempts newest first, a page of `limit` at a time with its cursor', async () => {
    const user = await createUser(t);
    await threeAttempts(user);
    const newestFirst = (await attemptsOf(user.walletId)).map((a) => a.id).toReversed();
    expect(newestFirst).toHaveLength(3);
    const list = (query: string) =>
      t.http.get(`/api/credits/auto-top-up/attempts${query}`).set(user.auth).expect(200);
    const first = await list('?limit=2');
    expect(first.body.items.map((a: { id: string }) => a.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.body.items[0]).toMatchObject({ status: 'FAILED', failureCode: 'insufficient_funds' });
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: newestFirst[2] })],
      nextCursor: null,
    });
    expect((await list('')).body.items.map((a: { id: string }) => a.id)).toEqual(newestFirst);
  });
});

describe('trigger and charge', () => {
  it('30 concurrent requests crossing the threshold → one PaymentIntent, one grant after the answer, the webhook and its redelivery', async () => {
    const user = await createUser(t, { credits: 90 });
    await saveCard(user); // 190 credits
    const rule = await putRule(user, RULE).expect(200);
    expect(rule.body).toMatchObject({ enabled: true, status: 'ACTIVE' });
    expect(rule.body.consentedAt).not.toBeNull();
    // 30 × 5 = 150: the wallet goes from 190 to 40, crossing 50 once, with settles racing.
    const responses = await Promise.all(Array.from({ length: 30 }, () => spend(user)));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const attempts = await attemptsOf(user.walletId);
    expect(attempts).toHaveLength(1);
    await Promise.all([worker.run(), worker.run()]);
    const intents = intentsOf(await customerOf(user.walletId));
    expect(intents).toHaveLength(1);
    expect(intents[0]!.amount).toBe(1800);
    const request = stripe.requestsTo('POST', '/v1/payment_intents').at(-1)!;
    expect(request.idempotencyKey).toBe(attempts[0]!.id);
    expect(request.body).toMatchObject({
      off_session: 'true',
      confirm: 'true',
      automatic_payment_methods: { enabled: 'true', allow_redirects: 'never' },
      metadata: { orderId: attempts[0]!.orderId ?? expect.any(String) },
    });
    const succeeded = stripeEvent('payment_intent.succeeded', { ...intents[0]! });
    await postStripe(t, succeeded).expect(200);
    await postStripe(t, succeeded).expect(200);
    const grants = await autoTopUpGrants(user.walletId);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ amount: 100, category: 'PAID' });
    expect((await attemptsOf(user.walletId))[0]!.status).toBe('SUCCEEDED');
    expect(await eventsOf(user.walletId, 'auto_top_up.succeeded')).toHaveLength(1);
    const order = await t.prisma.order.findUniqueOrThrow({
      where: { id: (await attemptsOf(user.walletId))[0]!.orderId! },
    });
    expect(order).toMatchObject({ source: 'AUTO_TOP_UP', status: 'PAID', credits: 100, amount: 1800 });
  });

  it("the webhook before the charge's answer (reconciled after the lease, same idempotency key) → credited once, charged once", async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    await spendBelow(user, 50);
    const [attempt] = await attemptsOf(user.walletId);
    expect(attempt).toBeDefined();
    stripe.chargeOutcomes.push('processing');
    await worker.run();
    const [intent] = intentsOf(await customerOf(user.walletId));
    // Stripe settles it; the webhook arrives before any answer says so.
    intent!.status = 'succeeded';
    intent!.amount_received = intent!.amount;
    await postStripe(t, stripeEvent('payment_intent.succeeded', { ...intent! })).expect(200);
    await t.prisma.autoTopUpAttempt.update({ where: { id: attempt!.id }, data: { updatedAt: new Date(0) } });
    await worker.run(0);
    expect(intentsOf(await customerOf(user.walletId))).toHaveLength(1);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
    expect((await attemptsOf(user.walletId))[0]!.status).toBe('SUCCEEDED');
  });

  it("a Checkout PaymentIntent's payment_intent.succeeded credits nothing", async () => {
    const user = await createUser(t);
    const orderId = await saveCard(user);
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const intent = stripe.paymentIntents.get(order.providerPaymentId!)!;
    await postStripe(t, stripeEvent('payment_intent.succeeded', { ...intent })).expect(200);
    expect(await t.prisma.creditGrant.count({ where: { walletId: user.walletId } })).toBe(1);
  });

  it('month limit 2: the cooldown holds between crossings, and a third crossing in the month creates no attempt', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, { ...RULE, maxPerMonth: 2 }).expect(200);
    await spendBelow(user, 50);
    await worker.run();
    await spendBelow(user, 50);
    expect(await attemptsOf(user.walletId)).toHaveLength(1); // cooldown
    await passCooldown(user.walletId);
    await spend(user).expect(201);
    expect(await attemptsOf(user.walletId)).toHaveLength(2);
    await worker.run();
    await passCooldown(user.walletId);
    await spendBelow(user, 50);
    await spend(user).expect(201);
    expect(await attemptsOf(user.walletId)).toHaveLength(2);
    const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
    expect(rule).toMatchObject({ monthCount: 2, monthSpend: 3600 });
  });

  it('spend limit: a top-up that would pass monthlySpendLimit is not attempted', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, { ...RULE, monthlySpendLimit: 1800 }).expect(200);
    await spendBelow(user, 50);
    await worker.run();
    await passCooldown(user.walletId);
    await spendBelow(user, 50);
    await spend(user).expect(201);
    expect(await attemptsOf(user.walletId)).toHaveLength(1);
  });

  it('a hold, its void and a refund that leave the wallet below the threshold never charge the card', async () => {
    const user = await createUser(t);
    const orderId = await saveCard(user);
    await putRule(user, RULE).expect(200);
    const credits = t.app.get(CreditsRepository);
    const hold = (await credits.hold(user.actor, 60, 'POST /in-flight', 60)) as { reservationId: string };
    expect(await remainingOf(user)).toBeLessThan(RULE.threshold);
    expect(await credits.void(user.walletId, hold.reservationId)).toBe(true);
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await postStripe(
      t,
      stripeChargeRefundedEvent({
        paymentIntent: order.providerPaymentId!,
        amount: order.amount,
        amountRefunded: order.amount,
      }),
    ).expect(200);
    expect(await remainingOf(user)).toBe(0);
    await worker.run();
    expect(await attemptsOf(user.walletId)).toEqual([]);
    expect(intentsOf(await customerOf(user.walletId))).toHaveLength(0);
  });

  it('enabling a rule below the threshold tops up once', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await spendBelow(user, 50);
    await putRule(user, RULE).expect(200);
    await putRule(user, RULE).expect(200);
    expect(await attemptsOf(user.walletId)).toHaveLength(1);
  });
});

describe('failures', () => {
  it('three declines in a row → DISABLED_AFTER_FAILURES and one auto_top_up.disabled event', async () => {
    const user = await createUser(t);
    await threeAttempts(user);
    await spend(user).expect(201);
    const attempts = await attemptsOf(user.walletId);
    expect(attempts.map((a) => a.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(attempts[0]!.failureCode).toBe('insufficient_funds');
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body.status).toBe('DISABLED_AFTER_FAILURES');
    expect(await eventsOf(user.walletId, 'auto_top_up.failed')).toHaveLength(3);
    expect(await eventsOf(user.walletId, 'auto_top_up.disabled')).toHaveLength(1);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(0);
    const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
    expect(rule.monthCount).toBe(0); // failed attempts give their place back
  });

  it('authentication_required → REQUIRES_ACTION and its event; no further attempt', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    stripe.chargeOutcomes.push('authentication_required');
    await spendBelow(user, 50);
    await worker.run();
    await passCooldown(user.walletId);
    await spend(user).expect(201);
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body.status).toBe('REQUIRES_ACTION');
    expect(got.body.lastAttempt.status).toBe('REQUIRES_ACTION');
    expect(await attemptsOf(user.walletId)).toHaveLength(1);
    expect(await eventsOf(user.walletId, 'auto_top_up.requires_action')).toHaveLength(1);
  });

  it("payment_intent.payment_failed while the charge's answer is late → the attempt fails like a decline, once; the redelivery and the late answer change nothing", async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    await spendBelow(user, 50);
    stripe.chargeOutcomes.push('decline');
    let answer!: () => void;
    const arrived = stripe.holdNext('POST', /^\/v1\/payment_intents$/, {
      handled: true,
      answerWhen: new Promise<void>((resolve) => (answer = resolve)),
    });
    const running = worker.run();
    await arrived;
    const [intent] = intentsOf(await customerOf(user.walletId));
    expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null });
    const failed = stripeEvent('payment_intent.payment_failed', { ...intent });
    await postStripe(t, failed).expect(200);

    const expectFailedOnce = async () => {
      const [attempt] = await attemptsOf(user.walletId);
      expect(attempt).toMatchObject({ status: 'FAILED', failureCode: 'insufficient_funds' });
      const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
      expect(rule).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 1, monthCount: 0, monthSpend: 0 });
      const events = await eventsOf(user.walletId, 'auto_top_up.failed');
      expect(events.map((event) => event.data)).toEqual([
        expect.objectContaining({
          attemptId: attempt.id,
          failureCode: 'insufficient_funds',
          consecutiveFailures: 1,
        }),
      ]);
      const order = await t.prisma.order.findUniqueOrThrow({ where: { id: attempt.orderId! } });
      expect(order).toMatchObject({ source: 'AUTO_TOP_UP', status: 'FAILED' });
      expect(await autoTopUpGrants(user.walletId)).toHaveLength(0);
    };
    await expectFailedOnce();
    await postStripe(t, failed).expect(200);
    await postStripe(t, { ...failed, id: `${failed.id}_redelivered_as_new` }).expect(200);
    answer();
    await running;
    await expectFailedOnce();
    await worker.run(0);
    expect(intentsOf(await customerOf(user.walletId))).toHaveLength(1);
  });

  it('payment_intent.payment_failed counts towards the three in a row, with synchronous declines', async () => {
    const user = await createUser(t);
    await threeAttempts(user, ['decline', 'decline', 'processing']);
    const intents = intentsOf(await customerOf(user.walletId));
    expect(intents.map((intent) => intent.status)).toEqual([
      'requires_payment_method',
      'requires_payment_method',
      'processing',
    ]);
    expect((await attemptsOf(user.walletId)).at(-1)!.status).toBe('CHARGING');
    const failed = stripe.failPaymentIntent(intents[2].id, 'decline');
    await postStripe(t, stripeEvent('payment_intent.payment_failed', { ...failed })).expect(200);
    const attempts = await attemptsOf(user.walletId);
    expect(attempts.map((a) => a.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    const got = await t.http.get('/api/credits/auto-top-up').set(user.auth).expect(200);
    expect(got.body.status).toBe('DISABLED_AFTER_FAILURES');
    expect(await eventsOf(user.walletId, 'auto_top_up.disabled')).toHaveLength(1);
  });

  it('payment_intent.payment_failed with authentication_required → REQUIRES_ACTION, not counted as a decline', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    stripe.chargeOutcomes.push('processing');
    await spendBelow(user, 50);
    await worker.run();
    const [intent] = intentsOf(await customerOf(user.walletId));
    const failed = stripe.failPaymentIntent(intent.id, 'authentication_required');
    expect(failed.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
    const event = stripeEvent('payment_intent.payment_failed', { ...failed });
    await postStripe(t, event).expect(200);
    await postStripe(t, event).expect(200);
    const [attempt] = await attemptsOf(user.walletId);
    expect(attempt).toMatchObject({ status: 'REQUIRES_ACTION', failureCode: 'authentication_required' });
    const rule = await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: user.walletId } });
    expect(rule).toMatchObject({ status: 'REQUIRES_ACTION', consecutiveFailures: 0, monthCount: 0 });
    expect(await eventsOf(user.walletId, 'auto_top_up.requires_action')).toHaveLength(1);
    expect(await eventsOf(user.walletId, 'auto_top_up.failed')).toHaveLength(0);
  });

  it("a Checkout PaymentIntent's payment_intent.payment_failed is IGNORED: the open checkout can still be paid", async () => {
    const user = await createUser(t);
    const created = await t.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 100, provider: 'stripe' })
      .expect(201);
    const intent = stripe.declineCheckoutPayment(created.body.sessionId);
    expect(intent.metadata.orderId).toBe(created.body.orderId);
    const failed = stripeEvent('payment_intent.payment_failed', { ...intent });
    await postStripe(t, failed).expect(200);
    const inbox = await t.prisma.webhookEvent.findFirstOrThrow({
      where: { provider: 'stripe', eventId: failed.id },
    });
    expect(inbox.status).toBe('IGNORED');
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: created.body.orderId } });
    expect(order.status).toBe('PENDING');
  });

  it('a refund of an auto top-up claws back its own grant', async () => {
    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    await spendBelow(user, 50);
    await worker.run();
    const [attempt] = await attemptsOf(user.walletId);
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: attempt!.orderId! } });
    await postStripe(
      t,
      stripeChargeRefundedEvent({
        paymentIntent: order.providerPaymentId!,
        amount: 1800,
        amountRefunded: 1800,
      } as never),
    ).expect(200);
    const [grant] = await autoTopUpGrants(user.walletId);
    expect(grant!.remaining).toBe(0);
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('REFUNDED');
  });
});

describe('the rows belong to their wallet', () => {
  it('no row can name a missing wallet or order; deleting the wallet takes them all, deleting the order keeps the attempt', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    await expect(
      t.prisma.savedPaymentMethod.create({
        data: { walletId: nowhere, provider: 'stripe', customerId: 'cus_x', paymentMethodId: 'pm_x' },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
    await expect(
      t.prisma.paymentCustomer.create({
        data: { walletId: nowhere, provider: 'stripe', customerId: 'cus_x' },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
    await expect(
      t.prisma.autoTopUpAttempt.create({
        data: { walletId: nowhere, credits: 100, amount: 1800, currency: 'usd' },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });

    const user = await createUser(t);
    await saveCard(user);
    await putRule(user, RULE).expect(200);
    await spendBelow(user, 50);
    await worker.run();
    const [attempt] = await attemptsOf(user.walletId);
    expect(attempt!.orderId).not.toBeNull();
    await expect(
      t.prisma.autoTopUpAttempt.update({ where: { id: attempt!.id }, data: { orderId: nowhere } }),
    ).rejects.toMatchObject({ code: 'P2003' });

    // Orders are never deleted by the service; if one ever is, its attempt stays in the wallet's history.
    await t.prisma.order.delete({ where: { id: attempt!.orderId! } });
    expect((await attemptsOf(user.walletId))[0]).toMatchObject({ id: attempt!.id, orderId: null });

    await t.prisma.user.delete({ where: { id: user.id } });
    const walletId = user.walletId;
    expect(await t.prisma.wallet.count({ where: { id: walletId } })).toBe(0);
    expect(await t.prisma.paymentCustomer.count({ where: { walletId } })).toBe(0);
    expect(await t.prisma.savedPaymentMethod.count({ where: { walletId } })).toBe(0);
    expect(await t.prisma.autoTopUpRule.count({ where: { walletId } })).toBe(0);
    expect(await t.prisma.autoTopUpAttempt.count({ where: { walletId } })).toBe(0);
  });
});

describe('organization wallet', () => {
  it('a MEMBER cannot read or change the rule (403); the BILLING_ADMIN can', async () => {
    const org = await createOrganization(t);
    const member = await addMember(t, org, 'MEMBER');
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const header = { 'X-Organization-Id': org.id };
    await saveCard(admin, header);
    await putRule(member, RULE, header).expect(403);
    await t.http.get('/api/credits/auto-top-up').set(member.auth).set(header).expect(403);
    const saved = await putRule(admin, RULE, header).expect(200);
    expect(saved.body).toMatchObject({ enabled: true, paymentMethod: { last4: '4242' } });
    await t.http.delete('/api/credits/payment-method').set(admin.auth).set(header).expect(204);
    const after = await t.http.get('/api/credits/auto-top-up').set(admin.auth).set(header).expect(200);
    expect(after.body).toMatchObject({ enabled: false, status: 'DISABLED', paymentMethod: null });
  });

  it('deleting the organization while an attempt is pending turns the rule off and forgets the card: nothing is charged', async () => {
    const org = await createOrganization(t);
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const header = { 'X-Organization-Id': org.id };
    await saveCard(admin, header);
    await putRule(admin, RULE, header).expect(200);
    const customer = await customerOf(org.walletId);
    const orgRemaining = async () =>
      (await t.http.get('/api/credits/balance').set(org.owner.auth).set(header).expect(200)).body
        .remaining as number;
    while ((await orgRemaining()) >= RULE.threshold)
      await t.http.post('/api/test-priced/echo').set(org.owner.auth).set(header).send({}).expect(201);
    // The settle that crossed the threshold made the attempt; the worker has not run yet.
    expect((await attemptsOf(org.walletId)).map((a) => a.status)).toEqual(['PENDING']);

    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(
      await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: org.walletId } }),
    ).toMatchObject({ status: 'DISABLED' });
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();

    await worker.run();
    expect((await attemptsOf(org.walletId)).map((a) => [a.status, a.failureCode])).toEqual([
      ['FAILED', 'rule_disabled'],
    ]);
    expect(intentsOf(customer)).toHaveLength(0);
    expect(await autoTopUpGrants(org.walletId)).toHaveLength(0);
  });
});

describe('deleting an organization with a saved card', () => {
  it('a refused deletion (409 WALLET_NOT_EMPTY) detaches nothing; the deletion that commits detaches the card at Stripe', async () => {
    const org = await createOrganization(t);
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const header = { 'X-Organization-Id': org.id };
    await saveCard(admin, header);
    const method = await methodOf(org.walletId);

    const refused = await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth).expect(409);
    expect(refused.body.code).toBe('WALLET_NOT_EMPTY');
    expect(detachesOf(method)).toHaveLength(0);
    expect(stripe.paymentMethods.get(method)!.customer).toMatch(/^cus_test_/);
    expect(await methodOf(org.walletId)).toBe(method);

    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(detachesOf(method)).toHaveLength(1);
    expect(stripe.paymentMethods.get(method)!.customer).toBeNull();
    expect(await owedDetachesOf(method)).toHaveLength(0);
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();
  });

  it('a Stripe failure detaching the card is only logged and counted: the deletion is answered 204 and stays done', async () => {
    const org = await createOrganization(t);
    const header = { 'X-Organization-Id': org.id };
    await saveCard(org.owner, header);
    const method = await methodOf(org.walletId);
    const failures = () => detachFailuresCounted('organization_deleted');
    const before = await failures();
    stripe.failNext(400);
    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(detachesOf(method)).toHaveLength(1);
    expect(await failures()).toBe(before + 1);
    expect(
      (await t.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).deletedAt,
    ).not.toBeNull();
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();
    await t.http.get(`/api/organizations/${org.id}`).set(org.owner.auth).expect(404);
  });
  it('a card saved by a checkout paid before the deletion and delivered after is detached, never stored', async () => {
    const org = await createOrganization(t);
    const header = { 'X-Organization-Id': org.id };
    const { event } = await paidSavingCheckout(org.owner, header);
    await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth).expect(204);

    await postStripe(t, event).expect(200);
    const session = event.data.object as { payment_intent: string };
    const method = stripe.paymentIntents.get(session.payment_intent)!.payment_method as string;
    expect(detachesOf(method)).toHaveLength(1);
    expect(stripe.paymentMethods.get(method)!.customer).toBeNull();
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();
  });
});

describe('a detach owed at the provider', () => {
  /** An organization deleted while Stripe refuses its card's detach: the card is owed its detach. */
  async function deletedWithFailedDetach() {
    const org = await createOrganization(t);
    await saveCard(org.owner, { 'X-Organization-Id': org.id });
    const method = await methodOf(org.walletId);
    stripe.detachFailures.set(method, 400);
    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(detachesOf(method)).toHaveLength(1);
    stripe.detachFailures.delete(method);
    return { org, method };
  }

  it('is written with the deletion, before Stripe is asked: a crash while Stripe answers loses nothing', async () => {
    const org = await createOrganization(t);
    await saveCard(org.owner, { 'X-Organization-Id': org.id });
    const method = await methodOf(org.walletId);
    let answer!: () => void;
    const arrived = stripe.holdNext('POST', /\/detach$/, {
      handled: true,
      answerWhen: new Promise<void>((resolve) => (answer = resolve)),
    });
    const deletion = t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).then();
    await arrived;
    expect(await owedDetachesOf(method)).toMatchObject([
      { walletId: org.walletId, reason: 'organization_deleted', attempts: 0 },
    ]);
    answer();
    expect((await deletion).status).toBe(204);
    expect(await owedDetachesOf(method)).toHaveLength(0);
  });

  it('a card of a deleted organization saved by a late checkout is owed before Stripe is asked', async () => {
    const org = await createOrganization(t);
    const { event } = await paidSavingCheckout(org.owner, { 'X-Organization-Id': org.id });
    await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth).expect(204);
    const session = event.data.object as { payment_intent: string };
    const method = stripe.paymentIntents.get(session.payment_intent)!.payment_method as string;
    let answer!: () => void;
    const arrived = stripe.holdNext('POST', /\/detach$/, {
      handled: true,
      answerWhen: new Promise<void>((resolve) => (answer = resolve)),
    });
    const delivery = postStripe(t, event).then();
    await arrived;
    expect(await owedDetachesOf(method)).toMatchObject([
      { walletId: org.walletId, reason: 'organization_deleted' },
    ]);
    answer();
    expect((await delivery).status).toBe(200);
    expect(await owedDetachesOf(method)).toHaveLength(0);
  });

  it('a failed detach stays owed with its failure class and a backoff; a run before then does nothing; after it, the job detaches it once and forgets it', async () => {
    const { org, method } = await deletedWithFailedDetach();
    const [owed] = await owedDetachesOf(method);
    expect(owed).toMatchObject({
      walletId: org.walletId,
      reason: 'organization_deleted',
      attempts: 1,
      lastFailure: 'rejected',
    });
    // 1 minute after the first failure (then 5 min, 30 min, 2 h, every 6 h).
    const wait = owed.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);

    await detacher.run();
    expect(detachesOf(method)).toHaveLength(1);
    expect(await owedDetachesOf(method)).toHaveLength(1);

    await makeDetachDue(method);
    await detacher.run();
    expect(detachesOf(method)).toHaveLength(2);
    expect(stripe.paymentMethods.get(method)!.customer).toBeNull();
    expect(await owedDetachesOf(method)).toHaveLength(0);
    await detacher.run();
    expect(detachesOf(method)).toHaveLength(2);
  });

  it('a retry that fails again backs off longer, counted again', async () => {
    const { method } = await deletedWithFailedDetach();
    const before = await detachFailuresCounted('organization_deleted');
    stripe.detachFailures.set(method, 400);
    await makeDetachDue(method);
    await detacher.run();
    const [owed] = await owedDetachesOf(method);
    expect(owed).toMatchObject({ attempts: 2, lastFailure: 'rejected' });
    const wait = owed.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(290_000);
    expect(wait).toBeLessThanOrEqual(300_000);
    expect(await detachFailuresCounted('organization_deleted')).toBe(before + 1);
  });

  it('two runs at once detach a due card once', async () => {
    const { method } = await deletedWithFailedDetach();
    await makeDetachDue(method);
    await Promise.all([detacher.run(), detacher.run()]);
    expect(detachesOf(method)).toHaveLength(2);
    expect(await owedDetachesOf(method)).toHaveLength(0);
  });

  it("a detach Stripe already did, its answer lost (Stripe's 400: not attached), is done once the method shows no customer", async () => {
    const { method } = await deletedWithFailedDetach();
    stripe.paymentMethods.get(method)!.customer = null;
    const before = await detachFailuresCounted('organization_deleted');
    await makeDetachDue(method);
    await detacher.run();
    expect(detachesOf(method)).toHaveLength(2);
    expect(stripe.requestsTo('GET', `/v1/payment_methods/${method}`).length).toBeGreaterThanOrEqual(1);
    expect(await owedDetachesOf(method)).toHaveLength(0);
    expect(await detachFailuresCounted('organization_deleted')).toBe(before);
  });

  it('a card Stripe no longer has (404 resource_missing) is done, not a failure', async () => {
    const { method } = await deletedWithFailedDetach();
    stripe.paymentMethods.delete(method);
    const before = await detachFailuresCounted('organization_deleted');
    await makeDetachDue(method);
    await detacher.run();
    expect(detachesOf(method)).toHaveLength(2);
    expect(await owedDetachesOf(method)).toHaveLength(0);
    expect(await detachFailuresCounted('organization_deleted')).toBe(before);
  });
});

describe('the consent holder deletes their account', () => {
  it("an organization's rule is disabled at its next attempt, nothing is charged, and it can be enabled again", async () => {
    const org = await createOrganization(t);
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const header = { 'X-Organization-Id': org.id };
    await saveCard(admin, header);
    await putRule(admin, RULE, header).expect(200);
    const customer = await customerOf(org.walletId);
    await t.prisma.user.delete({ where: { id: admin.id } });
    expect(
      await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: org.walletId } }),
    ).toMatchObject({ userId: null, status: 'ACTIVE' });

    const owner = org.owner;
    const orgRemaining = async () =>
      (await t.http.get('/api/credits/balance').set(owner.auth).set(header).expect(200)).body
        .remaining as number;
    while ((await orgRemaining()) >= RULE.threshold)
      await t.http.post('/api/test-priced/echo').set(owner.auth).set(header).send({}).expect(201);
    await worker.run();

    const attempts = await attemptsOf(org.walletId);
    expect(attempts.map((a) => [a.status, a.failureCode])).toEqual([['FAILED', 'consent_holder_deleted']]);
    expect(intentsOf(customer)).toHaveLength(0);
    const rule = await t.http.get('/api/credits/auto-top-up').set(owner.auth).set(header).expect(200);
    expect(rule.body).toMatchObject({ enabled: false, status: 'DISABLED' });
    expect((await eventsOf(org.walletId, 'auto_top_up.disabled')).map((e) => e.data)).toEqual([
      { walletId: org.walletId, organizationId: org.id, reason: 'consent_holder_deleted' },
    ]);
    // Not a decline: the failure streak is untouched, and the owner's consent turns it on again.
    expect(
      (await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: org.walletId } }))
        .consecutiveFailures,
    ).toBe(0);
    await putRule(owner, RULE, header).expect(200);
    expect(
      await t.prisma.autoTopUpRule.findUniqueOrThrow({ where: { walletId: org.walletId } }),
    ).toMatchObject({ userId: owner.id, status: 'ACTIVE' });
  });
});

describe('the sandbox', () => {
  let sandbox: TestApp;
  beforeAll(async () => {
    sandbox = await createTestApp({ imports: [PricedTestModule] });
  });
  afterAll(() => sandbox?.close());

  it('saves a sandbox card at checkout and tops up through it, with no provider account', async () => {
    const user = await createUser(sandbox);
    const checkout = await sandbox.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 100, savePaymentMethod: true })
      .expect(201);
    expect(checkout.body.provider).toBe('sandbox');
    await sandbox.http.post(`${new URL(checkout.body.checkoutUrl).pathname}/pay`).expect(200);
    const rule = await sandbox.http.put('/api/credits/auto-top-up').set(user.auth).send(RULE).expect(200);
    expect(rule.body.paymentMethod).toEqual({ provider: 'sandbox', brand: 'sandbox', last4: '4242' });
    for (let i = 0; i < 11; i++)
      await sandbox.http.post('/api/test-priced/echo').set(user.auth).send({}).expect(201);
    await sandbox.app.get(AutoTopUpWorker).run();
    const grants = await sandbox.prisma.creditGrant.findMany({
      where: { walletId: user.walletId, source: 'AUTO_TOP_UP' },
    });
    expect(grants).toHaveLength(1);
  });
});
