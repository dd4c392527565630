import type Stripe from 'stripe';
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
 * What an off-session confirmation answers:
 * - `decline`: 402 `card_error` (`card_declined`, decline code `insufficient_funds`);
 * - `authentication_required`: 402 `card_error` with that code, as Stripe answers an off-session payment
 *   whose bank wants the customer present;
 * - `requires_action`: 200, the PaymentIntent waiting in `requires_action` with its `next_action`;
 * - `processing`: 200, still settling.
 * In each failed case the PaymentIntent returns to `requires_payment_method` and its `last_payment_error` says why.
 */
export type FakeStripeChargeOutcome =
  'decline' | 'authentication_required' | 'requires_action' | 'processing';

/**
 * A local stand-in for the Stripe API (`STRIPE_API_URL`): `POST /v1/checkout/sessions`,
 * `GET /v1/checkout/sessions/:id`, `GET /v1/charges/:id`, `POST /v1/customers`, `POST /v1/payment_intents`
 * (off-session confirm), `GET /v1/payment_intents/:id`, `GET /v1/payment_methods/:id` and
 * `POST /v1/payment_methods/:id/detach`. Like Stripe, it replays the first answer for a repeated
 * `Idempotency-Key`, so a retried create returns the same object. Customers, PaymentMethods and
 * PaymentIntents are built as the installed SDK types them (`satisfies Stripe.…`), field by field.
 */
export class FakeStripeServer extends FakeProviderServer {
  readonly sessions = new Map<string, FakeStripeSession>();
  /** Charges `GET /v1/charges/:id` answers (a dispute that names only its charge is looked up there). */
  readonly charges = new Map<string, Record<string, unknown>>();
  readonly customers = new Map<string, Stripe.Customer>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>();
  /** A status the detach of these methods answers, until `recover()` (an outage of that one call). */
  readonly detachFailures = new Map<string, number>();
  /** What the next off-session confirmations answer, in order (then: succeed). */
  readonly chargeOutcomes: FakeStripeChargeOutcome[] = [];
  /** PaymentIntents created by an off-session confirm (a PaymentIntent itself does not say so). */
  private readonly offSession = new Set<string>();
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

  /** Off-session PaymentIntents actually created (an idempotent replay is not counted). */
  get paymentIntentsCreated(): Stripe.PaymentIntent[] {
    return [...this.paymentIntents.values()].filter((intent) => this.offSession.has(intent.id));
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
        paymentIntent(session.payment_intent, session.amount_total, session.currency, {
          customer: session.customer,
          payment_method: method?.id ?? null,
          metadata: session.metadata,
          status: 'succeeded',
          setup_future_usage: session.customer ? 'off_session' : null,
        }),
      );
    }
    return session;
  }

  /**
   * The customer tried a card on the Checkout page and it was declined: the session stays open, and its
   * PaymentIntent (carrying the session's metadata) waits for another method, saying why in
   * `last_payment_error`. Returns that PaymentIntent, as `payment_intent.payment_failed` carries it.
   */
  declineCheckoutPayment(sessionId: string): Stripe.PaymentIntent {
    const session = this.session(sessionId);
    session.payment_intent ??= randomId('pi_test_');
    const intent = paymentIntent(session.payment_intent, session.amount_total, session.currency, {
      customer: session.customer,
      payment_method: null,
      metadata: session.metadata,
      status: 'requires_payment_method',
    });
    intent.last_payment_error = cardError('decline', intent, this.newPaymentMethod(session.customer));
    this.paymentIntents.set(intent.id, intent);
    return intent;
  }

  /**
   * What Stripe does to a PaymentIntent that was still `processing` when it fails later (the answer the
   * service got said processing): back to `requires_payment_method`, with the card error in
   * `last_payment_error`. Returns it, as `payment_intent.payment_failed` carries it.
   */
  failPaymentIntent(id: string, outcome: 'decline' | 'authentication_required'): Stripe.PaymentIntent {
    const intent = this.paymentIntents.get(id);
    const methodId = typeof intent?.payment_method === 'string' ? intent.payment_method : undefined;
    const method = methodId ? this.paymentMethods.get(methodId) : undefined;
    if (!intent || !method) throw new Error(`fake Stripe has no PaymentIntent ${id} with a payment method`);
    intent.status = 'requires_payment_method';
    intent.processing = null;
    intent.last_payment_error = cardError(outcome, intent, method);
    intent.payment_method = null;
    return intent;
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
    const customer = {
      id: randomId('cus_test_'),
      object: 'customer',
      address: null,
      balance: 0,
      created: Math.floor(Date.now() / 1000),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: body.email ?? null,
      invoice_prefix: randomId('', 4).toUpperCase(),
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: false,
      metadata: body.metadata ?? {},
      name: body.name ?? null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    } satisfies Stripe.Customer;
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  private newPaymentMethod(customer: string | null): Stripe.PaymentMethod {
    const method = {
      id: randomId('pm_test_'),
      object: 'payment_method',
      allow_redisplay: 'unspecified',
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        email: null,
        name: null,
        phone: null,
        tax_id: null,
      },
      card: {
        brand: 'visa',
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        country: 'US',
        display_brand: 'visa',
        exp_month: 12,
        exp_year: 2034,
        fingerprint: randomId('', 8),
        funding: 'credit',
        generated_from: null,
        last4: '4242',
        networks: { available: ['visa'], preferred: null },
        regulated_status: 'unregulated',
        three_d_secure_usage: { supported: true },
        wallet: null,
      },
      created: Math.floor(Date.now() / 1000),
      customer,
      customer_account: null,
      livemode: false,
      metadata: {},
      type: 'card',
    } satisfies Stripe.PaymentMethod;
    this.paymentMethods.set(method.id, method);
    return method;
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
      description?: string;
      automatic_payment_methods?: { enabled?: string; allow_redirects?: 'always' | 'never' };
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
    const automatic = body.automatic_payment_methods;
    const intent = paymentIntent(randomId('pi_test_'), Number(body.amount), String(body.currency), {
      customer: body.customer ?? null,
      payment_method: method.id,
      metadata: body.metadata ?? {},
      description: body.description ?? null,
      automatic_payment_methods:
        automatic?.enabled === 'true'
          ? {
              enabled: true,
              ...(automatic.allow_redirects ? { allow_redirects: automatic.allow_redirects } : {}),
            }
          : null,
      status:
        outcome === undefined
          ? 'succeeded'
          : outcome === 'processing'
            ? 'processing'
            : outcome === 'requires_action'
              ? 'requires_action'
              : 'requires_payment_method',
    });
    if (outcome === 'requires_action') {
      intent.next_action = {
        type: 'use_stripe_sdk',
        use_stripe_sdk: {
          type: 'three_d_secure_redirect',
          stripe_js: 'https://hooks.stripe.com/3d_secure_2/',
        },
      };
    }
    this.paymentIntents.set(intent.id, intent);
    this.offSession.add(intent.id);
    if (outcome === 'decline' || outcome === 'authentication_required') {
      const error = cardError(outcome, intent, method);
      // A failed confirmation leaves the PaymentIntent without a method; the error names the one that failed.
      intent.last_payment_error = error;
      intent.payment_method = null;
      return { status: 402, body: { error: { ...error, payment_intent: intent } } };
    }
    return { status: 200, body: intent };
  }

  override recover(): void {
    super.recover();
    this.detachFailures.clear();
  }

  private detachPaymentMethod(id: string) {
    const failure = this.detachFailures.get(id);
    if (failure) return { status: failure, body: stripeError(failure) };
    const method = this.paymentMethods.get(id);
    if (!method) return { status: 404, body: stripeError(404) };
    if (method.customer === null)
      return {
        status: 400,
        body: {
          error: {
            type: 'invalid_request_error',
            message:
              'The payment method you provided is not attached to a customer so detachment is impossible.',
          },
        },
      };
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

/**
 * A PaymentIntent as Stripe answers it, with the service's fields (`status`, amounts, `customer`,
 * `payment_method`, `metadata`, `last_payment_error`, `next_action`) set by the caller.
 */
function paymentIntent(
  id: string,
  amount: number,
  currency: string,
  fields: Pick<Stripe.PaymentIntent, 'customer' | 'payment_method' | 'metadata' | 'status'> &
    Partial<Pick<Stripe.PaymentIntent, 'description' | 'automatic_payment_methods' | 'setup_future_usage'>>,
): Stripe.PaymentIntent {
  const succeeded = fields.status === 'succeeded';
  const charged = succeeded || fields.status === 'processing' || fields.status === 'requires_payment_method';
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: succeeded ? amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomId('', 12)}`,
    confirmation_method: 'automatic',
    created: Math.floor(Date.now() / 1000),
    currency,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: charged ? randomId('ch_test_') : null,
    livemode: false,
    managed_payments: null,
    next_action: null,
    on_behalf_of: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_record: null,
    processing: fields.status === 'processing' ? { type: 'card' } : null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_group: null,
    ...fields,
  } satisfies Stripe.PaymentIntent;
}

/**
 * The card error of a failed off-session confirm, as Stripe puts it in the 402 body (with `payment_intent`)
 * and in the PaymentIntent's `last_payment_error`.
 */
function cardError(
  outcome: 'decline' | 'authentication_required',
  intent: Stripe.PaymentIntent,
  method: Stripe.PaymentMethod,
): Stripe.PaymentIntent.LastPaymentError {
  const code = outcome === 'decline' ? 'card_declined' : 'authentication_required';
  return {
    type: 'card_error',
    code,
    decline_code: outcome === 'decline' ? 'insufficient_funds' : 'authentication_required',
    message:
      outcome === 'decline'
        ? 'Your card has insufficient funds.'
        : 'Your card was declined. This transaction requires authentication.',
    doc_url: `https://docs.stripe.com/error-codes/${code.replaceAll('_', '-')}`,
    ...(typeof intent.latest_charge === 'string' ? { charge: intent.latest_charge } : {}),
    payment_method: method,
    request_log_url: `https://dashboard.stripe.com/test/logs/${randomId('req_', 7)}`,
  } satisfies Stripe.PaymentIntent.LastPaymentError;
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
