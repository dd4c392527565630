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
  status: 'succeeded' | 'failed' | 'processing' | 'cancelled';
  metadata: Record<string, string>;
  customer: { customer_id: string; email: string; name: string };
  billing: Record<string, unknown>;
  refunds: unknown[];
  disputes: unknown[];
}

interface DodoCheckoutBody {
  product_cart?: Array<{ product_id: string; quantity: number; amount?: number }>;
  customer?: { email?: string; name?: string };
  billing_address?: Record<string, unknown>;
  metadata?: Record<string, string>;
  return_url?: string;
}

/**
 * A local stand-in for the Dodo Payments API (`DODO_PAYMENTS_BASE_URL`): `POST /checkouts`,
 * `GET /checkouts/:id`, `GET /payments/:id` and `GET /products/:id`, the paths the dodopayments SDK calls.
 */
export class FakeDodoServer extends FakeProviderServer {
  readonly sessions = new Map<string, FakeDodoSession>();
  readonly payments = new Map<string, FakeDodoPayment>();
  /**
   * Products `GET /products/:id` answers; the credits product (`pdt_fake_credits`) is a pay-what-you-want
   * one-time price without discount, parity pricing or tax included, as the service requires at boot.
   */
  readonly products = new Map<string, FakeDodoProduct>([['pdt_fake_credits', fakeCreditsProduct()]]);

  constructor() {
    super(
      [
        ['POST', /^\/checkouts$/, (request) => this.createSession(request)],
        ['GET', /^\/checkouts\/([^/]+)$/, (_request, [id]) => this.retrieveSession(id)],
        ['GET', /^\/payments\/([^/]+)$/, (_request, [id]) => this.retrievePayment(id)],
        ['GET', /^\/products\/([^/]+)$/, (_request, [id]) => this.retrieveProduct(id)],
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

  /**
   * The customer paid: a payment for the session's amount plus `tax` (Dodo's `total_amount` includes
   * tax). Returns the payment, ready for `dodoPaymentEvent`.
   */
  markPaid(
    sessionId: string,
    options: { tax?: number; status?: FakeDodoPayment['status']; currency?: string } = {},
  ): FakeDodoPayment {
    const session = this.session(sessionId);
    const amount = session.request.product_cart?.[0]?.amount ?? 0;
    const tax = options.tax ?? 0;
    const payment: FakeDodoPayment = {
      payment_id: session.payment_id ?? randomId('pay_'),
      business_id: 'bus_fake',
      brand_id: 'bra_fake',
      checkout_session_id: session.id,
      created_at: new Date().toISOString(),
      currency: options.currency ?? 'USD',
      total_amount: amount + tax,
      tax,
      settlement_amount: amount + tax,
      settlement_currency: 'USD',
      status: options.status ?? 'succeeded',
      metadata: session.request.metadata ?? {},
      customer: {
        customer_id: 'cus_fake',
        email: session.request.customer?.email ?? '',
        name: session.request.customer?.name ?? '',
      },
      billing: session.request.billing_address ?? { country: 'US' },
      refunds: [],
      disputes: [],
    };
    this.payments.set(payment.payment_id, payment);
    session.payment_id = payment.payment_id;
    session.payment_status = payment.status;
    return payment;
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
      request: (request.body ?? {}) as DodoCheckoutBody,
      payment_id: null,
      payment_status: null,
    };
    this.sessions.set(id, session);
    return { status: 200, body: { session_id: id, checkout_url: session.checkout_url } };
  }

  private retrieveSession(id: string) {
    const session = this.sessions.get(id);
    if (!session) return { status: 404, body: { code: 'NOT_FOUND', message: 'Checkout session not found' } };
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

export async function startFakeDodoServer(): Promise<FakeDodoServer> {
  return new FakeDodoServer().listen();
}

/** A Dodo `Product` (dodopayments/resources/products/products.d.ts), one-time price. */
export interface FakeDodoProduct {
  product_id: string;
  business_id: string;
  brand_id: string;
  name: string;
  is_recurring: false;
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
