import type DodoPayments from 'dodopayments';
import { EventAmounts } from '../event-amounts.js';
import type { PaymentEvent, PaymentEventKind } from '../payment-gateway.js';

/**
 * Dodo webhook body (`{business_id, type, timestamp, data}`) → normalized PaymentEvent
 * (docs/api.md, "Payment webhooks"). Fields are read defensively: the body is only trusted to be signed, not to match
 * the SDK's types. `eventId` is the `webhook-id` header, Dodo's delivery-stable message id.
 */
export function mapDodoEvent(eventId: string, body: unknown): PaymentEvent {
  const envelope = asRecord(body);
  const type = str(envelope.type) ?? 'unknown';
  const base = {
    provider: 'dodo' as const,
    eventId,
    type,
    occurredAt: date(envelope.timestamp),
    payload: body,
  };
  const kind = kindOf(type);
  if (kind === 'ignored') return { ...base, kind };
  const data = envelope.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ...base, kind: 'ignored', problem: `${type} event has no data object` };
  }
  const amounts = new EventAmounts();
  const fields = eventFields(kind, data as Record<string, unknown>, amounts);
  return { ...base, kind, ...fields, problem: amounts.problem };
}

/** Every Dodo event type about a payment's money (the SDK's WebhookEventType): a new one fails the typecheck here. */
type DodoMoneyEventType = Extract<
  DodoPayments.WebhookEventType,
  `payment.${string}` | `dispute.${string}` | 'refund.succeeded'
>;

/**
 * `payment.processing` is an asynchronous payment settling; `payment.cancelled` ends an open checkout like a
 * failure. `dispute.cancelled` and `dispute.expired` close a dispute with the money still ours, like a won
 * one; `dispute.accepted` means the merchant conceded, like a lost one; `dispute.challenged` (evidence
 * submitted) changes nothing. Any other type is recorded and ignored.
 */
const DODO_KINDS: Record<DodoMoneyEventType, PaymentEventKind> = {
  'payment.succeeded': 'checkout.paid',
  'payment.processing': 'checkout.pending',
  'payment.failed': 'checkout.failed',
  'payment.cancelled': 'checkout.failed',
  'refund.succeeded': 'refund',
  'dispute.opened': 'dispute.opened',
  'dispute.won': 'dispute.won',
  'dispute.cancelled': 'dispute.won',
  'dispute.expired': 'dispute.won',
  'dispute.lost': 'dispute.lost',
  'dispute.accepted': 'dispute.lost',
  'dispute.challenged': 'ignored',
};

function kindOf(type: string): PaymentEventKind {
  return Object.hasOwn(DODO_KINDS, type) ? DODO_KINDS[type as DodoMoneyEventType] : 'ignored';
}

function eventFields(
  kind: PaymentEventKind,
  data: Record<string, unknown>,
  amounts: EventAmounts,
): Partial<PaymentEvent> {
  switch (kind) {
    case 'refund': {
      // Dodo refunds what the customer paid, tax included: fulfilment takes its share of the order's
      // amountPaid (the payment's total_amount), not of the pre-tax price. The SDK types allow a null
      // amount; with `is_partial: false` that is the whole payment.
      const amount = amounts.read('amount', data.amount);
      return {
        orderId: metadataOrderId(data.metadata),
        paymentId: str(data.payment_id),
        refundId: str(data.refund_id),
        amount,
        fullRefund: amount === undefined && data.is_partial === false ? true : undefined,
        currency: lower(data.currency),
      };
    }
    case 'dispute.opened':
    case 'dispute.won':
    case 'dispute.lost':
      return {
        paymentId: str(data.payment_id),
        disputeId: str(data.dispute_id),
        // A string in Dodo's schema, and informational: a dispute holds back what is left of the order,
        // whatever its amount says. Kept when it is a plain count of minor units, never checked as money.
        amount:
          typeof data.amount === 'string' && /^\d{1,15}$/.test(data.amount) ? Number(data.amount) : undefined,
        currency: lower(data.currency),
      };
    case 'checkout.failed':
      // An auto top-up charge's failure fails its attempt with this code, as the charge's answer would.
      return {
        ...dodoPaymentFields(data, amounts),
        failureCode: str(data.error_code) ?? str(data.status) ?? 'payment_failed',
      };
    default:
      return dodoPaymentFields(data, amounts);
  }
}

/**
 * Shared by webhooks and reconciliation: the amount comparable with the order is total minus tax; what the
 * customer paid (and what refunds are a share of) is the total, tax included.
 */
export function dodoPaymentFields(
  payment: Record<string, unknown>,
  amounts = new EventAmounts(),
): Partial<PaymentEvent> {
  const total = amounts.read('total_amount', payment.total_amount);
  const tax = amounts.read('tax', payment.tax) ?? 0;
  return {
    orderId: metadataOrderId(payment.metadata),
    sessionId: str(payment.checkout_session_id),
    paymentId: str(payment.payment_id),
    amount: total === undefined || tax > total ? undefined : total - tax,
    amountPaid: total,
    currency: lower(payment.currency),
  };
}

function metadataOrderId(metadata: unknown): string | undefined {
  return str(asRecord(metadata).orderId);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.toLowerCase() : undefined;
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
