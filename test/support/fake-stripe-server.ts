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
  customer: string | null;
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
  readonly customers = new Map<string, FakeStripeCustomer>();
  readonly paymentIntents = new Map<string, FakeStripePaymentIntent>();
  readonly paymentMethods = new Map<string, FakeStripePaymentMethod>();
  /** What the next off-session confirmations answer, in order (then: succeed). */
  readonly chargeOutcomes: Array<'decline' | 'authentication_required' | 'processing'> = [];
  private readonly byIdempotencyKey = new Map<string, FakeStripeSession>();
  private readonly replies = new Map<string, { status: number; body: unknown }>();

  constructor() {
    super(
      [
        ['POST', /^\/v1\/checkout\/sessions$/, (request) => this.createSession(request)],
        ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (_request, [id]) => this.retrieveSession(id)],
        ['GET', /^\/v1\/charges\/([^/]+)$/, (_request, [id]) => this.retrieveCharge(id)],
        [
          'POST',
          /^\/v1\/customers$/,
          (request) => this.idempotent(request, () => this.createCustomer(request)),
        ],
        [
          'POST',
          /^\/v1\/payment_intents$/,
          (request) => this.idempotent(request, () => this.createPaymentIntent(request)),
        ],
        ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (_request, [id]) => found(this.paymentIntents.get(id))],
        ['GET', /^\/v1\/payment_methods\/([^/]+)$/, (_request, [id]) => found(this.paymentMethods.get(id))],
        [
          'POST',
          /^\/v1\/payment_methods\/([^/]+)\/detach$/,
          (_request, [id]) => this.detachPaymentMethod(id),
        ],
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

  /** PaymentIntents actually created (an idempotent replay is not counted). */
  get paymentIntentsCreated(): FakeStripePaymentIntent[] {
    return [...this.paymentIntents.values()].filter((intent) => intent.off_session);
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
    if (!this.paymentIntents.has(session.payment_intent)) {
      // A session with a customer saved the card (setup_future_usage): its PaymentIntent names both.
      const method = session.customer ? this.newPaymentMethod(session.customer) : undefined;
      this.paymentIntents.set(
        session.payment_intent,
        this.intent(session.payment_intent, session.amount_total, session.currency, {
          customer: session.customer,
          payment_method: method?.id ?? null,
          metadata: session.metadata,
          status: 'succeeded',
          off_session: false,
        }),
      );
    }
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
      customer: body.customer ?? null,
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

  /** Like Stripe: the first answer to an Idempotency-Key (success or error) is replayed for every repeat. */
  private idempotent(request: RecordedRequest, create: () => { status: number; body: unknown }) {
    const key = request.idempotencyKey && `${request.path}:${request.idempotencyKey}`;
    const replay = key ? this.replies.get(key) : undefined;
    if (replay) return { ...replay, headers: { 'idempotent-replayed': 'true' } };
    const reply = create();
    if (key) this.replies.set(key, reply);
    return reply;
  }

  private createCustomer(request: RecordedRequest) {
    const body = (request.body ?? {}) as { email?: string; name?: string; metadata?: Record<string, string> };
    const customer: FakeStripeCustomer = {
      id: randomId('cus_test_'),
      object: 'customer',
      email: body.email ?? null,
      name: body.name ?? null,
      metadata: body.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  private newPaymentMethod(customer: string): FakeStripePaymentMethod {
    const method: FakeStripePaymentMethod = {
      id: randomId('pm_test_'),
      object: 'payment_method',
      type: 'card',
      customer,
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, country: 'US', funding: 'credit' },
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    this.paymentMethods.set(method.id, method);
    return method;
  }

  private intent(
    id: string,
    amount: number,
    currency: string,
    fields: Pick<
      FakeStripePaymentIntent,
      'customer' | 'payment_method' | 'metadata' | 'status' | 'off_session'
    >,
  ): FakeStripePaymentIntent {
    return {
      id,
      object: 'payment_intent',
      amount,
      amount_received: fields.status === 'succeeded' ? amount : 0,
      currency,
      created: Math.floor(Date.now() / 1000),
      last_payment_error: null,
      livemode: false,
      ...fields,
    };
  }

  /** Off-session confirm: succeeds unless `chargeOutcomes` says otherwise (card errors answer 402 like Stripe). */
  private createPaymentIntent(request: RecordedRequest) {
    const body = (request.body ?? {}) as {
      amount?: string;
      currency?: string;
      customer?: string;
      payment_method?: string;
      metadata?: Record<string, string>;
      confirm?: string;
      off_session?: string;
    };
    const method = body.payment_method ? this.paymentMethods.get(body.payment_method) : undefined;
    if (
      !method ||
      method.customer !== body.customer ||
      body.confirm !== 'true' ||
      body.off_session !== 'true'
    ) {
      return {
        status: 400,
        body: { error: { type: 'invalid_request_error', message: 'Bad off-session confirm' } },
      };
    }
    const outcome = this.chargeOutcomes.shift();
    const status =
      outcome === undefined
        ? 'succeeded'
        : outcome === 'processing'
          ? 'processing'
          : 'requires_payment_method';
    const intent = this.intent(randomId('pi_test_'), Number(body.amount), String(body.currency), {
      customer: body.customer ?? null,
      payment_method: method.id,
      metadata: body.metadata ?? {},
      status: outcome === 'authentication_required' ? 'requires_action' : status,
      off_session: true,
    });
    this.paymentIntents.set(intent.id, intent);
    if (outcome === 'decline' || outcome === 'authentication_required') {
      const code = outcome === 'decline' ? 'card_declined' : 'authentication_required';
      intent.last_payment_error = { type: 'card_error', code };
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code,
            decline_code: outcome === 'decline' ? 'insufficient_funds' : 'authentication_required',
            message: 'Your card was declined.',
            payment_intent: intent,
          },
        },
      };
    }
    return { status: 200, body: intent };
  }

  private detachPaymentMethod(id: string) {
    const method = this.paymentMethods.get(id);
    if (!method) return { status: 404, body: stripeError(404) };
    method.customer = null;
    return { status: 200, body: method };
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

/** Fields of a Stripe Customer the service reads (Stripe.Customer). */
export interface FakeStripeCustomer {
  id: string;
  object: 'customer';
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

/** Fields of a Stripe PaymentMethod the service reads (Stripe.PaymentMethod): brand and last4, nothing more is stored. */
export interface FakeStripePaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: {
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    country: string;
    funding: string;
  };
  created: number;
  livemode: false;
}

/** Fields of a Stripe PaymentIntent the service reads (Stripe.PaymentIntent). */
export interface FakeStripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  metadata: Record<string, string>;
  status: 'succeeded' | 'processing' | 'requires_action' | 'requires_payment_method';
  off_session: boolean;
  last_payment_error: { type: string; code: string } | null;
  created: number;
  livemode: false;
}

function found(object: unknown) {
  return object ? { status: 200, body: object } : { status: 404, body: stripeError(404) };
}

export async function startFakeStripeServer(): Promise<FakeStripeServer> {
  return new FakeStripeServer().listen();
}

interface StripeForm {
  line_items?: Array<{ quantity?: string; price_data?: { currency?: string; unit_amount?: string } }>;
  customer_email?: string;
  customer?: string;
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
