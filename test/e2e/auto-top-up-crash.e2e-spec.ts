import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../support/factories.js';
import {
  FAKE_DODO_TOP_UP_PRODUCT,
  type FakeDodoServer,
  startFakeDodoServer,
} from '../support/fake-dodo-server.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { PricedTestModule } from '../support/priced-test-routes.js';
import { startServiceChild } from '../support/service-child.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  DODO_WEBHOOK_KEY,
  postDodo,
  postStripe,
  STRIPE_WEBHOOK_SECRET,
} from '../support/webhook-requests.js';
import { dodoEvent, stripeCheckoutEvent } from '../support/webhook-signers.js';

/**
 * kill -9 of the service after an auto top-up attempt was created and claimed, while its charge is on its
 * way: the fake provider holds the charge request open (having taken it, or not) and the test SIGKILLs the
 * service the moment it arrives. After a restart (once the attempt's lease has ended) there is exactly one
 * charge — never none forever, never two: Stripe answers the repeated Idempotency-Key with the first
 * PaymentIntent; for Dodo, which has no idempotency key, the worker finds the attempt's payment by its
 * metadata before charging again.
 */

let t: TestApp;
let stripe: FakeStripeServer;
let dodo: FakeDodoServer;
let providerEnv: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  [stripe, dodo] = await Promise.all([startFakeStripeServer(), startFakeDodoServer()]);
  providerEnv = {
    ...stripe.env(STRIPE_WEBHOOK_SECRET),
    ...dodo.env(DODO_WEBHOOK_KEY),
    DODO_AUTO_TOP_UP_PRODUCT_ID: FAKE_DODO_TOP_UP_PRODUCT,
  };
  // This instance only sets the scene (checkouts, webhooks, spending): its worker never runs.
  t = await createTestApp({ env: providerEnv, imports: [PricedTestModule] });
});
afterEach(async () => {
  for (const child of children.splice(0)) await stop(child, 'SIGTERM');
  stripe.recover();
  dodo.recover();
});
afterAll(async () => {
  await t?.close();
  await stripe?.close();
  await dodo?.close();
});

/** The service in a child process whose auto top-up worker runs every second. */
async function startService() {
  const service = await startServiceChild(t.databaseUrl, {
    ...providerEnv,
    AUTO_TOP_UP_INTERVAL_SECONDS: '1',
  });
  children.push(service.child);
  return service.child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode;
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
    child.once('exit', (_code, exitSignal) => resolveExit(exitSignal)),
  );
  child.kill(signal);
  return exited;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

const RULE = { enabled: true, threshold: 50, credits: 100, maxPerMonth: 5 };

async function saveStripeCard(user: TestUser): Promise<void> {
  const created = await t.http
    .post('/api/billing/checkout-sessions')
    .set(user.auth)
    .send({ credits: 100, provider: 'stripe', savePaymentMethod: true })
    .expect(201);
  const session = stripe.markPaid(created.body.sessionId);
  await postStripe(
    t,
    stripeCheckoutEvent('checkout.session.completed', {
      id: session.id,
      orderId: created.body.orderId,
      amountTotal: session.amount_total,
      paymentIntent: session.payment_intent,
    }),
  ).expect(200);
}

async function saveDodoCard(user: TestUser): Promise<void> {
  const created = await t.http
    .post('/api/billing/checkout-sessions')
    .set(user.auth)
    .send({ credits: 100, provider: 'dodo', savePaymentMethod: true })
    .expect(201);
  const payment = dodo.markPaid(created.body.sessionId);
  await postDodo(t, dodoEvent('payment.succeeded', { ...payment })).expect(200);
}

/** A wallet whose spending just created an attempt (PENDING, not yet claimed by any worker). */
async function walletWithAttempt(saveCard: (user: TestUser) => Promise<void>) {
  const user = await createUser(t);
  await saveCard(user);
  await t.http.put('/api/credits/auto-top-up').set(user.auth).send(RULE).expect(200);
  const remaining = async () =>
    (await t.http.get('/api/credits/balance').set(user.auth).expect(200)).body.remaining as number;
  while ((await remaining()) >= RULE.threshold)
    await t.http.post('/api/test-priced/echo').set(user.auth).send({}).expect(201);
  const method = await t.prisma.savedPaymentMethod.findUniqueOrThrow({ where: { walletId: user.walletId } });
  const pending = await t.prisma.autoTopUpAttempt.findFirstOrThrow({ where: { walletId: user.walletId } });
  expect(pending.status).toBe('PENDING');
  return { user, method, attemptId: pending.id };
}

function attemptRow(attemptId: string) {
  return t.prisma.autoTopUpAttempt.findUniqueOrThrow({ where: { id: attemptId } });
}

function autoTopUpGrants(walletId: string) {
  return t.prisma.creditGrant.findMany({ where: { walletId, source: 'AUTO_TOP_UP' } });
}

/**
 * Starts the service, lets its worker claim the attempt and send the charge, and SIGKILLs it the moment the
 * provider holds the request. Then the lease ends (as 120 s later) and the service starts again.
 */
async function crashWhileCharging(attemptId: string, held: Promise<unknown>): Promise<void> {
  const first = await startService();
  await held;
  expect(await stop(first, 'SIGKILL')).toBe('SIGKILL');
  const claimed = await attemptRow(attemptId);
  expect(claimed.status).toBe('CHARGING');
  expect(claimed.orderId).not.toBeNull();
  await t.prisma.autoTopUpAttempt.update({ where: { id: attemptId }, data: { updatedAt: new Date(0) } });
  await startService();
  const settled = await eventually(
    () => attemptRow(attemptId),
    (row) => row.status !== 'CHARGING',
  );
  expect(settled.status).toBe('SUCCEEDED');
}

describe('Stripe: kill -9 while the PaymentIntent is being created', () => {
  const intents = /^\/v1\/payment_intents$/;

  it.each([
    ['before Stripe took the charge', false],
    ['after Stripe took the charge, before its answer was recorded', true],
  ])(
    '%s → after restart exactly one PaymentIntent (same Idempotency-Key), credited once',
    async (_, handled) => {
      const { user, method, attemptId } = await walletWithAttempt(saveStripeCard);
      const ownIntents = () =>
        stripe.paymentIntentsCreated.filter((intent) => intent.customer === method.customerId);
      await crashWhileCharging(attemptId, stripe.holdNext('POST', intents, { handled }));

      expect(ownIntents()).toHaveLength(1);
      const requests = stripe
        .requestsTo('POST', intents)
        .filter((request) => request.idempotencyKey === attemptId);
      expect(requests).toHaveLength(2);
      expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
    },
  );
});

describe('Dodo: kill -9 while subscriptions.charge is on its way', () => {
  const charges = /^\/subscriptions\/[^/]+\/charge$/;

  it('before Dodo took the charge → after restart the attempt finds no payment and is charged exactly once', async () => {
    const { user, method, attemptId } = await walletWithAttempt(saveDodoCard);
    await crashWhileCharging(attemptId, dodo.holdNext('POST', charges, { handled: false }));

    expect(dodo.chargesOf(method.paymentMethodId)).toHaveLength(1);
    expect(
      dodo.requestsTo('POST', charges).filter((r) => r.path.includes(method.paymentMethodId)),
    ).toHaveLength(2);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
  });

  it("after Dodo took the charge, before its answer was recorded → after restart the attempt's payment is found by metadata and nothing is charged again", async () => {
    const { user, method, attemptId } = await walletWithAttempt(saveDodoCard);
    await crashWhileCharging(attemptId, dodo.holdNext('POST', charges, { handled: true }));

    const [payment, ...more] = dodo.chargesOf(method.paymentMethodId);
    expect(more).toHaveLength(0);
    expect(payment.metadata.attemptId).toBe(attemptId);
    expect(
      dodo.requestsTo('POST', charges).filter((r) => r.path.includes(method.paymentMethodId)),
    ).toHaveLength(1);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
    const order = await t.prisma.order.findUniqueOrThrow({
      where: { id: (await attemptRow(attemptId)).orderId! },
    });
    expect(order).toMatchObject({ status: 'PAID', providerPaymentId: payment.payment_id });
    // Dodo's own payment.succeeded, late, credits nothing more.
    await postDodo(t, dodoEvent('payment.succeeded', { ...payment })).expect(200);
    expect(await autoTopUpGrants(user.walletId)).toHaveLength(1);
  });
});
