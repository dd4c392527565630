import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_DODO_TOP_UP_PRODUCT,
  fakeAutoTopUpProduct,
  fakeCreditsProduct,
  startFakeDodoServer,
  type FakeDodoServer,
} from '../../../test/support/fake-dodo-server.js';
import {
  dodoDisputeEvent,
  dodoPaymentEvent,
  dodoRefundEvent,
  signStandardWebhook,
} from '../../../test/support/webhook-signers.js';
import type { DodoConfig } from '../../config/app-config.js';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { PaymentProviderError, type OrderForCheckout } from '../payment-gateway.js';
import { createDodoClient } from './dodo-client.provider.js';
import { mapDodoEvent } from './dodo-event.mapper.js';
import { DodoGateway } from './dodo.gateway.js';

const KEY_BASE64 = Buffer.from('dodo-gateway-spec-webhook-key-32b').toString('base64');
const KEY = `whsec_${KEY_BASE64}`;
// Long enough for one SDK retry after a fast 500 (its back-off is up to ~1 s), short for a hang.
const TIMEOUT_MS = 2000;

const order: OrderForCheckout = {
  orderId: 'b1c2d3e4-0000-4000-8000-000000000001',
  userId: 'user-1',
  credits: 250,
  amount: 4000,
  currency: 'usd',
  customer: { email: 'buyer@example.com', name: 'Buyer' },
  billingAddress: null,
};

let fake: FakeDodoServer;
let config: DodoConfig;

function gatewayWith(overrides: Partial<DodoConfig> = {}): DodoGateway {
  const merged = { ...config, ...overrides };
  return new DodoGateway(
    createDodoClient(merged, TIMEOUT_MS),
    merged,
    'https://credits.example.com',
    TIMEOUT_MS,
  );
}

beforeAll(async () => {
  fake = await startFakeDodoServer();
  config = {
    apiKey: 'dodo_test_key',
    webhookKey: KEY,
    environment: 'test_mode',
    baseUrl: fake.url,
    creditsProductId: 'pdt_credits',
  };
});
afterEach(() => {
  fake.recover();
  fake.clearRequests();
});
afterAll(() => fake.close());

function expectInvalidSignature(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe(ErrorCode.INVALID_SIGNATURE);
    return;
  }
  throw new Error('expected INVALID_SIGNATURE');
}

describe('createDodoClient', () => {
  it('uses the environment when no base URL is set, even if DODO_PAYMENTS_BASE_URL is in process.env', () => {
    const previous = process.env.DODO_PAYMENTS_BASE_URL;
    process.env.DODO_PAYMENTS_BASE_URL = 'http://127.0.0.1:1';
    try {
      const client = createDodoClient({ ...config, baseUrl: undefined }, TIMEOUT_MS);
      expect(client.baseURL).toBe('https://test.dodopayments.com');
      expect(client.maxRetries).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.DODO_PAYMENTS_BASE_URL;
      else process.env.DODO_PAYMENTS_BASE_URL = previous;
    }
  });
});

describe('DodoGateway.createCheckout', () => {
  it('sends the credits product with the computed amount, customer, return URL and metadata', async () => {
    const created = await gatewayWith().createCheckout(order);

    expect(created.sessionId).toMatch(/^cks_/);
    expect(created.checkoutUrl).toBe(`https://test.checkout.dodopayments.com/session/${created.sessionId}`);
    expect(fake.checkoutCreates).toHaveLength(1);
    const [request] = fake.checkoutCreates;
    expect(request.headers.authorization).toBe('Bearer dodo_test_key');
    expect(request.body).toEqual({
      product_cart: [{ product_id: 'pdt_credits', quantity: 1, amount: 4000 }],
      // The customer pays exactly the order: no discount code, no currency of their choosing.
      feature_flags: { allow_discount_code: false, allow_currency_selection: false },
      billing_currency: 'USD',
      customer: { email: 'buyer@example.com', name: 'Buyer' },
      return_url: `https://credits.example.com/orders/${order.orderId}?checkout=success`,
      cancel_url: `https://credits.example.com/orders/${order.orderId}?checkout=cancelled`,
      metadata: { orderId: order.orderId, userId: 'user-1' },
    });
  });

  it("maps the user's billing address to Dodo's fields and omits a missing name", async () => {
    await gatewayWith().createCheckout({
      ...order,
      customer: { email: 'buyer@example.com', name: null },
      billingAddress: {
        name: 'Buyer',
        line1: '1 Main St',
        line2: 'Apt 4',
        city: 'Berlin',
        state: null,
        postalCode: '10115',
        country: 'de',
      },
    });
    expect(fake.checkoutCreates[0].body).toMatchObject({
      customer: { email: 'buyer@example.com' },
      billing_address: { street: '1 Main St, Apt 4', city: 'Berlin', zipcode: '10115', country: 'DE' },
    });
    expect((fake.checkoutCreates[0].body as { customer: object }).customer).not.toHaveProperty('name');
  });

  it('rejects a persistent 500 with PaymentProviderError after two attempts', async () => {
    fake.failNext(500, Infinity);
    const error = await gatewayWith()
      .createCheckout(order)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({
      code: ErrorCode.PAYMENT_PROVIDER_ERROR,
      failure: 'server_error',
      providerStatus: 500,
    });
    expect((error as PaymentProviderError).getStatus()).toBe(502);
    expect(fake.checkoutCreates).toHaveLength(2);
  });

  it('aborts a hanging provider at the deadline with exactly one attempt', async () => {
    fake.hang();
    const gateway = new DodoGateway(
      createDodoClient(config, 300),
      config,
      'https://credits.example.com',
      300,
    );
    const started = Date.now();
    await expect(gateway.createCheckout(order)).rejects.toMatchObject({ failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(800);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.checkoutCreates).toHaveLength(1);
  });
});

describe('DodoGateway.fetchCheckoutStatus', () => {
  it('is open before a payment, then paid with total minus tax (and the total, tax included, as amountPaid)', async () => {
    const gateway = gatewayWith();
    const { sessionId } = await gateway.createCheckout(order);
    expect(await gateway.fetchCheckoutStatus(sessionId)).toEqual({ status: 'open' });

    const payment = fake.markPaid(sessionId, { tax: 320 });
    expect(await gateway.fetchCheckoutStatus(sessionId)).toEqual({
      status: 'paid',
      paymentId: payment.payment_id,
      amount: 4000,
      amountPaid: 4320,
      currency: 'usd',
    });
  });

  it('reports a failed payment', async () => {
    const gateway = gatewayWith();
    const { sessionId } = await gateway.createCheckout(order);
    fake.markPaid(sessionId, { status: 'failed' });
    expect((await gateway.fetchCheckoutStatus(sessionId)).status).toBe('failed');
  });
});

describe('DodoGateway.verifyWebhook', () => {
  const event = dodoPaymentEvent('payment.succeeded', {
    paymentId: 'pay_1',
    checkoutSessionId: 'cks_1',
    orderId: 'order-1',
    amount: 4000,
    tax: 320,
  });
  const pretty = JSON.stringify(event, null, 2);
  const signed = (options: { key?: string; id?: string; date?: Date; body?: string } = {}) =>
    signStandardWebhook(
      options.key ?? KEY,
      options.id ?? 'msg_1',
      options.date ?? new Date(),
      options.body ?? pretty,
    );

  it('accepts a pretty-printed body signed as sent; eventId is the webhook-id', () => {
    const result = gatewayWith().verifyWebhook(Buffer.from(pretty), signed());
    expect(result).toMatchObject({ provider: 'dodo', eventId: 'msg_1', kind: 'checkout.paid', amount: 4000 });
  });

  it('rejects the same event re-serialized after signing', () => {
    expectInvalidSignature(() => gatewayWith().verifyWebhook(Buffer.from(JSON.stringify(event)), signed()));
  });

  it('rejects a wrong secret', () => {
    const other = `whsec_${Buffer.from('another-key-another-key-another!!').toString('base64')}`;
    expectInvalidSignature(() => gatewayWith().verifyWebhook(Buffer.from(pretty), signed({ key: other })));
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'rejects a request without %s',
    (header) => {
      const headers: Record<string, string> = { ...signed() };
      delete headers[header];
      expectInvalidSignature(() => gatewayWith().verifyWebhook(Buffer.from(pretty), headers));
    },
  );

  it('rejects a timestamp 301 s in the future or 301 s old, accepts 299 s either way', () => {
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
    const gateway = gatewayWith();
    expectInvalidSignature(() => gateway.verifyWebhook(Buffer.from(pretty), signed({ date: at(301) })));
    expectInvalidSignature(() => gateway.verifyWebhook(Buffer.from(pretty), signed({ date: at(-301) })));
    expect(gateway.verifyWebhook(Buffer.from(pretty), signed({ date: at(299) })).eventId).toBe('msg_1');
    expect(gateway.verifyWebhook(Buffer.from(pretty), signed({ date: at(-299) })).eventId).toBe('msg_1');
  });

  it('rejects a changed webhook-id', () => {
    expectInvalidSignature(() =>
      gatewayWith().verifyWebhook(Buffer.from(pretty), { ...signed(), 'webhook-id': 'msg_2' }),
    );
  });

  it('works with the secret configured with or without whsec_, whichever way it was signed', () => {
    const withPrefix = gatewayWith({ webhookKey: KEY });
    const withoutPrefix = gatewayWith({ webhookKey: KEY_BASE64 });
    for (const gateway of [withPrefix, withoutPrefix]) {
      expect(gateway.verifyWebhook(Buffer.from(pretty), signed({ key: KEY })).kind).toBe('checkout.paid');
      expect(gateway.verifyWebhook(Buffer.from(pretty), signed({ key: KEY_BASE64 })).kind).toBe(
        'checkout.paid',
      );
    }
  });
});

describe('DodoGateway event mapping', () => {
  let n = 0;
  function verify(payload: object) {
    const body = JSON.stringify(payload);
    return gatewayWith().verifyWebhook(
      Buffer.from(body),
      signStandardWebhook(KEY, `msg_map_${++n}`, new Date(), body),
    );
  }

  it('maps payment.succeeded with total minus tax, the total as amountPaid, session, payment and order ids', () => {
    const result = verify(
      dodoPaymentEvent('payment.succeeded', {
        paymentId: 'pay_9',
        checkoutSessionId: 'cks_9',
        orderId: 'order-9',
        amount: 1800,
        tax: 150,
      }),
    );
    expect(result).toMatchObject({
      type: 'payment.succeeded',
      kind: 'checkout.paid',
      orderId: 'order-9',
      sessionId: 'cks_9',
      paymentId: 'pay_9',
      amount: 1800,
      amountPaid: 1950,
      currency: 'usd',
    });
    expect(result.occurredAt).toBeInstanceOf(Date);
    expect(result.payload).toMatchObject({ type: 'payment.succeeded' });
  });

  it('maps payment.failed and payment.cancelled with why they failed: error_code, else the status', () => {
    const failed = dodoPaymentEvent('payment.failed', {
      paymentId: 'pay_f',
      orderId: 'order-f',
      amount: 1000,
    });
    expect(verify(failed)).toMatchObject({
      kind: 'checkout.failed',
      paymentId: 'pay_f',
      orderId: 'order-f',
      failureCode: 'failed',
    });
    expect(verify({ ...failed, data: { ...failed.data, error_code: 'INSUFFICIENT_FUNDS' } })).toMatchObject({
      kind: 'checkout.failed',
      failureCode: 'INSUFFICIENT_FUNDS',
    });
    expect(
      verify(dodoPaymentEvent('payment.cancelled', { paymentId: 'pay_c', orderId: 'order-c', amount: 1000 })),
    ).toMatchObject({ kind: 'checkout.failed', failureCode: 'cancelled' });
    const paid = verify(dodoPaymentEvent('payment.succeeded', { paymentId: 'pay_s', amount: 1000 }));
    expect(paid.failureCode).toBeUndefined();
  });

  it('maps refund.succeeded', () => {
    expect(verify(dodoRefundEvent({ paymentId: 'pay_r', refundId: 'ref_1', amount: 900 }))).toMatchObject({
      kind: 'refund',
      paymentId: 'pay_r',
      refundId: 'ref_1',
      amount: 900,
      currency: 'usd',
    });
  });

  it('maps disputes; accepted counts as lost; challenged is ignored', () => {
    const input = { paymentId: 'pay_d', amount: 4000, disputeId: 'dis_1' };
    expect(verify(dodoDisputeEvent('dispute.opened', input))).toMatchObject({
      kind: 'dispute.opened',
      paymentId: 'pay_d',
      disputeId: 'dis_1',
      amount: 4000,
    });
    expect(verify(dodoDisputeEvent('dispute.won', input)).kind).toBe('dispute.won');
    expect(verify(dodoDisputeEvent('dispute.lost', input)).kind).toBe('dispute.lost');
    expect(verify(dodoDisputeEvent('dispute.accepted', input)).kind).toBe('dispute.lost');
    expect(verify(dodoDisputeEvent('dispute.challenged', input)).kind).toBe('ignored');
  });

  it('ignores other event types', () => {
    expect(
      verify({
        business_id: 'bus',
        type: 'subscription.active',
        timestamp: new Date().toISOString(),
        data: {},
      }).kind,
    ).toBe('ignored');
  });
});

describe('Dodo event types as the SDK declares them', () => {
  it.each([
    ['payment.processing', 'checkout.pending'],
    ['payment.cancelled', 'checkout.failed'],
    ['dispute.cancelled', 'dispute.won'],
    ['dispute.expired', 'dispute.won'],
    ['dispute.accepted', 'dispute.lost'],
    ['dispute.challenged', 'ignored'],
    ['constructor', 'ignored'],
  ])('%s → %s', (type, kind) => {
    expect(mapDodoEvent('msg_1', { business_id: 'bus', type, timestamp: '', data: {} }).kind).toBe(kind);
  });

  it('a refund without an amount is the whole payment only when it is not partial', () => {
    const data = { payment_id: 'pay_1', refund_id: 'ref_1', amount: null, currency: 'USD' };
    const full = mapDodoEvent('msg_1', { type: 'refund.succeeded', data: { ...data, is_partial: false } });
    expect(full).toMatchObject({ kind: 'refund', fullRefund: true });
    expect(full.amount).toBeUndefined();
    const partial = mapDodoEvent('msg_2', { type: 'refund.succeeded', data: { ...data, is_partial: true } });
    expect(partial.fullRefund).toBeUndefined();
  });

  it.each([
    ['refund.succeeded', { payment_id: 'pay_1', amount: -2000 }, /amount -2000/],
    ['payment.succeeded', { payment_id: 'pay_1', total_amount: 1800, tax: -100 }, /tax -100/],
    ['payment.succeeded', { payment_id: 'pay_1', total_amount: 18.5 }, /total_amount 18.5/],
  ])('%s with %o is a problem (FAILED)', (type, data, problem) => {
    expect(mapDodoEvent('msg_1', { type, data }).problem).toMatch(problem);
  });
});

describe('DodoGateway off-session (auto top-up)', () => {
  const onDemand = () => gatewayWith({ autoTopUpProductId: FAKE_DODO_TOP_UP_PRODUCT });

  /** A paid checkout that started an on-demand subscription for a new customer. */
  async function subscribed(gateway = onDemand()) {
    const customerId = await gateway.createCustomer!({
      walletId: 'wallet-1',
      email: 'buyer@example.com',
      name: null,
    });
    const created = await gateway.createCheckout({ ...order, saveForCustomer: customerId });
    const payment = fake.markPaid(created.sessionId);
    const saved = await gateway.readSavedPaymentMethod!(payment.payment_id);
    return { customerId, payment, saved: saved! };
  }

  function chargeOf(saved: { customerId: string; paymentMethodId: string }, resumed = false) {
    return {
      attemptId: randomUUID(),
      attemptCreatedAt: new Date(),
      resumed,
      orderId: randomUUID(),
      customerId: saved.customerId,
      paymentMethodId: saved.paymentMethodId,
      credits: 100,
      amount: 1800,
      currency: 'usd',
    };
  }

  it('without DODO_AUTO_TOP_UP_PRODUCT_ID it cannot save or charge a card (detaching still works)', () => {
    const gateway = gatewayWith();
    expect(gateway.createCustomer).toBeUndefined();
    expect(gateway.readSavedPaymentMethod).toBeUndefined();
    expect(gateway.chargeOffSession).toBeUndefined();
    expect(gateway.detachPaymentMethod).toBeTypeOf('function');
  });

  it('a checkout that saves the card starts an on-demand subscription priced at the order, for the customer', async () => {
    const { customerId, saved } = await subscribed();
    expect(fake.requestsTo('POST', '/customers')[0].body).toEqual({
      email: 'buyer@example.com',
      name: 'buyer@example.com',
      metadata: { walletId: 'wallet-1' },
    });
    expect(fake.checkoutCreates[0].body).toMatchObject({
      product_cart: [{ product_id: FAKE_DODO_TOP_UP_PRODUCT, quantity: 1 }],
      customer: { customer_id: customerId },
      subscription_data: {
        on_demand: { mandate_only: false, product_price: 4000, product_currency: 'USD' },
        trial_period_days: 0,
      },
      metadata: { orderId: order.orderId, userId: 'user-1' },
      feature_flags: { allow_discount_code: false, allow_currency_selection: false },
    });
    expect(saved).toEqual({
      customerId,
      paymentMethodId: expect.stringMatching(/^sub_/),
      brand: 'visa',
      last4: '4242',
    });
  });

  it('a one-time payment or an ended subscription saves nothing', async () => {
    const gateway = onDemand();
    const oneTime = await gateway.createCheckout(order);
    expect(
      await gateway.readSavedPaymentMethod!(fake.markPaid(oneTime.sessionId).payment_id),
    ).toBeUndefined();
    const { payment, saved } = await subscribed(gateway);
    await gateway.detachPaymentMethod(saved.paymentMethodId);
    expect(fake.subscriptions.get(saved.paymentMethodId)!.status).toBe('cancelled');
    expect(await gateway.readSavedPaymentMethod!(payment.payment_id)).toBeUndefined();
  });

  it('a refused cancellation is done only when Dodo says the subscription is already cancelled', async () => {
    const gateway = onDemand();
    const { saved } = await subscribed(gateway);
    fake.failNext(400);
    await expect(gateway.detachPaymentMethod(saved.paymentMethodId)).rejects.toMatchObject({
      failure: 'rejected',
    });
    expect(fake.subscriptions.get(saved.paymentMethodId)!.status).toBe('active');
    await gateway.detachPaymentMethod(saved.paymentMethodId);
    fake.failNext(400);
    await expect(gateway.detachPaymentMethod(saved.paymentMethodId)).resolves.toBeUndefined();
  });

  it('charges the subscription with the order and the attempt in the metadata, and answers its payment', async () => {
    const gateway = onDemand();
    const { saved } = await subscribed(gateway);
    const charge = chargeOf(saved);
    const answer = await gateway.chargeOffSession!(charge);
    const [payment] = fake.chargesOf(saved.paymentMethodId);
    expect(answer).toEqual({
      outcome: 'succeeded',
      paymentId: payment.payment_id,
      amount: 1800,
      amountPaid: 1800,
      currency: 'usd',
    });
    expect(fake.requestsTo('POST', /\/charge$/).at(-1)!.body).toMatchObject({
      product_price: 1800,
      product_currency: 'USD',
      metadata: { orderId: charge.orderId, attemptId: charge.attemptId },
    });
    fake.chargeOutcomes.push('decline', 'requires_action', 'processing');
    expect(await gateway.chargeOffSession!(chargeOf(saved))).toMatchObject({
      outcome: 'declined',
      failureCode: 'INSUFFICIENT_FUNDS',
    });
    expect(await gateway.chargeOffSession!(chargeOf(saved))).toMatchObject({ outcome: 'requires_action' });
    expect(await gateway.chargeOffSession!(chargeOf(saved))).toMatchObject({ outcome: 'processing' });
  });

  it('a resumed attempt whose charge exists answers that payment and charges nothing; one without is charged', async () => {
    const gateway = onDemand();
    const { saved } = await subscribed(gateway);
    const charge = chargeOf(saved);
    const first = await gateway.chargeOffSession!(charge);
    const again = await gateway.chargeOffSession!({ ...charge, resumed: true });
    expect(again).toEqual(first);
    expect(fake.chargesOf(saved.paymentMethodId)).toHaveLength(1);
    await gateway.chargeOffSession!(chargeOf(saved, true));
    expect(fake.chargesOf(saved.paymentMethodId)).toHaveLength(2);
  });

  it('never lets the SDK retry a charge; a refused charge is a decline', async () => {
    const gateway = onDemand();
    const { saved } = await subscribed(gateway);
    fake.clearRequests();
    fake.failNext(500);
    await expect(gateway.chargeOffSession!(chargeOf(saved))).rejects.toBeInstanceOf(PaymentProviderError);
    expect(fake.requestsTo('POST', /\/charge$/)).toHaveLength(1);
    await gateway.detachPaymentMethod(saved.paymentMethodId);
    expect(await gateway.chargeOffSession!(chargeOf(saved))).toEqual({
      outcome: 'declined',
      failureCode: 'charge_refused_422',
    });
  });

  it('refuses to boot with an auto top-up product that is not a plain subscription', async () => {
    fake.products.set('pdt_one_time', { ...fakeCreditsProduct(), product_id: 'pdt_one_time' });
    fake.products.set('pdt_discounted', fakeAutoTopUpProduct({ discount: 10 }));
    const boot = (autoTopUpProductId: string) =>
      gatewayWith({ creditsProductId: 'pdt_fake_credits', autoTopUpProductId }).onApplicationBootstrap();
    await expect(boot('pdt_one_time')).rejects.toThrow(
      /DODO_AUTO_TOP_UP_PRODUCT_ID pdt_one_time: its price is one_time_price/,
    );
    await expect(boot('pdt_discounted')).rejects.toThrow(
      /DODO_AUTO_TOP_UP_PRODUCT_ID pdt_discounted: it has a discount/,
    );
    await expect(boot('pdt_missing')).rejects.toThrow(
      /DODO_AUTO_TOP_UP_PRODUCT_ID pdt_missing: no such Dodo product/,
    );
    await expect(boot(FAKE_DODO_TOP_UP_PRODUCT)).resolves.toBeUndefined();
  });
});
