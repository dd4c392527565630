import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type {
  CheckoutStatus,
  CreatedCheckout,
  OrderForCheckout,
  PaymentEvent,
  PaymentEventKind,
  NewCustomer,
  OffSessionCharge,
  OffSessionChargeResult,
  PaymentGateway,
  ProviderPaymentRecords,
  SavedPaymentMethodDetails,
  TimeWindow,
} from '../payment-gateway.js';
import { checkoutReturnUrls, type CheckoutReturnUrls } from '../checkout-return-urls.js';
import { EventAmounts } from '../event-amounts.js';
import { StandardWebhookVerifier } from '../standard-webhooks.js';
import {
  sandboxWebhookSecret,
  signSandboxEvent,
  type SandboxEvent,
  type SignedSandboxEvent,
} from './sandbox-webhook.signer.js';

const KINDS: Record<string, PaymentEventKind> = {
  'payment.succeeded': 'checkout.paid',
  'payment.failed': 'checkout.failed',
  'checkout.cancelled': 'checkout.expired',
  'refund.succeeded': 'refund',
};

/**
 * A provider that needs no account (development only; the configuration never enables it in
 * production). Its checkout page is served by the service itself and its Pay button delivers a
 * signed event through the same webhook pipeline as Stripe and Dodo.
 */
export class SandboxGateway implements PaymentGateway {
  readonly provider = 'sandbox' as const;
  private readonly verifier: StandardWebhookVerifier;

  constructor(
    private readonly jwtSecret: string,
    private readonly publicUrl: string,
  ) {
    this.verifier = new StandardWebhookVerifier(sandboxWebhookSecret(jwtSecret));
  }

  async createCheckout(_order: OrderForCheckout): Promise<CreatedCheckout> {
    const sessionId = `sbx_${randomBytes(16).toString('hex')}`;
    return { sessionId, checkoutUrl: `${this.publicUrl}/api/payments/sandbox/checkout/${sessionId}` };
  }

  /** Where the sandbox page sends the customer after Pay or Cancel, as Stripe and Dodo would. */
  returnUrls(orderId: string): CheckoutReturnUrls {
    return checkoutReturnUrls(this.publicUrl, orderId);
  }

  /** For the Pay / Cancel buttons: sign an event that `verifyWebhook` accepts. */
  signEvent(event: SandboxEvent, options?: { id?: string; timestamp?: Date }): SignedSandboxEvent {
    return signSandboxEvent(this.jwtSecret, event, options);
  }

  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent {
    const { id, body } = this.verifier.verify(rawBody, headers);
    return mapSandboxEvent(id, body);
  }

  parseStoredEvent(eventId: string, payload: unknown): PaymentEvent {
    return mapSandboxEvent(eventId, payload);
  }

  /**
   * Always `open`: a sandbox payment happens only through Pay, which delivers its own event, so
   * there is never a payment for reconciliation to discover.
   */
  async fetchCheckoutStatus(_sessionId: string): Promise<CheckoutStatus> {
    return { status: 'open' };
  }

  /** None: a sandbox payment exists only as the event its Pay button delivered, so there is nothing to compare. */
  async fetchPaymentRecords(_window: TimeWindow): Promise<ProviderPaymentRecords | undefined> {
    return undefined;
  }

  /**
   * Auto top-up without an account: a sandbox card saved by any paid sandbox checkout that asked for it,
   * charged off-session with an immediate success (the charge's answer credits the order).
   */
  async createCustomer(customer: NewCustomer): Promise<string> {
    return `sbx_cus_${customer.walletId.replaceAll('-', '')}`;
  }

  async readSavedPaymentMethod(paymentId: string): Promise<SavedPaymentMethodDetails> {
    return { customerId: 'sbx_cus', paymentMethodId: `sbx_pm_${paymentId}`, brand: 'sandbox', last4: '4242' };
  }

  async chargeOffSession(charge: OffSessionCharge): Promise<OffSessionChargeResult> {
    return {
      outcome: 'succeeded',
      paymentId: `sbx_pi_${charge.attemptId.replaceAll('-', '')}`,
      amount: charge.amount,
      currency: charge.currency,
    };
  }

  async detachPaymentMethod(_paymentMethodId: string): Promise<void> {}
}

/** A verified sandbox body (see signSandboxEvent) → PaymentEvent. */
function mapSandboxEvent(eventId: string, payload: unknown): PaymentEvent {
  const body = (payload !== null && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const type = typeof body.type === 'string' ? body.type : 'unknown';
  const data = (body.data !== null && typeof body.data === 'object' ? body.data : {}) as Record<
    string,
    unknown
  >;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const amounts = new EventAmounts();
  const amount = amounts.read('amount', data.amount);
  const occurredAt = typeof body.created_at === 'string' ? new Date(body.created_at) : undefined;
  return {
    provider: 'sandbox',
    eventId,
    type,
    kind: KINDS[type] ?? 'ignored',
    orderId: text(data.order_id),
    sessionId: text(data.session_id),
    paymentId: text(data.payment_id),
    refundId: text(data.refund_id),
    amount,
    currency: text(data.currency)?.toLowerCase(),
    occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : undefined,
    problem: amounts.problem,
    payload: body,
  };
}
