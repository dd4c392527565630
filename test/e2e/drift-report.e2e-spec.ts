import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrder, createUser, type TestUser } from '../support/factories.js';
import { FakeProviderServer, type RecordedRequest } from '../support/fake-provider-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { postStripe, STRIPE_WEBHOOK_SECRET } from '../support/webhook-requests.js';
import { stripeCheckoutEvent } from '../support/webhook-signers.js';

interface ListedIntent {
  id: string;
  status: string;
  amount_received: number;
  currency: string;
  created: number;
}
interface ListedRefund {
  id: string;
  status: string;
  payment_intent: string;
  amount: number;
  currency: string;
  created: number;
}

/** Stripe's list endpoints the drift report reads (GET /v1/payment_intents, /v1/refunds), filtered by `created`. */
class FakeStripeLedger extends FakeProviderServer {
  readonly intents: ListedIntent[] = [];
  readonly refunds: ListedRefund[] = [];

  constructor() {
    super(
      [
        [
          'GET',
          /^\/v1\/payment_intents$/,
          (request) => this.list(request, this.intents, '/v1/payment_intents'),
        ],
        ['GET', /^\/v1\/refunds$/, (request) => this.list(request, this.refunds, '/v1/refunds')],
      ],
      (status) => ({
        error: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: 'fake' },
      }),
      (raw) => raw,
    );
  }

  private list(request: RecordedRequest, items: { created: number }[], url: string) {
    const gte = Number(request.query.get('created[gte]') ?? 0);
    const lt = Number(request.query.get('created[lt]') ?? Number.MAX_SAFE_INTEGER);
    const data = items.filter((item) => item.created >= gte && item.created < lt);
    return { status: 200, body: { object: 'list', data, has_more: false, url } };
  }
}

const now = () => Math.floor(Date.now() / 1000);

describe('GET /api/admin/reconciliation/report', () => {
  let t: TestApp;
  let stripe: FakeStripeLedger;
  let admin: TestUser;
  let buyer: TestUser;
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = () => new Date(Date.now() + 60_000).toISOString();

  /** An order credited through a real webhook, paid with `paymentIntent`. */
  async function credited(paymentIntent: string, amount = 1800) {
    const order = await createOrder(t, buyer.id, { amount });
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', {
        id: order.providerSessionId!,
        orderId: order.id,
        amountTotal: amount,
        paymentIntent,
      }),
    ).expect(200);
    return order;
  }

  beforeAll(async () => {
    stripe = await new FakeStripeLedger().listen();
    t = await createTestApp({
      env: { STRIPE_SECRET_KEY: 'sk_test_drift', STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url },
      captureLogs: true,
    });
    admin = await createUser(t, { role: 'ADMIN' });
    buyer = await createUser(t);
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('is in sync when every payment is credited and nothing else is', async () => {
    await credited('pi_in_sync');
    stripe.intents.push({
      id: 'pi_in_sync',
      status: 'succeeded',
      amount_received: 1800,
      currency: 'usd',
      created: now(),
    });
    // Not succeeded: not a payment to compare.
    stripe.intents.push({
      id: 'pi_abandoned',
      status: 'canceled',
      amount_received: 0,
      currency: 'usd',
      created: now(),
    });

    const { body } = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from, to: to() })
      .set(admin.auth)
      .expect(200);
    expect(body.inSync).toBe(true);
    const stripeReport = body.providers.find((p: { provider: string }) => p.provider === 'stripe');
    expect(stripeReport).toMatchObject({
      compared: true,
      providerPayments: { count: 1, amounts: { usd: 1800 } },
      ledgerPurchases: { count: 1, amounts: { usd: 1800 } },
      differences: [],
    });
    // The sandbox keeps no records of its own: listed, not compared.
    expect(body.providers.find((p: { provider: string }) => p.provider === 'sandbox')).toMatchObject({
      compared: false,
      differences: [],
    });
  });

  it('reports each kind of drift, logs it and sets the gauge', async () => {
    // Paid at the provider, never credited (the webhook and reconciliation both missed it).
    stripe.intents.push({
      id: 'pi_lost',
      status: 'succeeded',
      amount_received: 900,
      currency: 'usd',
      created: now(),
    });
    // Credited, but the provider took another amount.
    const mismatched = await credited('pi_mismatch');
    stripe.intents.push({
      id: 'pi_mismatch',
      status: 'succeeded',
      amount_received: 1700,
      currency: 'usd',
      created: now(),
    });
    // Credited, and the provider has no such payment.
    const phantom = await credited('pi_phantom');
    // Refunded at the provider, no clawback in the ledger.
    stripe.refunds.push({
      id: 're_missed',
      status: 'succeeded',
      payment_intent: 'pi_in_sync',
      amount: 1800,
      currency: 'usd',
      created: now(),
    });

    const { body } = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from, to: to() })
      .set(admin.auth)
      .expect(200);
    expect(body.inSync).toBe(false);
    const differences = body.providers.find((p: { provider: string }) => p.provider === 'stripe').differences;
    expect(differences).toHaveLength(4);
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'paid_not_credited', paymentId: 'pi_lost', providerAmount: 900 }),
        expect.objectContaining({
          kind: 'amount_mismatch',
          paymentId: 'pi_mismatch',
          orderId: mismatched.id,
          providerAmount: 1700,
          ledgerAmount: 1800,
        }),
        expect.objectContaining({
          kind: 'credited_without_payment',
          paymentId: 'pi_phantom',
          orderId: phantom.id,
        }),
        expect.objectContaining({
          kind: 'refunded_not_clawed_back',
          refundId: 're_missed',
          paymentId: 'pi_in_sync',
        }),
      ]),
    );

    await vi.waitFor(() =>
      expect(t.logs.join('')).toContain('Drift between the payment providers and the ledger'),
    );
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^forge_reconciliation_drift_items 4$/m);
  });

  it('asks the provider for a window one hour wider than the report, so that edges are not drift', () => {
    const listed = stripe.requestsTo('GET', '/v1/payment_intents').at(-1)!;
    const gte = Number(listed.query.get('created[gte]'));
    expect(gte).toBeLessThanOrEqual(Math.floor(new Date(from).getTime() / 1000) - 3600);
  });

  it('refuses an inverted or too long window with 400, and non-admins with 403', async () => {
    const inverted = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from: to(), to: from })
      .set(admin.auth);
    expect(inverted.status).toBe(400);
    expect(inverted.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const long = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' })
      .set(admin.auth);
    expect(long.status).toBe(400);
    const garbage = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from: 'yesterday' })
      .set(admin.auth);
    expect(garbage.status).toBe(400);
    await t.http.get('/api/admin/reconciliation/report').set(buyer.auth).expect(403);
  });

  it('answers 502 when the provider does not answer', async () => {
    stripe.failNext(500, 10);
    const response = await t.http
      .get('/api/admin/reconciliation/report')
      .query({ from, to: to() })
      .set(admin.auth);
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
  });
});
