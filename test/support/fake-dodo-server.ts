import { FakeProviderServer, randomId, type RecordedRequest } from './fake-provider-server.js';

export type { RecordedRequest } from './fake-provider-server.js';

interface FakeDodoSession {
  id: string;
  checkout_url: string;
  created_at: string;
  request: DodoCheckoutBody;
  payment_id: string | null;
  payment_status: string | null;
}

/** A Dodo `Payment`, with the fields the service reads (see dodopayments/resources/payments.d.ts). */
export interface FakeDodoPayment {
  payment_id: string;
  business_id: string;
  brand_id: string;
  checkout_session_id: string;
  created_at: string;
  currency: string;
  total_amount: number;
  tax: number;
  settlement_amount: number;
  settlement_currency: string;
  status: 'succeeded' | 'failed' | 'processing' | 'cancelled' | 'requires_customer_action';
  metadata: Record<string, string>;
  customer: { customer_id: string; email: string; name: string };
  billing: Record<string, unknown>;
  refunds: unknown[];
  disputes: unknown[];
  digital_products_delivered: boolean;
  is_multi_subscription: boolean;
  is_update_payment_method: boolean;
  payment_provider: 'dodo';
  retry_attempt: number;
  subscription_ids: string[];
  subscription_id: string | null;
  card_network: string | null;
  card_last_four: string | null;
  error_code: string | null;
}

/** A Dodo `Customer` (dodopayments/resources/customers/customers.d.ts). */
export interface FakeDodoCustomer {
  business_id: string;
  created_at: string;
  customer_id: string;
  email: string;
  name: string;
  metadata: Record<string, string>;
  phone_number: string | null;
}

/** A Dodo `Subscription` (dodopayments/resources/subscriptions.d.ts): an on-demand one. */
export interface FakeDodoSubscription {
  subscription_id: string;
  addons: unknown[];
  billing: Record<string, unknown>;
  brand_id: string;
  cancel_at_next_billing_date: boolean;
  created_at: string;
  credit_entitlement_cart: unknown[];
  currency: string;
  customer: { customer_id: string; email: string; name: string };
  has_payment_method: boolean;
  metadata: Record<string, string>;
  meter_credit_entitlement_cart: unknown[];
  meters: unknown[];
  next_billing_date: string;
  on_demand: boolean;
  payment_frequency_count: number;
  payment_frequency_interval: 'Month';
  previous_billing_date: string;
  product_id: string;
  quantity: number;
  recurring_pre_tax_amount: number;
  status: 'pending' | 'active' | 'on_hold' | 'cancelled' | 'failed' | 'expired';
  subscription_period_count: number;
  subscription_period_interval: 'Year';
  tax_inclusive: boolean;
  trial_period_days: number;
  cancelled_at: string | null;
}

interface DodoCheckoutBody {
  product_cart?: Array<{ product_id: string; quantity: number; amount?: number }>;
  customer?: { email?: string; name?: string; customer_id?: string };
  billing_address?: Record<string, unknown>;
  metadata?: Record<string, string>;
  return_url?: string;
  subscription_data?: {
    on_demand?: { mandate_only: boolean; product_price?: number; product_currency?: string };
    trial_period_days?: number;
  };
}

interface DodoChargeBody {
  product_price?: number;
  product_currency?: string;
  product_description?: string;
  metadata?: Record<string, string>;
}

/** The on-demand subscription product the fake knows (`DODO_AUTO_TOP_UP_PRODUCT_ID`). */
export const FAKE_DODO_TOP_UP_PRODUCT = 'pdt_fake_top_up';

/**
 * A local stand-in for the Dodo Payments API (`DODO_PAYMENTS_BASE_URL`): checkouts (one-time, or starting an
 * on-demand subscription), payments (retrieve, list), products, customers and on-demand subscriptions
 * (retrieve, cancel, charge) — the paths the dodopayments SDK calls. Like Dodo, it takes no idempotency key:
 * every charge request it handles is a new payment.
 */
export class FakeDodoServer extends FakeProviderServer {
  readonly sessions = new Map<string, FakeDodoSession>();
  readonly payments = new Map<string, FakeDodoPayment>();
  readonly customers = new Map<string, FakeDodoCustomer>();
  readonly subscriptions = new Map<string, FakeDodoSubscription>();
  /** Every payment `POST /subscriptions/:id/charge` created, oldest first. */
  readonly charges: FakeDodoPayment[] = [];
  /** What the next charges' payments become, in order (then: succeeded). */
  readonly chargeOutcomes: Array<'decline' | 'processing' | 'requires_action'> = [];
  /**
   * Products `GET /products/:id` answers; the credits product (`pdt_fake_credits`) is a pay-what-you-want
   * one-time price without discount, parity pricing or tax included, as the service requires at boot; the
   * auto top-up product a plain subscription.
   */
  readonly products = new Map<string, FakeDodoProduct>([
    ['pdt_fake_credits', fakeCreditsProduct()],
    [FAKE_DODO_TOP_UP_PRODUCT, fakeAutoTopUpProduct()],
  ]);

  constructor() {
    super(
      [
        ['POST', /^\/checkouts$/, (request) => this.createSession(request)],
        ['GET', /^\/checkouts\/([^/]+)$/, (_request, [id]) => this.retrieveSession(id)],
        ['GET', /^\/payments$/, (request) => this.listPayments(request)],
        ['GET', /^\/payments\/([^/]+)$/, (_request, [id]) => this.retrievePayment(id)],
        ['GET', /^\/products\/([^/]+)$/, (_request, [id]) => this.retrieveProduct(id)],
        ['POST', /^\/customers$/, (request) => this.createCustomer(request)],
        ['GET', /^\/subscriptions\/([^/]+)$/, (_request, [id]) => found(this.subscriptions.get(id))],
        ['PATCH', /^\/subscriptions\/([^/]+)$/, (request, [id]) => this.updateSubscription(id, request)],
        ['POST', /^\/subscriptions\/([^/]+)\/charge$/, (request, [id]) => this.charge(id, request)],
      ],
      (status) => ({
        code: status === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR',
        message: `Fake Dodo answered ${status}`,
      }),
      (raw) => JSON.parse(raw),
    );
  }

  /** Dodo variables for a test app's env; the webhook key is a valid Standard Webhooks secret. */
  env(webhookKey = 'whsec_ZmFrZS1kb2RvLXdlYmhvb2sta2V5LWZvci10ZXN0cw=='): Record<string, string> {
    return {
      DODO_PAYMENTS_API_KEY: 'dodo_test_fake_key',
      DODO_PAYMENTS_WEBHOOK_KEY: webhookKey,
      DODO_CREDITS_PRODUCT_ID: 'pdt_fake_credits',
      DODO_PAYMENTS_BASE_URL: this.url,
    };
  }

  get checkoutCreates(): RecordedRequest[] {
    return this.requestsTo('POST', '/checkouts');
  }

  /** Charges of one subscription that became payments. */
  chargesOf(subscriptionId: string): FakeDodoPayment[] {
    return this.charges.filter((payment) => payment.subscription_id === subscriptionId);
  }

  /**
   * The customer paid: a payment for the session's amount plus `tax` (Dodo's `total_amount` includes
   * tax). Returns the payment, ready for `dodoPaymentEvent`.
   */
  markPaid(
    sessionId: string,
    options: { tax?: number; status?: FakeDodoPayment['status']; currency?: string } = {},
  ): FakeDodoPayment {
    const session = this.session(sessionId);
    const onDemand = session.request.subscription_data?.on_demand;
    const amount = onDemand
      ? (onDemand.product_price ?? 0)
      : (session.request.product_cart?.[0]?.amount ?? 0);
    const known = session.request.customer?.customer_id
      ? this.customers.get(session.request.customer.customer_id)
      : undefined;
    const customer = {
      customer_id: known?.customer_id ?? 'cus_fake',
      email: known?.email ?? session.request.customer?.email ?? '',
      name: known?.name ?? session.request.customer?.name ?? '',
    };
    const status = options.status ?? 'succeeded';
    // A checkout with `subscription_data.on_demand` starts the subscription its first payment belongs to.
    const subscription =
      onDemand && status === 'succeeded' ? this.startSubscription(session, customer, amount) : undefined;
    const payment = this.payment({
      payment_id: session.payment_id ?? randomId('pay_'),
      checkout_session_id: session.id,
      currency: options.currency ?? 'USD',
      amount,
      tax: options.tax ?? 0,
      status,
      metadata: session.request.metadata ?? {},
      customer,
      billing: session.request.billing_address ?? { country: 'US' },
      subscription_id: subscription?.subscription_id ?? null,
    });
    session.payment_id = payment.payment_id;
    session.payment_status = payment.status;
    return payment;
  }

  private payment(fields: {
    payment_id?: string;
    checkout_session_id: string;
    currency: string;
    amount: number;
    tax: number;
    status: FakeDodoPayment['status'];
    metadata: Record<string, string>;
    customer: FakeDodoPayment['customer'];
    billing: Record<string, unknown>;
    subscription_id: string | null;
  }): FakeDodoPayment {
    const { amount, tax } = fields;
    const payment: FakeDodoPayment = {
      payment_id: fields.payment_id ?? randomId('pay_'),
      business_id: 'bus_fake',
      brand_id: 'bra_fake',
      checkout_session_id: fields.checkout_session_id,
      created_at: new Date().toISOString(),
      currency: fields.currency,
      total_amount: amount + tax,
      tax,
      settlement_amount: amount + tax,
      settlement_currency: 'USD',
      status: fields.status,
      metadata: fields.metadata,
      customer: fields.customer,
      billing: fields.billing,
      refunds: [],
      disputes: [],
      digital_products_delivered: false,
      is_multi_subscription: false,
      is_update_payment_method: false,
      payment_provider: 'dodo',
      retry_attempt: 0,
      subscription_ids: fields.subscription_id ? [fields.subscription_id] : [],
      subscription_id: fields.subscription_id,
      card_network: 'VISA',
      card_last_four: '4242',
      error_code: fields.status === 'failed' ? 'INSUFFICIENT_FUNDS' : null,
    };
    this.payments.set(payment.payment_id, payment);
    return payment;
  }

  private startSubscription(
    session: FakeDodoSession,
    customer: FakeDodoPayment['customer'],
    amount: number,
  ): FakeDodoSubscription {
    const now = new Date().toISOString();
    const subscription: FakeDodoSubscription = {
      subscription_id: randomId('sub_'),
      addons: [],
      billing: session.request.billing_address ?? { country: 'US' },
      brand_id: 'bra_fake',
      cancel_at_next_billing_date: false,
      created_at: now,
      credit_entitlement_cart: [],
      currency: session.request.subscription_data?.on_demand?.product_currency ?? 'USD',
      customer,
      has_payment_method: true,
      metadata: session.request.metadata ?? {},
      meter_credit_entitlement_cart: [],
      meters: [],
      next_billing_date: now,
      on_demand: true,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      previous_billing_date: now,
      product_id: session.request.product_cart?.[0]?.product_id ?? '',
      quantity: 1,
      recurring_pre_tax_amount: amount,
      status: 'active',
      subscription_period_count: 10,
      subscription_period_interval: 'Year',
      tax_inclusive: false,
      trial_period_days: 0,
      cancelled_at: null,
    };
    this.subscriptions.set(subscription.subscription_id, subscription);
    return subscription;
  }

  private createCustomer(request: RecordedRequest) {
    const body = (request.body ?? {}) as { email?: string; name?: string; metadata?: Record<string, string> };
    if (!body.email || !body.name)
      return { status: 422, body: { code: 'INVALID_REQUEST', message: 'email and name' } };
    const customer: FakeDodoCustomer = {
      business_id: 'bus_fake',
      created_at: new Date().toISOString(),
      customer_id: randomId('cus_'),
      email: body.email,
      name: body.name,
      metadata: body.metadata ?? {},
      phone_number: null,
    };
    this.customers.set(customer.customer_id, customer);
    return { status: 200, body: customer };
  }

  private updateSubscription(id: string, request: RecordedRequest) {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return notFound('Subscription');
    const body = (request.body ?? {}) as { status?: FakeDodoSubscription['status'] };
    if (body.status) subscription.status = body.status;
    if (body.status === 'cancelled') subscription.cancelled_at = new Date().toISOString();
    return { status: 200, body: subscription };
  }

  /** `subscriptions.charge`: a new payment on an active on-demand subscription, every time it is asked. */
  private charge(id: string, request: RecordedRequest) {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return notFound('Subscription');
    const body = (request.body ?? {}) as DodoChargeBody;
    if (
      !subscription.on_demand ||
      subscription.status !== 'active' ||
      typeof body.product_price !== 'number'
    ) {
      return { status: 422, body: { code: 'INVALID_REQUEST', message: 'Subscription cannot be charged' } };
    }
    const outcome = this.chargeOutcomes.shift();
    const payment = this.payment({
      checkout_session_id: '',
      currency: body.product_currency ?? subscription.currency,
      amount: body.product_price,
      tax: 0,
      status:
        outcome === 'decline'
          ? 'failed'
          : outcome === 'processing'
            ? 'processing'
            : outcome === 'requires_action'
              ? 'requires_customer_action'
              : 'succeeded',
      metadata: body.metadata ?? subscription.metadata,
      customer: subscription.customer,
      billing: subscription.billing,
      subscription_id: subscription.subscription_id,
    });
    this.charges.push(payment);
    return { status: 200, body: { payment_id: payment.payment_id } };
  }

  /** `payments.list`: filtered like Dodo's, pages numbered from 0. */
  private listPayments(request: RecordedRequest) {
    const query = request.query;
    const gte = query.get('created_at_gte');
    const lte = query.get('created_at_lte');
    const matching = [...this.payments.values()].filter(
      (payment) =>
        (!query.get('subscription_id') || payment.subscription_id === query.get('subscription_id')) &&
        (!query.get('customer_id') || payment.customer.customer_id === query.get('customer_id')) &&
        (!query.get('status') || payment.status === query.get('status')) &&
        (!gte || payment.created_at >= gte) &&
        (!lte || payment.created_at <= lte),
    );
    const size = Number(query.get('page_size') ?? 10);
    const page = Number(query.get('page_number') ?? 0);
    return { status: 200, body: { items: matching.slice(page * size, (page + 1) * size) } };
  }

  session(sessionId: string): FakeDodoSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`fake Dodo has no session ${sessionId}`);
    return session;
  }

  private createSession(request: RecordedRequest) {
    const id = randomId('cks_');
    const session: FakeDodoSession = {
      id,
      checkout_url: `https://test.checkout.dodopayments.com/session/${id}`,
      created_at: new Date().toISOString(),
      request: request.body ?? {},
      payment_id: null,
      payment_status: null,
    };
    this.sessions.set(id, session);
    return { status: 200, body: { session_id: id, checkout_url: session.checkout_url } };
  }

  private retrieveSession(id: string) {
    const session = this.sessions.get(id);
    if (!session) return notFound('Checkout session');
    return {
      status: 200,
      body: {
        id: session.id,
        created_at: session.created_at,
        customer_email: session.request.customer?.email ?? null,
        customer_name: session.request.customer?.name ?? null,
        payment_id: session.payment_id,
        payment_status: session.payment_status,
      },
    };
  }

  private retrieveProduct(id: string) {
    const product = this.products.get(id);
    return product
      ? { status: 200, body: product }
      : { status: 404, body: { code: 'NOT_FOUND', message: 'Product not found' } };
  }

  private retrievePayment(id: string) {
    const payment = this.payments.get(id);
    return payment
      ? { status: 200, body: payment }
      : { status: 404, body: { code: 'NOT_FOUND', message: 'Payment not found' } };
  }
}

function notFound(what: string) {
  return { status: 404, body: { code: 'NOT_FOUND', message: `${what} not found` } };
}

function found(object: unknown) {
  return object ? { status: 200, body: object } : notFound('Object');
}

export async function startFakeDodoServer(): Promise<FakeDodoServer> {
  return new FakeDodoServer().listen();
}

/** A Dodo `Product` (dodopayments/resources/products/products.d.ts), one-time price. */
export interface FakeDodoProduct {
  product_id: string;
  business_id: string;
  brand_id: string;
  name: string;
  is_recurring: boolean;
  license_key_enabled: false;
  tax_category: 'digital_products';
  metadata: Record<string, string>;
  credit_entitlements: unknown[];
  entitlements: unknown[];
  created_at: string;
  updated_at: string;
  price: {
    type: 'one_time_price' | 'recurring_price';
    currency: string;
    price: number;
    discount: number;
    payment_frequency_count?: number;
    payment_frequency_interval?: string;
    subscription_period_count?: number;
    subscription_period_interval?: string;
    pay_what_you_want?: boolean;
    purchasing_power_parity?: boolean;
    suggested_price?: number | null;
    tax_inclusive?: boolean | null;
  };
}

export function fakeCreditsProduct(price: Partial<FakeDodoProduct['price']> = {}): FakeDodoProduct {
  const now = new Date().toISOString();
  return {
    product_id: 'pdt_fake_credits',
    business_id: 'bus_fake',
    brand_id: 'bra_fake',
    name: 'Credits',
    is_recurring: false,
    license_key_enabled: false,
    tax_category: 'digital_products',
    metadata: {},
    credit_entitlements: [],
    entitlements: [],
    created_at: now,
    updated_at: now,
    price: {
      type: 'one_time_price',
      currency: 'USD',
      price: 1000,
      discount: 0,
      pay_what_you_want: true,
      purchasing_power_parity: false,
      suggested_price: null,
      tax_inclusive: false,
      ...price,
    },
  };
}

/** An on-demand subscription product: a recurring price the charges override. */
export function fakeAutoTopUpProduct(price: Partial<FakeDodoProduct['price']> = {}): FakeDodoProduct {
  return {
    ...fakeCreditsProduct(),
    product_id: FAKE_DODO_TOP_UP_PRODUCT,
    name: 'Credits auto top-up',
    is_recurring: true,
    price: {
      type: 'recurring_price',
      currency: 'USD',
      price: 1000,
      discount: 0,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      subscription_period_count: 10,
      subscription_period_interval: 'Year',
      purchasing_power_parity: false,
      tax_inclusive: false,
      ...price,
    },
  };
}
