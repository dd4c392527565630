import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, createUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { postStripe, STRIPE_WEBHOOK_SECRET } from '../support/webhook-requests.js';
import { stripeCheckoutEvent } from '../support/webhook-signers.js';

/** The value of one series in a Prometheus text exposition (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2]?.split(',') ?? [];
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics after a scripted scenario', () => {
  let t: TestApp;
  let text: string;
  beforeAll(async () => {
    t = await createTestApp({
      env: { STRIPE_SECRET_KEY: 'sk_test_metrics_suite', STRIPE_WEBHOOK_SECRET },
    });
    // A 402: no credits for a 10-credit route.
    const poor = await createUser(t);
    await t.http.post('/api/ai/generate').set(poor.auth).send({ prompt: 'hello' }).expect(402);
    // A hold and its settle.
    const rich = await createUser(t, { credits: 100 });
    await t.http.post('/api/ai/generate').set(rich.auth).send({ prompt: 'hello' }).expect(201);
    // A hold voided: the handler rejects the body after the hold (see README, "Hold before validation").
    await t.http.post('/api/ai/generate').set(rich.auth).send({ prompt: '' }).expect(400);
    // A FAILED webhook: the event pays a different amount than the order's.
    const order = await createOrder(t, rich.id, { amount: 1800 });
    const mismatch = stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 1700,
    });
    await postStripe(t, mismatch).expect(200);
    await postStripe(t, mismatch).expect(200);
    // A processed one.
    const paid = await createOrder(t, rich.id);
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', {
        id: paid.providerSessionId!,
        orderId: paid.id,
        amountTotal: 1800,
      }),
    ).expect(200);
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = response.text;
  });
  afterAll(() => t.close());

  it('counts the 402, the hold, the settle and the void', () => {
    expect(sample(text, 'forge_credit_refusals_total')).toBe(1);
    expect(sample(text, 'forge_credit_holds_total')).toBe(2);
    expect(sample(text, 'forge_credit_settles_total')).toBe(1);
    expect(sample(text, 'forge_credit_voids_total')).toBe(1);
    expect(sample(text, 'forge_credit_holds_expired_total')).toBe(0);
  });

  it('counts webhook events by provider and outcome, and the FAILED one as a fulfilment failure', () => {
    expect(sample(text, 'forge_webhook_events_total', { provider: 'stripe', outcome: 'failed' })).toBe(2);
    expect(sample(text, 'forge_webhook_events_total', { provider: 'stripe', outcome: 'processed' })).toBe(1);
    expect(sample(text, 'forge_fulfilment_failures_total', { provider: 'stripe', kind: 'rejected' })).toBe(2);
  });

  it('times HTTP requests by route pattern and status', () => {
    const route = '/api/ai/generate';
    expect(sample(text, 'forge_http_request_duration_seconds_count', { route, status: '402' })).toBe(1);
    expect(sample(text, 'forge_http_request_duration_seconds_count', { route, status: '201' })).toBe(1);
    expect(sample(text, 'forge_http_request_duration_seconds_count', { route, status: '400' })).toBe(1);
    expect(
      sample(text, 'forge_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/payments/stripe/webhook',
        status: '200',
      }),
    ).toBe(3);
  });

  it('declares the counters other features report (outbox, deliveries, auto top-up) and the process metrics', () => {
    for (const name of [
      'forge_outbox_lag_seconds',
      'forge_event_deliveries_total',
      'forge_auto_top_up_attempts_total',
      'forge_reconciliation_credits_total',
      'forge_reconciliation_drift_items',
      'forge_process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('labels unmatched paths as one series, not one per path', async () => {
    await t.http.get('/no/such/path/123').expect(404);
    await t.http.get('/no/such/path/456').expect(404);
    const after = (await t.http.get('/metrics').expect(200)).text;
    expect(
      sample(after, 'forge_http_request_duration_seconds_count', { route: 'unmatched', status: '404' }),
    ).toBe(2);
    expect(after).not.toContain('/no/such/path');
  });

  it('is not part of the API document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).not.toContain('/metrics');
  });
});

describe('METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'metrics-token-for-the-suite-0123456789';
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  it('answers 401 in the contract shape without the token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
      const request = t.http.get('/metrics');
      if (authorization) request.set('Authorization', authorization);
      const response = await request;
      expect(response.status, authorization).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
      expect(response.text).not.toContain('forge_');
    }
  });

  it('serves the metrics with the token', async () => {
    const response = await t.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.text).toContain('# TYPE forge_credit_holds_total counter');
  });

  it('leaves the API and the probes alone', async () => {
    await t.http.get('/api/health').expect(200);
    await t.http.get('/api/billing/packs').expect(200);
  });
});
