import type { PaymentEvent, PaymentEventKind } from '../payment-gateway.js';

/**
 * Dodo webhook body (`{business_id, type, timestamp, data}`) → normalized PaymentEvent
 * (docs/api.md, "Payment webhooks"). Fields are read defensively: the body is only trusted to be signed, not to match
 * the SDK's types. `eventId` is the `webhook-id` header, Dodo's delivery-stable message id.
 */
export function mapDodoEvent(eventId: string, body: unknown): PaymentEvent {
  const envelope = asRecord(body);
  const type = str(envelope.type) ?? 'unknown';
  const data = asRecord(envelope.data);
  const base = {
    provider: 'dodo' as const,
    eventId,
    type,
    occurredAt: date(envelope.timestamp),
    payload: body,
  };

  switch (type) {
    case 'payment.succeeded':
    case 'payment.failed':
      return {
        ...base,
        kind: type === 'payment.succeeded' ? 'checkout.paid' : 'checkout.failed',
        ...dodoPaymentFields(data),
      };
    case 'refund.succeeded':
      return {
        ...base,
        kind: 'refund',
        orderId: metadataOrderId(data.metadata),
        paymentId: str(data.payment_id),
        refundId: str(data.refund_id),
        // Dodo refunds what the customer paid, tax included: fulfilment takes its share of the order's
        // amountPaid (the payment's total_amount), not of the pre-tax price.
        amount: int(data.amount),
        currency: lower(data.currency),
      };
    case 'dispute.opened':
    case 'dispute.won':
    case 'dispute.lost':
    case 'dispute.accepted':
      return {
        ...base,
        kind: disputeKind(type),
        paymentId: str(data.payment_id),
        disputeId: str(data.dispute_id),
        // A string in Dodo's schema; only a plain integer (minor units) is trusted. Disputes claw back
        // what is left of the order, so the amount is informational.
        amount:
          typeof data.amount === 'string' && /^\d+$/.test(data.amount)
            ? Number(data.amount)
            : int(data.amount),
        currency: lower(data.currency),
      };
    default:
      return { ...base, kind: 'ignored' };
  }
}

/** `accepted` means the merchant conceded: the customer keeps the money, exactly like a lost dispute. */
function disputeKind(type: string): PaymentEventKind {
  if (type === 'dispute.opened') return 'dispute.opened';
  if (type === 'dispute.won') return 'dispute.won';
  return 'dispute.lost';
}

/**
 * Shared by webhooks and reconciliation: the amount comparable with the order is total minus tax; what the
 * customer paid (and what refunds are a share of) is the total, tax included.
 */
export function dodoPaymentFields(payment: Record<string, unknown>): Partial<PaymentEvent> {
  const total = int(payment.total_amount);
  const tax = int(payment.tax) ?? 0;
  return {
    orderId: metadataOrderId(payment.metadata),
    sessionId: str(payment.checkout_session_id),
    paymentId: str(payment.payment_id),
    amount: total === undefined ? undefined : total - tax,
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

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.toLowerCase() : undefined;
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
