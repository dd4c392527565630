import { FakeProviderServer, randomId, type RecordedRequest } from './fake-provider-server.js';

export type { RecordedRequest } from './fake-provider-server.js';

/** The fields of a Stripe Checkout Session the service reads, shaped like the real API's. */
export interface FakeStripeSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  url: string | null;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
}

/**
 * A local stand-in for the Stripe API (`STRIPE_API_URL`): `POST /v1/checkout/sessions`,
 * `GET /v1/checkout/sessions/:id` and `GET /v1/charges/:id`. Like Stripe, it replays the first answer for a repeated
 * `Idempotency-Key`, so a retried create returns the same session.
 */
export class FakeStripeServer extends FakeProviderServer {
  readonly sessions = new Map<string, FakeStripeSession>();
  /** Charges `GET /v1/charges/:id` answers (a dispute that names only its charge is looked up there). */
  readonly charges = new Map<string, Record<string, unknown>>();
  private readonly byIdempotencyKey = new Map<string, FakeStripeSession>();

  constructor() {
    super(
      [
        ['POST', /^\/v1\/checkout\/sessions$/, (request) => this.createSession(request)],
        ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (_request, [id]) => this.retrieveSession(id)],
        ['GET', /^\/v1\/charges\/([^/]+)$/, (_request, [id]) => this.retrieveCharge(id)],
      ],
      stripeError,
      parseStripeForm,
    );
  }

  /** `STRIPE_API_URL` plus test keys, ready to spread into a test app's env. */
  env(webhookSecret = 'whsec_test_fake_stripe_secret'): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: this.url,
    };
  }

  /** The checkout-session creates received, oldest first. */
  get checkoutCreates(): RecordedRequest[] {
    return this.requestsTo('POST', '/v1/checkout/sessions');
  }

  /** What Stripe would report after the customer paid (or, with `unpaid`, chose an async method). */
  markPaid(
    sessionId: string,
    paymentStatus: 'paid' | 'unpaid' | 'no_payment_required' = 'paid',
  ): FakeStripeSession {
    const session = this.session(sessionId);
    session.status = 'complete';
    session.payment_status = paymentStatus;
    session.payment_intent ??= randomId('pi_test_');
    return session;
  }

  expire(sessionId: string): FakeStripeSession {
    const session = this.session(sessionId);
    session.status = 'expired';
    session.url = null;
    return session;
  }

  session(sessionId: string): FakeStripeSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`fake Stripe has no session ${sessionId}`);
    return session;
  }

  private createSession(request: RecordedRequest) {
    const replay = request.idempotencyKey ? this.byIdempotencyKey.get(request.idempotencyKey) : undefined;
    if (replay) return { status: 200, body: replay, headers: { 'idempotent-replayed': 'true' } };
    const body = (request.body ?? {}) as StripeForm;
    const item = body.line_items?.[0];
    const amount = Number(item?.price_data?.unit_amount ?? 0) * Number(item?.quantity ?? 1);
    const id = randomId('cs_test_a1', 24);
    const now = Math.floor(Date.now() / 1000);
    const session: FakeStripeSession = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      url: `https://checkout.stripe.com/c/pay/${id}`,
      amount_subtotal: amount,
      amount_total: amount,
      currency: String(item?.price_data?.currency ?? 'usd').toLowerCase(),
      customer_email: body.customer_email ?? null,
      client_reference_id: body.client_reference_id ?? null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: body.success_url ?? null,
      cancel_url: body.cancel_url ?? null,
      created: now,
      expires_at: now + 24 * 3600,
      livemode: false,
    };
    this.sessions.set(id, session);
    if (request.idempotencyKey) this.byIdempotencyKey.set(request.idempotencyKey, session);
    return { status: 200, body: session };
  }

  private retrieveCharge(id: string) {
    const charge = this.charges.get(id);
    return charge ? { status: 200, body: charge } : { status: 404, body: stripeError(404) };
  }

  private retrieveSession(id: string) {
    const session = this.sessions.get(id);
    return session ? { status: 200, body: session } : { status: 404, body: stripeError(404) };
  }
}

export async function startFakeStripeServer(): Promise<FakeStripeServer> {
  return new FakeStripeServer().listen();
}

interface StripeForm {
  line_items?: Array<{ quantity?: string; price_data?: { currency?: string; unit_amount?: string } }>;
  customer_email?: string;
  client_reference_id?: string;
  metadata?: Record<string, string>;
  success_url?: string;
  cancel_url?: string;
}

function stripeError(status: number) {
  if (status === 404) {
    return {
      error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such checkout.session' },
    };
  }
  const type = status >= 500 ? 'api_error' : status === 429 ? 'rate_limit_error' : 'invalid_request_error';
  return { error: { type, message: `Fake Stripe answered ${status}` } };
}

/**
 * Stripe's SDK sends `application/x-www-form-urlencoded` with bracketed keys
 * (`line_items[0][price_data][unit_amount]=1800`); this rebuilds the nested object, numeric keys
 * becoming arrays. Values stay strings, as Stripe receives them.
 */
function parseStripeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const container = node as Record<string, unknown>;
      if (last) {
        container[part] = value;
        return;
      }
      container[part] ??= /^\d+$/.test(path[index + 1]) ? [] : {};
      node = container[part] as Record<string, unknown>;
    });
  }
  return root;
}
