import type Stripe from 'stripe';
import type { PaymentEvent, PaymentEventKind } from '../payment-gateway.js';

/**
 * Stripe event → normalized PaymentEvent (docs/api.md, "Payment webhooks"). Pure, so every event type is unit-tested
 * without a server. Anything not listed is `ignored`: it is still recorded by the inbox.
 */
export function mapStripeEvent(event: Stripe.Event): PaymentEvent {
  const base = {
    provider: 'stripe' as const,
    eventId: event.id,
    type: event.type,
    occurredAt: typeof event.created === 'number' ? new Date(event.created * 1000) : undefined,
    payload: event,
  };
  const object = event.data?.object as unknown;

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = object as Stripe.Checkout.Session;
      return { ...base, kind: checkoutKind(event.type, session), ...sessionFields(session) };
    }
    case 'charge.refunded': {
      const charge = object as Stripe.Charge;
      // Newer API versions no longer embed `refunds`; when present, the newest one is this event's.
      const latestRefund = charge.refunds?.data?.[0];
      return {
        ...base,
        kind: 'refund',
        orderId: metadataOrderId(charge.metadata),
        paymentId: idOf(charge.payment_intent),
        refundedTotal: charge.amount_refunded,
        amount: latestRefund?.amount,
        refundId: latestRefund?.id,
        currency: lower(charge.currency),
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = object as Stripe.Dispute;
      return {
        ...base,
        kind: event.type === 'charge.dispute.created' ? 'dispute.opened' : closedDisputeKind(dispute.status),
        orderId: metadataOrderId(dispute.metadata),
        paymentId: idOf(dispute.payment_intent),
        disputeId: dispute.id,
        amount: dispute.amount,
        currency: lower(dispute.currency),
      };
    }
    default:
      return { ...base, kind: 'ignored' };
  }
}

function checkoutKind(type: string, session: Stripe.Checkout.Session): PaymentEventKind {
  switch (type) {
    case 'checkout.session.completed':
      // `unpaid` means an asynchronous method (bank debit, voucher) is still settling: no credit yet.
      return session.payment_status === 'unpaid' ? 'checkout.pending' : 'checkout.paid';
    case 'checkout.session.async_payment_succeeded':
      return 'checkout.paid';
    case 'checkout.session.async_payment_failed':
      return 'checkout.failed';
    default:
      return 'checkout.expired';
  }
}

/**
 * `won` restores. `warning_closed` is an inquiry that closed without becoming a chargeback: the money
 * stays with us, so it restores too. Everything else that closes (`lost`) keeps the clawback.
 */
function closedDisputeKind(status: Stripe.Dispute.Status): PaymentEventKind {
  return status === 'won' || status === 'warning_closed' ? 'dispute.won' : 'dispute.lost';
}

function sessionFields(session: Stripe.Checkout.Session): Partial<PaymentEvent> {
  return {
    orderId: metadataOrderId(session.metadata),
    sessionId: session.id,
    paymentId: idOf(session.payment_intent),
    amount: session.amount_total ?? undefined,
    // Stripe refunds (`amount_refunded`) are shares of the charge, i.e. of amount_total.
    amountPaid: session.amount_total ?? undefined,
    currency: lower(session.currency),
  };
}

function metadataOrderId(metadata: Stripe.Metadata | null | undefined): string | undefined {
  const orderId = metadata?.orderId;
  return typeof orderId === 'string' && orderId.length > 0 ? orderId : undefined;
}

/** Stripe fields that hold an id, or the expanded object when the caller expanded it. */
export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

function lower(currency: string | null | undefined): string | undefined {
  return currency ? currency.toLowerCase() : undefined;
}
