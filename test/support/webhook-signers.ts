import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';

/**
 * Signatures made with the real algorithms (the Stripe SDK's test helper, the standardwebhooks
 * library), and event bodies shaped like the providers' real payloads, for webhook tests.
 */

// ---- signing ----------------------------------------------------------------------------------

export interface StripeSignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Put a wrong `v1` entry before the valid one, as Stripe does while a secret is being rolled. */
  leadingInvalidSignature?: boolean;
}

/** The `Stripe-Signature` header value for exactly these bytes. */
export function signStripe(payload: string, secret: string, options: StripeSignOptions = {}): string {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
  if (!options.leadingInvalidSignature) return header;
  const [timestampPart, ...signatures] = header.split(',');
  return [timestampPart, `v1=${'0'.repeat(64)}`, ...signatures].join(',');
}

export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  [name: string]: string;
}

/** The three Standard Webhooks headers (Dodo, sandbox) for exactly this body. Secret with or without `whsec_`. */
export function signStandardWebhook(
  secret: string,
  id: string,
  date: Date,
  body: string,
): StandardWebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(date.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, date, body),
  };
}

export function newWebhookId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}

// ---- Stripe events ----------------------------------------------------------------------------

export type StripeCheckoutEventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'checkout.session.expired';

export interface StripeEventEnvelope<T = Record<string, unknown>> {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: T };
}

export function stripeEvent<T extends Record<string, unknown>>(
  type: string,
  object: T,
  options: { id?: string; created?: number } = {},
): StripeEventEnvelope<T> {
  return {
    id: options.id ?? `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: options.created ?? Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

export interface StripeSessionInput {
  id: string;
  orderId?: string;
  userId?: string;
  amountTotal: number;
  currency?: string;
  paymentIntent?: string | null;
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
  status?: 'open' | 'complete' | 'expired';
}

/** A `checkout.session.*` event. Defaults follow the type: completed/async_succeeded → paid, async_failed → unpaid, expired → expired. */
export function stripeCheckoutEvent(
  type: StripeCheckoutEventType,
  session: StripeSessionInput,
  options: { id?: string; created?: number } = {},
) {
  const paid = type === 'checkout.session.completed' || type === 'checkout.session.async_payment_succeeded';
  const metadata: Record<string, string> = {};
  if (session.orderId) metadata.orderId = session.orderId;
  if (session.userId) metadata.userId = session.userId;
  return stripeEvent(
    type,
    {
      id: session.id,
      object: 'checkout.session',
      mode: 'payment',
      amount_subtotal: session.amountTotal,
      amount_total: session.amountTotal,
      currency: session.currency ?? 'usd',
      client_reference_id: session.userId ?? null,
      customer_email: 'buyer@example.com',
      metadata,
      payment_intent:
        session.paymentIntent === undefined
          ? type === 'checkout.session.expired'
            ? null
            : `pi_${randomBytes(12).toString('hex')}`
          : session.paymentIntent,
      payment_status: session.paymentStatus ?? (paid ? 'paid' : 'unpaid'),
      status: session.status ?? (type === 'checkout.session.expired' ? 'expired' : 'complete'),
      url: null,
      livemode: false,
    },
    options,
  );
}

export interface StripeRefundInput {
  paymentIntent: string | null;
  /** The charge's amount (what was paid). */
  amount: number;
  /** Cumulative refunded amount after this refund. */
  amountRefunded: number;
  /**
   * This refund's amount and id. Either one makes the hand-made variant of API versions before 2022-11-15,
   * whose Charge embedded `refunds` (stamped with such a version): only for tests of that variant.
   */
  refundAmount?: number;
  refundId?: string;
  currency?: string;
  chargeId?: string;
  metadata?: Record<string, string>;
}

/** The API version of the hand-made legacy variant: the last before Charge stopped embedding `refunds`. */
const STRIPE_LEGACY_REFUNDS_API_VERSION = '2022-08-01';

/**
 * A Charge as Stripe's published fixture (stripe/openapi `fixtures3.json`, resource `charge`) has it, with
 * the fields a refund changes. Since API version 2022-11-15 a Charge no longer embeds `refunds` unless
 * expanded, so a `charge.refunded` event carries only the cumulative `amount_refunded`.
 */
function stripeCharge(input: StripeRefundInput, chargeId: string): Record<string, unknown> {
  return {
    id: chargeId,
    object: 'charge',
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: input.amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: `txn_${randomBytes(12).toString('hex')}`,
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: 'Jenny Rosen',
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: null,
    captured: true,
    created: Math.floor(Date.now() / 1000),
    currency: input.currency ?? 'usd',
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: input.metadata ?? {},
    on_behalf_of: null,
    outcome: {
      network_status: 'approved_by_network',
      reason: null,
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: true,
    payment_intent: input.paymentIntent,
    payment_method: `pm_${randomBytes(12).toString('hex')}`,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: input.amountRefunded >= input.amount,
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function stripeChargeRefundedEvent(
  input: StripeRefundInput,
  options: { id?: string; created?: number } = {},
) {
  const chargeId = input.chargeId ?? `ch_${randomBytes(12).toString('hex')}`;
  const charge = stripeCharge(input, chargeId);
  if (input.refundId === undefined && input.refundAmount === undefined) {
    return stripeEvent('charge.refunded', charge, options);
  }
  const refundId = input.refundId ?? `re_${randomBytes(12).toString('hex')}`;
  const legacy = stripeEvent(
    'charge.refunded',
    {
      ...charge,
      refunds: {
        object: 'list',
        data: [
          {
            id: refundId,
            object: 'refund',
            amount: input.refundAmount ?? input.amountRefunded,
            charge: chargeId,
            currency: input.currency ?? 'usd',
            payment_intent: input.paymentIntent,
            status: 'succeeded',
          },
        ],
        has_more: false,
        url: `/v1/charges/${chargeId}/refunds`,
      },
    },
    options,
  );
  return { ...legacy, api_version: STRIPE_LEGACY_REFUNDS_API_VERSION };
}

export interface StripeDisputeInput {
  /** null as in Stripe's own fixture: the dispute then names only its charge. */
  paymentIntent: string | null;
  amount: number;
  currency?: string;
  disputeId?: string;
  chargeId?: string;
  metadata?: Record<string, string>;
  /** For `charge.dispute.closed`: `won`, `lost` or `warning_closed`. */
  status?: 'needs_response' | 'warning_needs_response' | 'won' | 'lost' | 'warning_closed' | 'under_review';
}

/** A Dispute shaped like Stripe's published fixture (`fixtures3.json`, resource `dispute`). */
export function stripeDisputeEvent(
  type: 'charge.dispute.created' | 'charge.dispute.closed',
  input: StripeDisputeInput,
  options: { id?: string; created?: number } = {},
) {
  return stripeEvent(
    type,
    {
      id: input.disputeId ?? `dp_${randomBytes(12).toString('hex')}`,
      object: 'dispute',
      amount: input.amount,
      balance_transactions: [],
      charge: input.chargeId ?? `ch_${randomBytes(12).toString('hex')}`,
      created: Math.floor(Date.now() / 1000),
      currency: input.currency ?? 'usd',
      evidence_details: {
        due_by: Math.floor(Date.now() / 1000) + 7 * 86400,
        has_evidence: false,
        past_due: false,
        submission_count: 0,
      },
      is_charge_refundable: false,
      livemode: false,
      metadata: input.metadata ?? {},
      payment_intent: input.paymentIntent,
      payment_method_details: {
        card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' },
        type: 'card',
      },
      reason: 'fraudulent',
      status: input.status ?? (type === 'charge.dispute.created' ? 'needs_response' : 'lost'),
    },
    options,
  );
}

// ---- Dodo events ------------------------------------------------------------------------------

export interface DodoEventEnvelope<T = Record<string, unknown>> {
  business_id: string;
  type: string;
  timestamp: string;
  data: T;
}

/** A Dodo event around an object the fake Dodo server holds (a payment it created, say). */
export function dodoEvent<T extends Record<string, unknown>>(
  type: 'payment.succeeded' | 'payment.failed' | 'payment.processing',
  payment: T,
): DodoEventEnvelope<T & { payload_type: 'Payment' }> {
  return dodoEnvelope(type, { payload_type: 'Payment' as const, ...payment });
}

function dodoEnvelope<T>(type: string, data: T): DodoEventEnvelope<T> {
  return { business_id: 'bus_fake', type, timestamp: new Date().toISOString(), data };
}

export interface DodoPaymentInput {
  paymentId?: string;
  checkoutSessionId?: string;
  orderId?: string;
  userId?: string;
  /** What the order costs (minor units), i.e. total minus tax. */
  amount: number;
  tax?: number;
  currency?: string;
}

export function dodoPaymentEvent(
  type: 'payment.succeeded' | 'payment.failed' | 'payment.processing' | 'payment.cancelled',
  input: DodoPaymentInput,
) {
  const metadata: Record<string, string> = {};
  if (input.orderId) metadata.orderId = input.orderId;
  if (input.userId) metadata.userId = input.userId;
  const tax = input.tax ?? 0;
  return dodoEnvelope(type, {
    payload_type: 'Payment',
    payment_id: input.paymentId ?? `pay_${randomBytes(10).toString('hex')}`,
    business_id: 'bus_fake',
    brand_id: 'bra_fake',
    checkout_session_id: input.checkoutSessionId ?? null,
    created_at: new Date().toISOString(),
    currency: input.currency ?? 'USD',
    total_amount: input.amount + tax,
    tax,
    settlement_amount: input.amount + tax,
    settlement_currency: 'USD',
    status:
      type === 'payment.succeeded'
        ? 'succeeded'
        : type === 'payment.failed'
          ? 'failed'
          : type === 'payment.cancelled'
            ? 'cancelled'
            : 'processing',
    metadata,
    customer: { customer_id: 'cus_fake', email: 'buyer@example.com', name: 'Buyer' },
    billing: { country: 'US', city: 'New York', state: 'NY', street: '1 Main St', zipcode: '10001' },
    digital_products_delivered: false,
    refunds: [],
    disputes: [],
    product_cart: [{ product_id: 'pdt_fake_credits', quantity: 1 }],
  });
}

export interface DodoRefundInput {
  paymentId: string;
  amount: number;
  refundId?: string;
  currency?: string;
  isPartial?: boolean;
}

export function dodoRefundEvent(
  input: DodoRefundInput,
  type: 'refund.succeeded' | 'refund.failed' = 'refund.succeeded',
) {
  return dodoEnvelope(type, {
    payload_type: 'Refund',
    refund_id: input.refundId ?? `ref_${randomBytes(10).toString('hex')}`,
    payment_id: input.paymentId,
    business_id: 'bus_fake',
    brand_id: 'bra_fake',
    created_at: new Date().toISOString(),
    amount: input.amount,
    currency: input.currency ?? 'USD',
    is_partial: input.isPartial ?? false,
    status: type === 'refund.succeeded' ? 'succeeded' : 'failed',
    reason: 'requested_by_customer',
    metadata: {},
    customer: { customer_id: 'cus_fake', email: 'buyer@example.com', name: 'Buyer' },
  });
}

export interface DodoDisputeInput {
  paymentId: string;
  /** Minor units; Dodo sends it as a string. */
  amount: number;
  disputeId?: string;
  currency?: string;
}

export function dodoDisputeEvent(
  type: 'dispute.opened' | 'dispute.won' | 'dispute.lost' | 'dispute.accepted' | 'dispute.challenged',
  input: DodoDisputeInput,
) {
  return dodoEnvelope(type, {
    payload_type: 'Dispute',
    dispute_id: input.disputeId ?? `dis_${randomBytes(10).toString('hex')}`,
    payment_id: input.paymentId,
    business_id: 'bus_fake',
    amount: String(input.amount),
    currency: input.currency ?? 'USD',
    created_at: new Date().toISOString(),
    dispute_stage: 'dispute',
    dispute_status: `dispute_${type.split('.')[1]}`,
    remarks: null,
  });
}
