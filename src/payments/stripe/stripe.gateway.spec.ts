import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startFakeStripeServer, type FakeStripeServer } from '../../../test/support/fake-stripe-server.js';
import {
  signStripe,
  stripeChargeRefundedEvent,
  stripeCheckoutEvent,
  stripeDisputeEvent,
  stripeEvent,
} from '../../../test/support/webhook-signers.js';
import type { StripeConfig } from '../../config/app-config.js';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import {
  PaymentProviderError,
  type OffSessionCharge,
  type OrderForCheckout,
  type SavedPaymentMethodDetails,
} from '../payment-gateway.js';
import { createStripeClient } from './stripe-client.provider.js';
import { StripeGateway } from './stripe.gateway.js';

const SECRET = 'whsec_test_stripe_gateway_spec';
// Long enough for one SDK retry after a fast 500 (its back-off is up to 0.5 s), short for a hang.
const TIMEOUT_MS = 1500;

const order: OrderForCheckout = {
  orderId: '7b0c3f5e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  userId: 'user-1',
  credits: 100,
  amount: 1800,
  currency: 'usd',
  customer: { email: 'buyer@example.com', name: 'Buyer' },
  billingAddress: null,
};

let fake: FakeStripeServer;
let gateway: StripeGateway;

beforeAll(async () => {
  fake = await startFakeStripeServer();
  const config: StripeConfig = {
    secretKey: 'sk_test_fake',
    webhookSecret: SECRET,
    apiUrl: new URL(fake.url),
  };
  gateway = new StripeGateway(
    createStripeClient(config, TIMEOUT_MS),
    config,
    'https://credits.example.com',
    TIMEOUT_MS,
  );
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
    expect((error as AppException).message).not.toContain(SECRET);
    return;
  }
  throw new Error('expected INVALID_SIGNATURE');
}

describe('StripeGateway.createCheckout', () => {
  it('sends one payment-mode session with the computed amount, metadata, URLs and the order id as idempotency key', async () => {
    const created = await gateway.createCheckout(order);

    expect(created.sessionId).toMatch(/^cs_test_/);
    expect(created.checkoutUrl).toBe(`https://checkout.stripe.com/c/pay/${created.sessionId}`);
    expect(fake.checkoutCreates).toHaveLength(1);
    const [request] = fake.checkoutCreates;
    expect(request.idempotencyKey).toBe(order.orderId);
    expect(request.headers.authorization).toBe('Bearer sk_test_fake');
    expect(request.headers['x-stripe-client-telemetry']).toBeUndefined();
    expect(request.body).toEqual({
      mode: 'payment',
      line_items: [
        {
          quantity: '1',
          price_data: { currency: 'usd', unit_amount: '1800', product_data: { name: '100 credits' } },
        },
      ],
      client_reference_id: 'user-1',
      customer_email: 'buyer@example.com',
      metadata: { orderId: order.orderId, userId: 'user-1' },
      payment_intent_data: { metadata: { orderId: order.orderId, userId: 'user-1' } },
      success_url: `https://credits.example.com/orders/${order.orderId}?checkout=success`,
      cancel_url: `https://credits.example.com/orders/${order.orderId}?checkout=cancelled`,
    });
  });

  it('returns the same session when the same order is created again (idempotency key)', async () => {
    const first = await gateway.createCheckout({ ...order, orderId: 'order-idem' });
    const second = await gateway.createCheckout({ ...order, orderId: 'order-idem' });
    expect(second.sessionId).toBe(first.sessionId);
  });

  it('rides out one 500 with a single retry carrying the same idempotency key', async () => {
    fake.failNext(500, 1);
    const created = await gateway.createCheckout({ ...order, orderId: 'order-retry' });
    expect(created.sessionId).toMatch(/^cs_test_/);
    expect(fake.checkoutCreates.map((r) => r.idempotencyKey)).toEqual(['order-retry', 'order-retry']);
  });

  it('rejects a persistent 500 with PaymentProviderError after a bounded number of attempts', async () => {
    fake.failNext(500, Infinity);
    const error = await gateway.createCheckout({ ...order, orderId: 'order-500' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({
      code: ErrorCode.PAYMENT_PROVIDER_ERROR,
      failure: 'server_error',
      providerStatus: 500,
    });
    expect((error as PaymentProviderError).getStatus()).toBe(502);
    expect(JSON.stringify((error as PaymentProviderError).getResponse())).not.toContain('Fake Stripe');
    expect(fake.checkoutCreates).toHaveLength(2);
  });

  it('rejects a 400 without retrying', async () => {
    fake.failNext(400, Infinity);
    await expect(gateway.createCheckout({ ...order, orderId: 'order-400' })).rejects.toMatchObject({
      failure: 'rejected',
      providerStatus: 400,
    });
    expect(fake.checkoutCreates).toHaveLength(1);
  });

  it('gives up on a hanging provider at the deadline, with at most two attempts', async () => {
    fake.hang();
    const started = Date.now();
    await expect(gateway.createCheckout({ ...order, orderId: 'order-hang' })).rejects.toMatchObject({
      failure: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 300);
    // The SDK's own retry may still go out after the deadline (same idempotency key); nothing more.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 800));
    const attempts = fake.checkoutCreates.filter((r) => r.idempotencyKey === 'order-hang');
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(2);
  });
});

describe('StripeGateway.fetchCheckoutStatus', () => {
  it('reports open, paid, unpaid and expired sessions', async () => {
    const { sessionId } = await gateway.createCheckout({ ...order, orderId: 'order-status' });
    expect(await gateway.fetchCheckoutStatus(sessionId)).toMatchObject({
      status: 'open',
      amount: 1800,
      currency: 'usd',
    });

    fake.markPaid(sessionId, 'unpaid');
    expect((await gateway.fetchCheckoutStatus(sessionId)).status).toBe('unpaid');

    const paid = fake.markPaid(sessionId, 'paid');
    expect(await gateway.fetchCheckoutStatus(sessionId)).toEqual({
      status: 'paid',
      paymentId: paid.payment_intent,
      amount: 1800,
      amountPaid: 1800,
      currency: 'usd',
    });

    const { sessionId: other } = await gateway.createCheckout({ ...order, orderId: 'order-expired' });
    fake.expire(other);
    expect((await gateway.fetchCheckoutStatus(other)).status).toBe('expired');
  });

  it('turns an unknown session into PaymentProviderError', async () => {
    await expect(gateway.fetchCheckoutStatus('cs_test_missing')).rejects.toMatchObject({
      failure: 'rejected',
      providerStatus: 404,
    });
  });
});

describe('StripeGateway.verifyWebhook', () => {
  const event = stripeCheckoutEvent('checkout.session.completed', {
    id: 'cs_test_1',
    orderId: 'order-1',
    userId: 'user-1',
    amountTotal: 1800,
    paymentIntent: 'pi_1',
  });
  const pretty = JSON.stringify(event, null, 2);
  const now = () => Math.floor(Date.now() / 1000);
  const headers = (signature: string) => ({ 'stripe-signature': signature });

  it('accepts a pretty-printed body signed as sent', () => {
    const result = gateway.verifyWebhook(Buffer.from(pretty), headers(signStripe(pretty, SECRET)));
    expect(result).toMatchObject({
      provider: 'stripe',
      eventId: event.id,
      kind: 'checkout.paid',
      orderId: 'order-1',
    });
  });

  it('rejects the same event re-serialized after signing', () => {
    const signature = signStripe(pretty, SECRET);
    expectInvalidSignature(() =>
      gateway.verifyWebhook(Buffer.from(JSON.stringify(event)), headers(signature)),
    );
  });

  it('rejects a wrong secret and a missing header', () => {
    expectInvalidSignature(() =>
      gateway.verifyWebhook(Buffer.from(pretty), headers(signStripe(pretty, 'whsec_other'))),
    );
    expectInvalidSignature(() => gateway.verifyWebhook(Buffer.from(pretty), {}));
    expectInvalidSignature(() => gateway.verifyWebhook(Buffer.from(pretty), headers('garbage')));
  });

  it('accepts a timestamp 299 s old and rejects 301 s old', () => {
    const body = Buffer.from(pretty);
    expect(
      gateway.verifyWebhook(body, headers(signStripe(pretty, SECRET, { timestamp: now() - 299 }))).eventId,
    ).toBe(event.id);
    expectInvalidSignature(() =>
      gateway.verifyWebhook(body, headers(signStripe(pretty, SECRET, { timestamp: now() - 301 }))),
    );
  });

  it('rejects a timestamp more than 300 s in the future', () => {
    expectInvalidSignature(() =>
      gateway.verifyWebhook(
        Buffer.from(pretty),
        headers(signStripe(pretty, SECRET, { timestamp: now() + 301 })),
      ),
    );
  });

  it('accepts two v1 entries when only the second is valid', () => {
    const signature = signStripe(pretty, SECRET, { leadingInvalidSignature: true });
    expect(signature.match(/v1=/g)).toHaveLength(2);
    expect(gateway.verifyWebhook(Buffer.from(pretty), headers(signature)).eventId).toBe(event.id);
  });
});

describe('StripeGateway event mapping', () => {
  function verify(payload: object) {
    const body = JSON.stringify(payload);
    return gateway.verifyWebhook(Buffer.from(body), { 'stripe-signature': signStripe(body, SECRET) });
  }
  const session = {
    id: 'cs_test_map',
    orderId: 'order-map',
    userId: 'user-map',
    amountTotal: 4000,
    currency: 'USD',
    paymentIntent: 'pi_map',
  };

  it('maps checkout.session.completed by payment_status', () => {
    const paid = verify(
      stripeCheckoutEvent('checkout.session.completed', session, { created: 1_700_000_000 }),
    );
    expect(paid).toMatchObject({
      type: 'checkout.session.completed',
      kind: 'checkout.paid',
      orderId: 'order-map',
      sessionId: 'cs_test_map',
      paymentId: 'pi_map',
      amount: 4000,
      amountPaid: 4000,
      currency: 'usd',
      occurredAt: new Date(1_700_000_000_000),
    });
    expect(paid.payload).toMatchObject({ id: paid.eventId, type: 'checkout.session.completed' });
    expect(
      verify(
        stripeCheckoutEvent('checkout.session.completed', {
          ...session,
          paymentStatus: 'no_payment_required',
        }),
      ).kind,
    ).toBe('checkout.paid');
    expect(
      verify(stripeCheckoutEvent('checkout.session.completed', { ...session, paymentStatus: 'unpaid' })).kind,
    ).toBe('checkout.pending');
  });

  it('maps async success, async failure and expiry', () => {
    expect(verify(stripeCheckoutEvent('checkout.session.async_payment_succeeded', session))).toMatchObject({
      kind: 'checkout.paid',
      amount: 4000,
    });
    expect(verify(stripeCheckoutEvent('checkout.session.async_payment_failed', session)).kind).toBe(
      'checkout.failed',
    );
    const expired = verify(
      stripeCheckoutEvent('checkout.session.expired', { ...session, paymentIntent: null }),
    );
    expect(expired).toMatchObject({ kind: 'checkout.expired', orderId: 'order-map' });
    expect(expired.paymentId).toBeUndefined();
  });

  it('maps charge.refunded as current API versions send it: no embedded refunds, the cumulative total only', () => {
    const event = stripeChargeRefundedEvent({ paymentIntent: 'pi_real', amount: 4000, amountRefunded: 1500 });
    expect(event.api_version).toBe(Stripe.API_VERSION);
    expect(event.data.object).not.toHaveProperty('refunds');
    const result = verify(event);
    expect(result).toMatchObject({
      kind: 'refund',
      paymentId: 'pi_real',
      refundedTotal: 1500,
      currency: 'usd',
    });
    expect(result.refundId).toBeUndefined();
    expect(result.amount).toBeUndefined();
    expect(result.problem).toBeUndefined();
  });

  it('maps a dispute with payment_intent null (Stripe’s own fixture) to its charge, to be looked up', () => {
    const result = verify(
      stripeDisputeEvent('charge.dispute.created', {
        paymentIntent: null,
        chargeId: 'ch_fixture',
        amount: 1000,
      }),
    );
    expect(result).toMatchObject({ kind: 'dispute.opened', chargeId: 'ch_fixture' });
    expect(result.paymentId).toBeUndefined();
  });

  it('a negative or fractional amount, or no data.object, makes the event a problem (FAILED), never trusted', () => {
    expect(
      verify(stripeChargeRefundedEvent({ paymentIntent: 'pi_n', amount: 4000, amountRefunded: -2000 }))
        .problem,
    ).toMatch(/amount_refunded -2000/);
    expect(
      verify(stripeCheckoutEvent('checkout.session.completed', { ...session, amountTotal: 10.5 })).problem,
    ).toMatch(/amount_total 10.5/);
    const empty = { ...stripeEvent('charge.refunded', {}), data: { object: null } };
    expect(verify(empty)).toMatchObject({
      kind: 'ignored',
      problem: 'charge.refunded event has no data.object',
    });
  });

  it('looks the payment of a charge up through the SDK', async () => {
    fake.charges.set('ch_lookup', { id: 'ch_lookup', object: 'charge', payment_intent: 'pi_of_charge' });
    await expect(gateway.findPaymentIdOfCharge('ch_lookup')).resolves.toBe('pi_of_charge');
  });

  it('maps charge.refunded with the cumulative refunded total', () => {
    const result = verify(
      stripeChargeRefundedEvent({
        paymentIntent: 'pi_map',
        amount: 4000,
        amountRefunded: 3000,
        refundAmount: 1000,
        refundId: 're_2',
      }),
    );
    expect(result).toMatchObject({
      kind: 'refund',
      paymentId: 'pi_map',
      refundedTotal: 3000,
      amount: 1000,
      refundId: 're_2',
      currency: 'usd',
    });
  });

  it('maps disputes: created → opened, closed won/warning_closed → won, lost → lost', () => {
    expect(
      verify(
        stripeDisputeEvent('charge.dispute.created', {
          paymentIntent: 'pi_map',
          amount: 4000,
          disputeId: 'dp_1',
        }),
      ),
    ).toMatchObject({
      kind: 'dispute.opened',
      paymentId: 'pi_map',
      disputeId: 'dp_1',
      amount: 4000,
      currency: 'usd',
    });
    expect(
      verify(
        stripeDisputeEvent('charge.dispute.closed', { paymentIntent: 'pi_map', amount: 4000, status: 'won' }),
      ).kind,
    ).toBe('dispute.won');
    expect(
      verify(
        stripeDisputeEvent('charge.dispute.closed', {
          paymentIntent: 'pi_map',
          amount: 4000,
          status: 'warning_closed',
        }),
      ).kind,
    ).toBe('dispute.won');
    expect(
      verify(
        stripeDisputeEvent('charge.dispute.closed', {
          paymentIntent: 'pi_map',
          amount: 4000,
          status: 'lost',
        }),
      ).kind,
    ).toBe('dispute.lost');
  });

  it('ignores other event types', () => {
    const result = verify(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    expect(result).toMatchObject({ kind: 'ignored', type: 'customer.created' });
    expect(result.orderId).toBeUndefined();
  });
});

describe('StripeGateway off-session charges (the fake answers as the SDK types Stripe’s objects)', () => {
  function verify(payload: object) {
    const body = JSON.stringify(payload);
    return gateway.verifyWebhook(Buffer.from(body), { 'stripe-signature': signStripe(body, SECRET) });
  }

  async function savedMethod() {
    const customerId = await gateway.createCustomer({
      walletId: randomUUID(),
      email: 'saver@example.com',
      name: null,
    });
    const { sessionId } = await gateway.createCheckout({
      ...order,
      orderId: randomUUID(),
      saveForCustomer: customerId,
    });
    const paid = fake.markPaid(sessionId);
    const method = await gateway.readSavedPaymentMethod(paid.payment_intent!);
    expect(method).toEqual({
      customerId,
      paymentMethodId: expect.stringMatching(/^pm_/),
      brand: 'visa',
      last4: '4242',
    });
    return method!;
  }

  function charge(method: SavedPaymentMethodDetails): OffSessionCharge {
    return {
      attemptId: randomUUID(),
      attemptCreatedAt: new Date(),
      resumed: false,
      orderId: randomUUID(),
      customerId: method.customerId,
      paymentMethodId: method.paymentMethodId,
      credits: 100,
      amount: 1800,
      currency: 'usd',
    };
  }

  it('answers succeeded, processing, a decline with its decline code, and both ways a bank asks for the customer', async () => {
    const method = await savedMethod();
    expect(await gateway.chargeOffSession(charge(method))).toEqual({
      outcome: 'succeeded',
      paymentId: expect.stringMatching(/^pi_/),
      amount: 1800,
      currency: 'usd',
    });
    fake.chargeOutcomes.push('processing', 'decline', 'authentication_required', 'requires_action');
    expect(await gateway.chargeOffSession(charge(method))).toMatchObject({ outcome: 'processing' });
    const declined = await gateway.chargeOffSession(charge(method));
    expect(declined).toEqual({
      outcome: 'declined',
      failureCode: 'insufficient_funds',
      paymentId: expect.stringMatching(/^pi_/),
    });
    expect(await gateway.chargeOffSession(charge(method))).toMatchObject({ outcome: 'requires_action' });
    const action = await gateway.chargeOffSession(charge(method));
    expect(action).toMatchObject({ outcome: 'requires_action' });
    const waiting = fake.paymentIntents.get((action as { paymentId: string }).paymentId)!;
    expect(waiting).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
  });

  it('maps payment_intent.payment_failed as the charge’s own answer reads the same failure', async () => {
    const method = await savedMethod();
    fake.chargeOutcomes.push('decline', 'authentication_required');
    const declinedCharge = charge(method);
    const declined = await gateway.chargeOffSession(declinedCharge);
    const declinedIntent = fake.paymentIntents.get((declined as { paymentId: string }).paymentId)!;
    expect(declinedIntent.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      payment_method: { id: method.paymentMethodId, object: 'payment_method' },
    });
    expect(verify(stripeEvent('payment_intent.payment_failed', { ...declinedIntent }))).toMatchObject({
      kind: 'checkout.failed',
      autoTopUpOnly: true,
      orderId: declinedCharge.orderId,
      paymentId: declinedIntent.id,
      currency: 'usd',
      failureCode: (declined as { failureCode: string }).failureCode,
      requiresAction: false,
    });

    const authentication = await gateway.chargeOffSession(charge(method));
    const authIntent = fake.paymentIntents.get((authentication as { paymentId: string }).paymentId)!;
    expect(verify(stripeEvent('payment_intent.payment_failed', { ...authIntent }))).toMatchObject({
      kind: 'checkout.failed',
      failureCode: 'authentication_required',
      requiresAction: true,
    });

    // No decline code (an expired card, say): Stripe's error code says why.
    const expired = verify(
      stripeEvent('payment_intent.payment_failed', {
        ...declinedIntent,
        last_payment_error: { type: 'card_error', code: 'expired_card' },
      }),
    );
    expect(expired).toMatchObject({ failureCode: 'expired_card', requiresAction: false });
    expect(
      verify(stripeEvent('payment_intent.payment_failed', { ...declinedIntent, last_payment_error: null })),
    ).toMatchObject({ kind: 'checkout.failed', failureCode: 'payment_failed' });
  });
});
