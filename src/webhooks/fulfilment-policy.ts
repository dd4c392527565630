import { formatMoney } from '../billing/money.js';
import { OPEN_CHECKOUT_STATUSES, type OrderState } from '../billing/order-state.js';
import type { LedgerMovement } from '../credits/ledger-movement.js';
import type { OrderStatus } from '../generated/prisma/enums.js';
import type { PaymentEvent } from '../payments/payment-gateway.js';

export type { OrderState } from '../billing/order-state.js';

/**
 * What fulfilment decides, as a pure function of (event, locked order, what the ledger already holds for it).
 * FulfilmentRepository runs it inside the transaction that locked the order and writes the result, so the
 * rules below are unit-tested without a database and the e2e tests prove the locking around them.
 *
 * The order's counters carry everything: `creditsClawedBack` = the refunds' share (a function of
 * `refundedAmount`) + what an open or lost dispute holds. So a refund or dispute that arrives before the
 * payment is remembered in them, and the payment then credits `credits − creditsClawedBack`.
 */

export interface FulfilmentContext {
  order: OrderState;
  /** The order's ledger references (`order:<id>`, `refund:…`, `dispute:…`): what has already been applied. */
  references: ReadonlySet<string>;
}

type PlannedMovement = Omit<LedgerMovement, 'userId' | 'orderId' | 'floorRemaining'>;

/**
 * What the application is told about the order (docs/events.md): FulfilmentRepository appends these as
 * events in the plan's transaction, with the order's state after the plan and the grant its purchase made.
 */
export type OrderNotice =
  | { type: 'order.paid' }
  | { type: 'order.refunded' }
  | { type: 'order.disputed'; disputeId: string; creditsClawedBack: number }
  | { type: 'order.dispute_closed'; disputeId: string; won: boolean };

export interface FulfilmentPlan {
  /** PROCESSED also when the event changed nothing (a second event for a paid order); FAILED = needs a human. */
  outcome: 'PROCESSED' | 'FAILED';
  error?: string;
  /** The order after the event (identical to the input when nothing changes). */
  order: OrderState;
  movements: PlannedMovement[];
  /** True when this event credited the order (PURCHASE written). */
  credited: boolean;
  /** Events for the application; none when nothing changed. */
  notices?: OrderNotice[];
}

export function purchaseReference(orderId: string): string {
  return `order:${orderId}`;
}

type RefundCounters = Pick<OrderState, 'credits' | 'amount' | 'refundedAmount'> &
  Partial<Pick<OrderState, 'amountPaid'>>;

/**
 * What refunds are a share of: what the customer paid, tax included (Dodo refunds the total, tax included;
 * Stripe's amount_refunded is a share of amount_total). Dividing a tax-included refund by the pre-tax
 * `amount` over-claws (half of 1800 + 162 tax, 981, would take 54 of 100 credits instead of 50).
 *
 * Before the payment has credited the order, amountPaid is unknown: a refund that arrives before its
 * payment keeps the old behaviour and takes its share of the pre-tax `amount` (capped at the order's
 * credits). Nothing is credited at that point, and the payment re-bases the share on amountPaid
 * (planPayment), so the customer ends up with the same credits whichever arrived first.
 */
function refundBase(order: RefundCounters): number {
  return order.amountPaid ?? order.amount;
}

/**
 * Credits the refunds take back: floor(credits × refunded ÷ paid), proportional to the cumulative refunded
 * amount, never more than the order.
 */
export function refundShare(order: RefundCounters): number {
  const base = refundBase(order);
  if (order.refundedAmount <= 0 || base <= 0) return 0;
  return Math.min(order.credits, Math.floor((order.credits * order.refundedAmount) / base));
}

function isCredited(context: FulfilmentContext): boolean {
  return context.references.has(purchaseReference(context.order.id));
}

/**
 * The status that the order's counters describe. Before the payment is credited, an order without
 * refunds or disputes keeps its checkout status (`uncreditedStatus`).
 */
export function statusOf(order: OrderState, credited: boolean, uncreditedStatus: OrderStatus): OrderStatus {
  if (order.creditsClawedBack > refundShare(order)) return 'DISPUTED';
  if (order.refundedAmount > 0)
    return order.refundedAmount >= refundBase(order) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  return credited ? 'PAID' : uncreditedStatus;
}

export function planFulfilment(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  switch (event.kind) {
    case 'checkout.paid':
      return planPayment(event, context);
    case 'checkout.pending':
      return planCheckoutStatus(context, 'AWAITING_PAYMENT', ['PENDING'], event.paymentId);
    case 'checkout.failed':
      return planCheckoutStatus(context, 'FAILED', OPEN_CHECKOUT_STATUSES);
    case 'checkout.expired':
      return planCheckoutStatus(context, 'EXPIRED', OPEN_CHECKOUT_STATUSES);
    case 'refund':
      return planRefund(event, context);
    case 'dispute.opened':
      return planDisputeHold(event, context);
    case 'dispute.lost':
      return planDisputeLost(event, context);
    case 'dispute.won':
      return planDisputeWon(event, context);
    default:
      return unchanged(context);
  }
}

function unchanged(context: FulfilmentContext): FulfilmentPlan {
  return { outcome: 'PROCESSED', order: context.order, movements: [], credited: false };
}

/**
 * A mismatch will not fix itself on a redelivery, so it is a permanent failure: the caller answers 200 and
 * leaves the event FAILED for an admin (who can replay it), and the order is not touched.
 */
function failed(context: FulfilmentContext, error: string): FulfilmentPlan {
  return { outcome: 'FAILED', error, order: context.order, movements: [], credited: false };
}

function currencyMismatch(event: PaymentEvent, order: OrderState): string | undefined {
  if (event.currency !== undefined && event.currency !== order.currency.toLowerCase()) {
    return `Currency mismatch: event ${event.currency}, order ${order.currency}`;
  }
  return undefined;
}

function planPayment(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  const { order } = context;
  // Each order is credited at most once, whatever arrives how often (completed + async_succeeded,
  // webhook + reconciliation): the PURCHASE reference is the fact that it was.
  if (isCredited(context)) return unchanged(context);
  if (event.sessionId && order.providerSessionId && event.sessionId !== order.providerSessionId) {
    return failed(context, `Session mismatch: event ${event.sessionId}, order ${order.providerSessionId}`);
  }
  if (event.amount === undefined || event.currency === undefined) {
    return failed(context, 'Payment event has no amount or currency to check against the order');
  }
  if (event.amount !== order.amount || event.currency !== order.currency.toLowerCase()) {
    return failed(
      context,
      `Amount mismatch: paid ${event.amount} ${event.currency}, order is ${order.amount} ${order.currency.toLowerCase()}`,
    );
  }
  const next: OrderState = {
    ...order,
    providerPaymentId: event.paymentId ?? order.providerPaymentId,
    // What the customer paid, tax included: the base of every later refund. A provider that does not report
    // it charges no tax on top, so the net amount (checked equal to the order's above) is what was paid.
    amountPaid: event.amountPaid ?? event.amount,
  };
  // A refund remembered before the payment took its share of the pre-tax price (amountPaid was unknown).
  // Nothing has been credited yet, so the refunds' share is re-based on what was paid now; a dispute hold
  // (clawed back beyond the refunds' share) already holds everything left and stays as it is.
  if (order.creditsClawedBack <= refundShare(order)) next.creditsClawedBack = refundShare(next);
  // Credits come from the stored order; a refund or dispute remembered before the payment is netted.
  const credit = Math.max(0, order.credits - next.creditsClawedBack);
  next.status = statusOf(next, true, 'PAID');
  const netted = order.credits - credit;
  return {
    outcome: 'PROCESSED',
    order: next,
    credited: true,
    notices: [{ type: 'order.paid' }],
    movements: [
      {
        type: 'PURCHASE',
        amount: credit,
        reference: purchaseReference(order.id),
        description:
          netted > 0
            ? `Purchase of ${order.credits} credits (${netted} already refunded or disputed)`
            : `Purchase of ${order.credits} credits`,
      },
    ],
  };
}

/** pending / failed / expired: only from an open checkout, and never once the order is credited. */
function planCheckoutStatus(
  context: FulfilmentContext,
  status: OrderStatus,
  from: readonly OrderStatus[],
  paymentId?: string,
): FulfilmentPlan {
  const { order } = context;
  if (isCredited(context)) return unchanged(context);
  const next = { ...order };
  if (from.includes(order.status)) next.status = status;
  // An asynchronous payment (Stripe's unpaid completion) names its PaymentIntent already: storing it lets a
  // refund or dispute that overtakes the payment find the order.
  if (paymentId && !order.providerPaymentId) next.providerPaymentId = paymentId;
  return { outcome: 'PROCESSED', order: next, movements: [], credited: false };
}

function planRefund(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  const { order } = context;
  const mismatch = currencyMismatch(event, order);
  if (mismatch) return failed(context, mismatch);
  const reference = `refund:${event.provider}:${event.refundId ?? event.eventId}`;
  if (context.references.has(reference)) return unchanged(context);
  // Stripe's real shape names no refund, only the cumulative total: another event with a total already
  // applied (Stripe sends charge.refunded again, or out of order) refunds nothing new.
  if (
    event.refundId === undefined &&
    event.refundedTotal !== undefined &&
    event.refundedTotal <= order.refundedAmount
  )
    return unchanged(context);
  // Stripe gives the cumulative refunded amount (exact, order-independent); Dodo gives each refund's amount.
  let refundedAmount: number;
  if (event.refundedTotal !== undefined) refundedAmount = Math.max(order.refundedAmount, event.refundedTotal);
  else if (event.amount !== undefined) refundedAmount = order.refundedAmount + event.amount;
  // A refund of the whole payment without an amount (Dodo: `amount` null, `is_partial` false).
  else if (event.fullRefund) refundedAmount = Math.max(order.refundedAmount, refundBase(order));
  else return failed(context, 'Refund event has no amount');

  const credited = isCredited(context);
  const next: OrderState = { ...order, refundedAmount };
  // Cumulative share minus what is already clawed back (refunds and any dispute hold): never twice.
  const clawback = Math.max(0, refundShare(next) - order.creditsClawedBack);
  next.creditsClawedBack = order.creditsClawedBack + clawback;
  next.status = statusOf(next, credited, order.status);
  return {
    outcome: 'PROCESSED',
    order: next,
    credited: false,
    notices: [{ type: 'order.refunded' }],
    movements: [
      {
        type: 'REFUND_CLAWBACK',
        // Before the payment nothing was credited: the row only records the refund (and makes it
        // idempotent); the payment will credit the net.
        amount: credited ? -clawback : 0,
        reference,
        description: credited
          ? `Refund of ${formatMoney(refundedAmount - order.refundedAmount, order.currency)}: ${clawback} credits clawed back`
          : `Refund of ${formatMoney(refundedAmount - order.refundedAmount, order.currency)} before the payment: ${clawback} credits netted`,
      },
    ],
  };
}

function disputeId(event: PaymentEvent): string {
  return event.disputeId ?? event.paymentId ?? event.eventId;
}

function disputeKey(event: PaymentEvent): string {
  return `dispute:${event.provider}:${disputeId(event)}`;
}

/** Opened (or lost without an opened seen): claw back what is left of the order. */
function planDisputeHold(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  const { order } = context;
  const key = disputeKey(event);
  if (context.references.has(`${key}:opened`) || context.references.has(`${key}:won`))
    return unchanged(context);
  const credited = isCredited(context);
  const hold = Math.max(0, order.credits - order.creditsClawedBack);
  const next: OrderState = { ...order, creditsClawedBack: order.creditsClawedBack + hold };
  next.status = statusOf(next, credited, order.status);
  return {
    outcome: 'PROCESSED',
    order: next,
    credited: false,
    notices: [
      { type: 'order.disputed', disputeId: disputeId(event), creditsClawedBack: credited ? hold : 0 },
    ],
    movements: [
      {
        type: 'DISPUTE_CLAWBACK',
        amount: credited ? -hold : 0,
        reference: `${key}:opened`,
        description: credited
          ? `Payment disputed: ${hold} credits held back`
          : `Payment disputed before it was credited: ${hold} credits netted`,
      },
    ],
  };
}

/**
 * Lost: the clawback stays (made now when no `opened` was seen). The application hears that the dispute
 * closed — once per closing event: a provider that sends two (Dodo's `dispute.lost`, then `accepted`) is
 * told twice, with the same `disputeId`. Nothing is said after the dispute was won.
 */
function planDisputeLost(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  if (context.references.has(`${disputeKey(event)}:won`)) return unchanged(context);
  const plan = planDisputeHold(event, context);
  if (plan.outcome !== 'PROCESSED') return plan;
  return {
    ...plan,
    notices: [
      ...(plan.notices ?? []),
      { type: 'order.dispute_closed', disputeId: disputeId(event), won: false },
    ],
  };
}

function planDisputeWon(event: PaymentEvent, context: FulfilmentContext): FulfilmentPlan {
  const { order } = context;
  const key = disputeKey(event);
  if (context.references.has(`${key}:won`)) return unchanged(context);
  const credited = isCredited(context);
  // Only what the dispute held is given back; the refunds' share stays clawed back. A `won` without an
  // `opened` restores nothing, and its row makes a late `opened` a no-op.
  const restore = context.references.has(`${key}:opened`)
    ? Math.max(0, order.creditsClawedBack - refundShare(order))
    : 0;
  const next: OrderState = { ...order, creditsClawedBack: order.creditsClawedBack - restore };
  // A won dispute before the payment: the payment exists, so reconciliation may find it (AWAITING_PAYMENT).
  next.status = statusOf(next, credited, order.status === 'DISPUTED' ? 'AWAITING_PAYMENT' : order.status);
  return {
    outcome: 'PROCESSED',
    order: next,
    credited: false,
    notices: [{ type: 'order.dispute_closed', disputeId: disputeId(event), won: true }],
    movements: [
      {
        type: 'DISPUTE_RESTORE',
        amount: credited ? restore : 0,
        reference: `${key}:won`,
        description: `Dispute won: ${restore} credits restored`,
      },
    ],
  };
}
