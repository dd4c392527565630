import type { OrderSource, OrderStatus } from '../generated/prisma/enums.js';

/**
 * A checkout the customer can still pay: the sandbox page offers Pay, a pending/failed/expired event may
 * still move it, reconciliation asks its provider about it.
 */
export const OPEN_CHECKOUT_STATUSES: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT'];

/**
 * What reconciliation asks the provider about: open checkouts, and FAILED ones whose checkout exists (a
 * Dodo checkout stays payable after a declined first attempt marked the order FAILED, and the success
 * webhook of the retry may be the one that is lost).
 */
export const RECONCILABLE_STATUSES: readonly OrderStatus[] = [...OPEN_CHECKOUT_STATUSES, 'FAILED'];

export function isOpenCheckout(status: OrderStatus): boolean {
  return OPEN_CHECKOUT_STATUSES.includes(status);
}

/** An order as fulfilment reads it under its row lock and the fulfilment policy decides on it. */
export interface OrderState {
  id: string;
  userId: string;
  /** Where the order's credits go. */
  walletId: string;
  provider: string;
  providerSessionId: string | null;
  providerPaymentId: string | null;
  credits: number;
  /** The order's price before tax (minor units): what a payment's net amount must match. */
  amount: number;
  /**
   * What the customer paid, tax included (minor units); set when the payment credits the order, null
   * before. Refunds are a share of it (see `refundBase`).
   */
  amountPaid: number | null;
  currency: string;
  status: OrderStatus;
  refundedAmount: number;
  creditsClawedBack: number;
  /** AUTO_TOP_UP: an off-session charge of a saved method (its grant says so; only it takes payment_intent.succeeded). */
  source?: OrderSource;
}
