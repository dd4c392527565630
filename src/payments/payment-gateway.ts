import type { IncomingHttpHeaders } from 'node:http';
import type { PaymentProviderName } from '../config/app-config.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';

export type { PaymentProviderName } from '../config/app-config.js';

/**
 * The one seam between the service and a payment provider (docs/architecture.md, "The one idea"). billing/ and webhooks/
 * speak only these types; everything provider-specific lives in payments/<provider>/.
 */
export interface PaymentGateway {
  readonly provider: PaymentProviderName;
  /** Throws PaymentProviderError (502) when the provider fails, times out or answers nonsense. */
  createCheckout(order: OrderForCheckout): Promise<CreatedCheckout>;
  /**
   * Verifies the signature over the exact bytes received and normalizes the event.
   * Throws AppException(INVALID_SIGNATURE) for anything unverifiable, including a body that is not JSON.
   */
  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent;
  /**
   * Normalizes a payload that `verifyWebhook` accepted and the inbox stored before inbox rows kept their
   * normalized event (an admin replay of such an old row). It checks no signature: never call it with
   * anything but a stored, verified payload.
   */
  parseStoredEvent(eventId: string, payload: unknown): PaymentEvent;
  /**
   * The payment a charge belongs to (Stripe: the charge's `payment_intent`), for an event that names only
   * the charge. Called outside the fulfilment transaction; throws PaymentProviderError when the provider
   * fails. A provider without charges leaves it out.
   */
  findPaymentIdOfCharge?(chargeId: string): Promise<string | undefined>;
  /** For reconciliation: asks the provider what became of a checkout. Throws PaymentProviderError. */
  fetchCheckoutStatus(sessionId: string): Promise<CheckoutStatus>;
  /**
   * For the drift report: the provider's own record of the succeeded payments and refunds created in the
   * window, or undefined for a provider that keeps none (the sandbox). Throws PaymentProviderError.
   */
  fetchPaymentRecords(window: TimeWindow): Promise<ProviderPaymentRecords | undefined>;
  /**
   * Off-session charges (auto top-up). A provider that cannot charge a saved method leaves out
   * `createCustomer` and `chargeOffSession` (and keeps `detachPaymentMethod` only to forget a method saved
   * earlier), and auto top-up answers AUTO_TOP_UP_UNSUPPORTED for it. Each throws PaymentProviderError.
   */
  /**
   * Creates the wallet's customer. Stripe keys the create by `walletId`, so a retry returns the same
   * customer; Dodo cannot, and the first customer stored wins.
   */
  createCustomer?(customer: NewCustomer): Promise<string>;
  /** Brand and last4 of the method a paid checkout saved: never more card data. Called outside fulfilment. */
  readSavedPaymentMethod?(paymentId: string): Promise<SavedPaymentMethodDetails | undefined>;
  /**
   * Charges the saved method so that a repeated call for one attempt never charges twice: Stripe by the
   * attempt id as idempotency key; Dodo, which has no idempotency key, by looking for the attempt's payment
   * before charging a `resumed` attempt.
   */
  chargeOffSession?(charge: OffSessionCharge): Promise<OffSessionChargeResult>;
  detachPaymentMethod?(paymentMethodId: string): Promise<void>;
}

export interface NewCustomer {
  walletId: string;
  email: string;
  name: string | null;
}

export interface SavedPaymentMethodDetails {
  customerId: string;
  paymentMethodId: string;
  brand: string | null;
  last4: string | null;
}

export interface OffSessionCharge {
  attemptId: string;
  /** When the attempt was created: no charge of it can be older. */
  attemptCreatedAt: Date;
  /**
   * An earlier claim of this attempt may have reached the provider (the process died, or the answer never
   * came): its outcome is unknown, and a charge may already exist.
   */
  resumed: boolean;
  orderId: string;
  customerId: string;
  paymentMethodId: string;
  credits: number;
  amount: number;
  currency: string;
}

export type OffSessionChargeResult =
  /** Money arrived: the caller credits the order through fulfilment, as the webhook would. */
  | {
      outcome: 'succeeded';
      paymentId: string;
      /** Comparable with the order's amount (Dodo: total minus tax). */
      amount: number;
      /** What the customer paid, tax included, when it differs from `amount`. */
      amountPaid?: number;
      currency: string;
    }
  /** Still settling: the webhook (or the next reconciliation) tells. */
  | { outcome: 'processing'; paymentId: string }
  | { outcome: 'declined'; failureCode: string; paymentId?: string }
  /** The bank wants the customer present (3-D Secure): the rule pauses. */
  | { outcome: 'requires_action'; paymentId?: string };

/** [from, to): the `to` instant is not included. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

interface ProviderPaymentRecord {
  /** Stripe `payment_intent`, Dodo `payment_id`: what Order.providerPaymentId holds once credited. */
  paymentId: string;
  /** Minor units the customer paid, tax included (what Order.amountPaid records). */
  amount: number;
  /** Lower-case ISO 4217. */
  currency: string;
  createdAt: Date;
}

interface ProviderRefundRecord {
  refundId: string;
  paymentId: string;
  amount: number;
  currency: string;
  createdAt: Date;
}

export interface ProviderPaymentRecords {
  payments: ProviderPaymentRecord[];
  refunds: ProviderRefundRecord[];
}

/** A report reads at most this many records of each kind per provider and window; past it, it says so. */
export const MAX_PAYMENT_RECORDS = 10_000;

/**
 * A billing address: the one shape the service passes around (saved by billing, sent to providers, answered
 * by the address routes). Stored as it is in `BillingAddress`.
 */
export interface PostalAddress {
  name: string | null;
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string;
}

export interface OrderForCheckout {
  orderId: string;
  userId: string;
  credits: number;
  /** Minor units (cents). Always computed by the server. */
  amount: number;
  /** ISO 4217, lower-case (e.g. `usd`). */
  currency: string;
  customer: { email: string; name: string | null };
  billingAddress: PostalAddress | null;
  /** Save the card for off-session charges, on this provider customer of the wallet. */
  saveForCustomer?: string;
}

export interface CreatedCheckout {
  sessionId: string;
  checkoutUrl: string;
}

type CheckoutStatusValue = 'open' | 'paid' | 'unpaid' | 'expired' | 'failed';

export interface CheckoutStatus {
  /**
   * `paid`: money arrived (fulfil). `unpaid`: completed but an async method is still settling.
   * `open`: the customer has not finished. `expired`/`failed`: terminal without payment.
   */
  status: CheckoutStatusValue;
  paymentId?: string;
  /** Minor units actually paid (Dodo: total minus tax), comparable with the order's amount. */
  amount?: number;
  /** Minor units the customer paid, tax included (Dodo: total; Stripe: amount_total): what refunds are a share of. */
  amountPaid?: number;
  /** Lower-case ISO 4217. */
  currency?: string;
}

export type PaymentEventKind =
  | 'checkout.paid'
  | 'checkout.pending'
  | 'checkout.failed'
  | 'checkout.expired'
  | 'refund'
  | 'dispute.opened'
  | 'dispute.won'
  | 'dispute.lost'
  | 'ignored';

export interface PaymentEvent {
  provider: PaymentProviderName;
  /** Unique per provider: Stripe's `evt_…`, Dodo's (and the sandbox's) `webhook-id` header. */
  eventId: string;
  /** The provider's raw event type, e.g. `checkout.session.completed` or `payment.succeeded`. */
  type: string;
  kind: PaymentEventKind;
  /** `metadata.orderId`, only to find the order; credits always come from the stored order. */
  orderId?: string;
  sessionId?: string;
  /** Stripe `payment_intent`, Dodo `payment_id`: links refunds and disputes to the order. */
  paymentId?: string;
  /**
   * Minor units: paid net of tax (Dodo: total minus tax) for checkout events, comparable with the order's
   * amount; this refund (tax included, as the provider refunds it); or the disputed amount.
   */
  amount?: number;
  /**
   * Checkout events only: what the customer paid, tax included (Dodo `total_amount`, Stripe `amount_total`).
   * Stored on the order when the payment credits it; refunds claw back their share of it.
   */
  amountPaid?: number;
  /** Cumulative refunded amount when the provider gives it (Stripe `charge.amount_refunded`). */
  refundedTotal?: number;
  refundId?: string;
  disputeId?: string;
  /** Lower-case ISO 4217. */
  currency?: string;
  /**
   * A payment event that may move only an AUTO_TOP_UP order (Stripe's payment_intent.succeeded and
   * payment_intent.payment_failed): Checkout's own PaymentIntents are left to their session events.
   */
  autoTopUpOnly?: boolean;
  /**
   * `checkout.failed` only: why the payment failed (Stripe `last_payment_error.decline_code ?? code`, Dodo
   * `error_code`). An auto top-up attempt fails with it, as when the charge itself answered a decline.
   */
  failureCode?: string;
  /** `checkout.failed` only: the bank wants the customer present (3-D Secure); auto top-up pauses, no decline counted. */
  requiresAction?: boolean;
  occurredAt?: Date;
  /** A refund of the whole payment whose amount the provider left out (Dodo: `amount` null, `is_partial` false). */
  fullRefund?: boolean;
  /**
   * The charge an event names when it names no payment (a Stripe dispute with `payment_intent: null`):
   * WebhooksService asks the gateway for its payment id before fulfilment.
   */
  chargeId?: string;
  /**
   * Why this verified event can never be fulfilled as it is (no `data.object`, a negative or fractional
   * amount): it is recorded FAILED with this reason and nothing moves.
   */
  problem?: string;
  /** The parsed JSON body, kept in the inbox for audit. */
  payload: unknown;
}

/** What the inbox keeps of an event besides its payload: everything fulfilment reads. */
export type NormalizedPaymentEvent = Omit<PaymentEvent, 'payload' | 'occurredAt'> & { occurredAt?: string };

/** Why a provider call failed; for logs and metrics only, never for a response body. */
export type PaymentProviderFailure =
  'timeout' | 'network' | 'rejected' | 'server_error' | 'unexpected_response';

/**
 * A provider call failed. It is an AppException(PAYMENT_PROVIDER_ERROR), so the global filter answers
 * 502 with a generic message; `failure` and `providerStatus` are for the log line only and carry no
 * provider message, because SDK messages can echo request details.
 */
export class PaymentProviderError extends AppException {
  constructor(
    readonly provider: PaymentProviderName,
    readonly failure: PaymentProviderFailure,
    readonly providerStatus?: number,
  ) {
    super(ErrorCode.PAYMENT_PROVIDER_ERROR, 'The payment provider is unavailable; please try again later');
    this.name = 'PaymentProviderError';
  }
}

/** Nest token for `PaymentGateway[]`: every gateway enabled by the configuration. Prefer PaymentGatewayRegistry. */
export const PAYMENT_GATEWAYS = Symbol('PAYMENT_GATEWAYS');
