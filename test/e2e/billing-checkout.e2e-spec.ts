import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../support/factories.js';
import { type FakeDodoServer, startFakeDodoServer } from '../support/fake-dodo-server.js';
import type { RecordedRequest } from '../support/fake-provider-server.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * POST /api/billing/checkout-sessions end to end: the real Stripe and Dodo SDKs talk to local fakes,
 * orders land in a real PostgreSQL. docs/api.md, "Buying credits".
 */

const PUBLIC_URL = 'https://credits.example.com';
const TIMEOUT_MS = 500;

let t: TestApp;
let stripe: FakeStripeServer;
let dodo: FakeDodoServer;

beforeAll(async () => {
  [stripe, dodo] = await Promise.all([startFakeStripeServer(), startFakeDodoServer()]);
  t = await createTestApp({
    env: { ...stripe.env(), ...dodo.env(), PUBLIC_URL, PAYMENT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
});

afterAll(async () => {
  await t?.close();
  await Promise.all([stripe?.close(), dodo?.close()]);
});

afterEach(() => {
  stripe.recover();
  dodo.recover();
});

function checkout(user: TestUser, body: unknown, idempotencyKey?: string) {
  const request = t.http.post('/api/billing/checkout-sessions').set(user.auth);
  if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
  return request.send(body as object);
}

/** Stripe creates for one order: the SDK sends the order id as the Idempotency-Key. */
function stripeCreatesFor(orderId: string): RecordedRequest[] {
  return stripe.checkoutCreates.filter((request) => request.idempotencyKey === orderId);
}

function dodoCreatesFor(orderId: string): RecordedRequest[] {
  return dodo.checkoutCreates.filter(
    (request) => (request.body as { metadata?: { orderId?: string } }).metadata?.orderId === orderId,
  );
}

function returnUrls(orderId: string) {
  return {
    success: `${PUBLIC_URL}/orders/${orderId}?checkout=success`,
    cancel: `${PUBLIC_URL}/orders/${orderId}?checkout=cancelled`,
  };
}

const AMOUNTS: [credits: number, cents: number][] = [
  [50, 1000],
  [100, 1800],
  [150, 2700],
  [250, 4000],
  [500, 8000],
  [50_000, 800_000],
];

describe('Stripe checkout', () => {
  it.each(AMOUNTS)(
    '%i credits cost exactly %i cents, and Stripe receives that price',
    async (credits, cents) => {
      const user = await createUser(t);
      const response = await checkout(user, { credits, provider: 'stripe' }).expect(201);
      const { orderId, sessionId } = response.body;

      expect(response.body).toEqual({
        orderId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        provider: 'stripe',
        sessionId: expect.stringMatching(/^cs_test_/),
        checkoutUrl: `https://checkout.stripe.com/c/pay/${sessionId}`,
        credits,
        amount: cents,
        currency: 'usd',
        status: 'PENDING',
      });

      const [sent, ...more] = stripeCreatesFor(orderId);
      expect(more).toEqual([]);
      expect(sent.headers.authorization).toBe('Bearer sk_test_fake');
      expect(sent.body).toMatchObject({
        mode: 'payment',
        line_items: [
          {
            quantity: '1',
            price_data: {
              currency: 'usd',
              unit_amount: String(cents),
              product_data: { name: `${credits} credits` },
            },
          },
        ],
        client_reference_id: user.id,
        customer_email: user.email,
        metadata: { orderId, userId: user.id },
        payment_intent_data: { metadata: { orderId, userId: user.id } },
        success_url: returnUrls(orderId).success,
        cancel_url: returnUrls(orderId).cancel,
      });

      const order = await t.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
      expect(order).toMatchObject({
        userId: user.id,
        provider: 'stripe',
        providerSessionId: sessionId,
        credits,
        amount: cents,
        currency: 'usd',
        status: 'PENDING',
      });
    },
  );

  it('uses the default provider (the first configured: Stripe) when none is named', async () => {
    const user = await createUser(t);
    const response = await checkout(user, { credits: 100 }).expect(201);
    expect(response.body.provider).toBe('stripe');
    expect(stripeCreatesFor(response.body.orderId)).toHaveLength(1);
  });
});

describe('Dodo checkout', () => {
  it.each(AMOUNTS)(
    '%i credits cost exactly %i cents, and Dodo receives that amount for the credits product',
    async (credits, cents) => {
      const user = await createUser(t, { name: 'Grace Hopper' });
      const response = await checkout(user, { credits, provider: 'dodo' }).expect(201);
      const { orderId, sessionId } = response.body;

      expect(response.body).toEqual({
        orderId: expect.any(String),
        provider: 'dodo',
        sessionId: expect.stringMatching(/^cks_/),
        checkoutUrl: `https://test.checkout.dodopayments.com/session/${sessionId}`,
        credits,
        amount: cents,
        currency: 'usd',
        status: 'PENDING',
      });

      const [sent, ...more] = dodoCreatesFor(orderId);
      expect(more).toEqual([]);
      expect(sent.headers.authorization).toBe('Bearer dodo_test_fake_key');
      expect(sent.body).toEqual({
        product_cart: [{ product_id: 'pdt_fake_credits', quantity: 1, amount: cents }],
        feature_flags: { allow_discount_code: false, allow_currency_selection: false },
        billing_currency: 'USD',
        customer: { email: user.email, name: 'Grace Hopper' },
        return_url: returnUrls(orderId).success,
        cancel_url: returnUrls(orderId).cancel,
        metadata: { orderId, userId: user.id },
      });
      expect(await t.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
        provider: 'dodo',
        providerSessionId: sessionId,
        amount: cents,
        status: 'PENDING',
      });
    },
  );

  it('sends the billing address the user saved', async () => {
    const user = await createUser(t);
    await t.http
      .put('/api/billing/address')
      .set(user.auth)
      .send({
        line1: '1 Main St',
        line2: 'Suite 5',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'us',
      })
      .expect(200);
    const { orderId } = (await checkout(user, { credits: 50, provider: 'dodo' }).expect(201)).body;
    expect(dodoCreatesFor(orderId)[0].body).toMatchObject({
      customer: { email: user.email },
      billing_address: {
        street: '1 Main St, Suite 5',
        city: 'Springfield',
        state: 'IL',
        zipcode: '62701',
        country: 'US',
      },
    });
  });
});

describe('sandbox checkout', () => {
  it('creates the order and a checkout page served by this service', async () => {
    const user = await createUser(t);
    const response = await checkout(user, { credits: 250, provider: 'sandbox' }).expect(201);
    expect(response.body).toMatchObject({
      provider: 'sandbox',
      credits: 250,
      amount: 4000,
      status: 'PENDING',
    });
    expect(response.body.checkoutUrl).toBe(
      `${PUBLIC_URL}/api/payments/sandbox/checkout/${response.body.sessionId}`,
    );
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: response.body.orderId } })).toMatchObject({
      provider: 'sandbox',
      providerSessionId: response.body.sessionId,
      status: 'PENDING',
    });
  });
});

describe('invalid credits', () => {
  const INVALID: [label: string, body: Record<string, unknown>][] = [
    ['75 (not a multiple of 50)', { credits: 75 }],
    ['0', { credits: 0 }],
    ['-50', { credits: -50 }],
    ['50.5', { credits: 50.5 }],
    ['"50" (a string)', { credits: '50' }],
    ['1e21', { credits: 1e21 }],
    ['null', { credits: null }],
    ['[]', { credits: [] }],
    ['[50]', { credits: [50] }],
    ['{}', { credits: {} }],
    ['true', { credits: true }],
    ['50,050 (above 50,000)', { credits: 50_050 }],
    ['missing', {}],
    ['missing, with a provider', { provider: 'dodo' }],
  ];

  it.each(INVALID)('%s → 400 INVALID_CREDITS, no order, no provider call', async (_label, body) => {
    const user = await createUser(t);
    const before = stripe.requests.length + dodo.requests.length;
    const response = await checkout(user, body).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'INVALID_CREDITS',
      message: expect.stringContaining('multiple of 50'),
    });
    expect(stripe.requests.length + dodo.requests.length).toBe(before);
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });

  it('a provider that is not a string is a validation error, and no order is made', async () => {
    const user = await createUser(t);
    const response = await checkout(user, { credits: 50, provider: 7 }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });

  it('an unknown field is refused (a client never sends a price)', async () => {
    const user = await createUser(t);
    const response = await checkout(user, { credits: 50, amount: 1 }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('unknown provider', () => {
  it.each(['paypal', 'Stripe', ''])('%j → 400 PROVIDER_UNAVAILABLE, no order', async (provider) => {
    const user = await createUser(t);
    const before = stripe.requests.length + dodo.requests.length;
    const response = await checkout(user, { credits: 50, provider }).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.any(String),
    });
    expect(stripe.requests.length + dodo.requests.length).toBe(before);
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('provider failures', () => {
  /** Retries the SDK may make for one create (1 retry each); more would be a retry storm. */
  const MAX_ATTEMPTS = 2;

  async function expectGenericBadGateway(response: { body: Record<string, unknown>; text: string }) {
    expect(response.body).toEqual({
      statusCode: 502,
      code: 'PAYMENT_PROVIDER_ERROR',
      message: 'The payment provider is unavailable; please try again later',
    });
    expect(response.text).not.toMatch(/fake|stripe|dodo|api_error|INTERNAL_SERVER_ERROR|127\.0\.0\.1/i);
  }

  async function onlyOrderOf(user: TestUser) {
    const orders = await t.prisma.order.findMany({ where: { userId: user.id } });
    expect(orders).toHaveLength(1);
    return orders[0];
  }

  it.each(['stripe', 'dodo'] as const)(
    '%s answers 500 → 502, order FAILED, at most one retry',
    async (provider) => {
      (provider === 'stripe' ? stripe : dodo).failNext(500, Infinity);
      const user = await createUser(t);
      const response = await checkout(user, { credits: 100, provider }).expect(502);
      await expectGenericBadGateway(response);

      const order = await onlyOrderOf(user);
      expect(order).toMatchObject({ status: 'FAILED', providerSessionId: null, provider, amount: 1800 });
      const attempts = provider === 'stripe' ? stripeCreatesFor(order.id) : dodoCreatesFor(order.id);
      expect(attempts.length).toBeGreaterThanOrEqual(1);
      expect(attempts.length).toBeLessThanOrEqual(MAX_ATTEMPTS);

      const seen = await t.http.get(`/api/billing/orders/${order.id}`).set(user.auth).expect(200);
      expect(seen.body).toMatchObject({ status: 'FAILED', sessionId: null });
    },
  );

  it.each(['stripe', 'dodo'] as const)(
    '%s does not answer → 502 within about PAYMENT_PROVIDER_TIMEOUT_MS, order FAILED, bounded attempts',
    async (provider) => {
      const fake = provider === 'stripe' ? stripe : dodo;
      fake.hang();
      const user = await createUser(t);
      const started = Date.now();
      const response = await checkout(user, { credits: 50, provider }).expect(502);
      const elapsed = Date.now() - started;
      await expectGenericBadGateway(response);
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      // Bounded, not timed: without the deadline the hung provider would hold the request until the test's
      // own timeout; the slack is for a loaded machine.
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 5000);

      const order = await onlyOrderOf(user);
      expect(order.status).toBe('FAILED');
      // An abandoned SDK attempt may still retry once in the background; give it the time to, then count.
      await sleep(TIMEOUT_MS * 3);
      const attempts = provider === 'stripe' ? stripeCreatesFor(order.id) : dodoCreatesFor(order.id);
      expect(attempts.length).toBeGreaterThanOrEqual(1);
      expect(attempts.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('FAILED');
    },
  );
});

describe('Idempotency-Key', () => {
  it('the same key twice → one order, one provider call, the same response', async () => {
    const user = await createUser(t);
    const first = await checkout(user, { credits: 150, provider: 'stripe' }, 'buy-150-once').expect(201);
    const second = await checkout(user, { credits: 150, provider: 'stripe' }, 'buy-150-once').expect(201);

    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(1);
    expect(stripeCreatesFor(first.body.orderId)).toHaveLength(1);
    expect(
      stripe.checkoutCreates.filter(
        (request) =>
          request.body && (request.body as { client_reference_id?: string }).client_reference_id === user.id,
      ),
    ).toHaveLength(1);
  });

  it('the same key with another body → 422, nothing created', async () => {
    const user = await createUser(t);
    await checkout(user, { credits: 50, provider: 'dodo' }, 'key-reused').expect(201);
    const response = await checkout(user, { credits: 100, provider: 'dodo' }, 'key-reused').expect(422);
    expect(response.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(1);
  });

  it('a retry while the first request still waits for the provider → 409, no second order', async () => {
    const user = await createUser(t);
    stripe.hang();
    // supertest sends on then(): this starts the first request now, without waiting for its answer.
    const first = checkout(user, { credits: 50, provider: 'stripe' }, 'double-click').then(
      (response) => response,
    );
    await sleep(TIMEOUT_MS / 4);
    const second = await checkout(user, { credits: 50, provider: 'stripe' }, 'double-click').expect(409);
    expect(second.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect((await first).status).toBe(502);
    expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(1);
  });

  it('a retry after a provider failure is a new attempt (a failure is not replayed)', async () => {
    const user = await createUser(t);
    stripe.failNext(500, Infinity);
    await checkout(user, { credits: 50, provider: 'stripe' }, 'retry-after-502').expect(502);
    stripe.recover();
    const retried = await checkout(user, { credits: 50, provider: 'stripe' }, 'retry-after-502').expect(201);
    const statuses = (
      await t.prisma.order.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })
    ).map((o) => o.status);
    expect(statuses).toEqual(['FAILED', 'PENDING']);
    expect(retried.body.status).toBe('PENDING');
  });
});

describe('authentication', () => {
  it('a checkout needs a user: 401 without credentials, nothing sent to a provider', async () => {
    const before = stripe.requests.length + dodo.requests.length;
    const response = await t.http.post('/api/billing/checkout-sessions').send({ credits: 50 }).expect(401);
    expect(response.body.code).toBe('UNAUTHORIZED');
    expect(stripe.requests.length + dodo.requests.length).toBe(before);
  });

  it('works with an API key as well as a JWT', async () => {
    const user = await createUser(t);
    const key = (await t.http.post('/api/auth/api-keys').set(user.auth).send({ name: 'ci' }).expect(201)).body
      .key;
    const response = await t.http
      .post('/api/billing/checkout-sessions')
      .set('X-API-Key', key)
      .send({ credits: 50 })
      .expect(201);
    expect(response.body.amount).toBe(1000);
  });
});
