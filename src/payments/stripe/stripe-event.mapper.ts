import type Stripe from 'stripe';
import { EventAmounts } from '../event-amounts.js';
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
  if (!HANDLED_TYPES.has(event.type)) return { ...base, kind: 'ignored' };
  // Signed, but not the shape Stripe documents (`data` missing, `data.object` null): nothing can be read
  // from it, and a redelivery will not change that.
  const object = (event as { data?: { object?: unknown } }).data?.object;
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    return { ...base, kind: 'ignored', problem: `${event.type} event has no data.object` };
  }
  const amounts = new EventAmounts();
  const fields = eventFields(event.type, object, amounts);
  return { ...base, ...fields, problem: amounts.problem };
}

const HANDLED_TYPES = new Set<string>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  'charge.dispute.created',
  'charge.dispute.closed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
]);

function eventFields(
  type: string,
  object: object,
  amounts: EventAmounts,
): Omit<PaymentEvent, 'provider' | 'eventId' | 'type' | 'payload'> {
  switch (type) {
    case 'charge.refunded': {
      const charge = object as Stripe.Charge;
      // Since API version 2022-11-15 a Charge no longer embeds `refunds`: the event carries the cumulative
      // `amount_refunded` and no refund id (the event id then keys the movement). An older endpoint's
      // embedded list is still read: its newest refund is this event's.
      const latestRefund = (charge as { refunds?: { data?: Stripe.Refund[] } | null }).refunds?.data?.[0];
      return {
        kind: 'refund',
        orderId: metadataOrderId(charge.metadata),
        paymentId: idOf(charge.payment_intent),
        refundedTotal: amounts.read('amount_refunded', charge.amount_refunded),
        amount: amounts.read('refunds.data[0].amount', latestRefund?.amount),
        refundId: latestRefund?.id,
        currency: lower(charge.currency),
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = object as Stripe.Dispute;
      const paymentId = idOf(dispute.payment_intent);
      return {
        kind: type === 'charge.dispute.created' ? 'dispute.opened' : closedDisputeKind(dispute.status),
        orderId: metadataOrderId(dispute.metadata),
        paymentId,
        // Stripe's own fixtures have disputes with `payment_intent: null`: the charge is then looked up.
        chargeId: paymentId ? undefined : idOf(dispute.charge),
        disputeId: dispute.id,
        amount: amounts.read('amount', dispute.amount),
        currency: lower(dispute.currency),
      };
    }
    case 'payment_intent.succeeded': {
      // Checkout's own PaymentIntents succeed too; their session events credit them, so this event
      // credits only an off-session auto top-up (fulfilment checks the order's source).
      const intent = object as Stripe.PaymentIntent;
      const amount = amounts.read('amount_received', intent.amount_received);
      return {
        kind: 'checkout.paid',
        autoTopUpOnly: true,
        orderId: metadataOrderId(intent.metadata),
        paymentId: intent.id,
        amount,
        amountPaid: amount,
        currency: lower(intent.currency),
      };
    }
    case 'payment_intent.payment_failed': {
      // The webhook of an off-session charge whose own answer never came (a crash, a timeout): the attempt
      // fails as if the charge had answered. Checkout's own PaymentIntents are ignored, as for succeeded.
      const intent = object as Stripe.PaymentIntent;
      return {
        kind: 'checkout.failed',
        autoTopUpOnly: true,
        orderId: metadataOrderId(intent.metadata),
        paymentId: intent.id,
        currency: lower(intent.currency),
        ...offSessionFailure(intent.last_payment_error),
      };
    }
    default: {
      const session = object as Stripe.Checkout.Session;
      return { kind: checkoutKind(type, session), ...sessionFields(session, amounts) };
    }
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

function sessionFields(session: Stripe.Checkout.Session, amounts: EventAmounts): Partial<PaymentEvent> {
  const amountTotal = amounts.read('amount_total', session.amount_total);
  return {
    orderId: metadataOrderId(session.metadata),
    sessionId: session.id,
    paymentId: idOf(session.payment_intent),
    amount: amountTotal,
    // Stripe refunds (`amount_refunded`) are shares of the charge, i.e. of amount_total.
    amountPaid: amountTotal,
    currency: lower(session.currency),
  };
}

/**
 * Why an off-session charge failed, from a card error or a PaymentIntent's `last_payment_error` (the same
 * fields): the issuer's decline code when it gave one, else Stripe's error code. `authentication_required`
 * means the bank wants the customer present (3-D Secure): the rule pauses instead of counting a decline.
 */
export function offSessionFailure(
  error: Pick<Stripe.PaymentIntent.LastPaymentError, 'code' | 'decline_code'> | null | undefined,
): { failureCode: string; requiresAction: boolean } {
  const code = typeof error?.code === 'string' && error.code.length > 0 ? error.code : undefined;
  const declineCode =
    typeof error?.decline_code === 'string' && error.decline_code.length > 0 ? error.decline_code : undefined;
  const requiresAction = code === 'authentication_required' || declineCode === 'authentication_required';
  return { failureCode: declineCode ?? code ?? 'payment_failed', requiresAction };
}

function metadataOrderId(metadata: Stripe.Metadata | null | undefined): string | undefined {
  const orderId = metadata?.orderId;
  return typeof orderId === 'string' && orderId.length > 0 ? orderId : undefined;
}

/** Stripe fields that hold an id, or the expanded object when the caller expanded it. */
export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  return value && typeof value.id === 'string' ? value.id : undefined;
}

function lower(currency: unknown): string | undefined {
  return typeof currency === 'string' && currency.length > 0 ? currency.toLowerCase() : undefined;
}
