import type { CheckoutStatus, PaymentEvent, PaymentProviderName } from '../payments/payment-gateway.js';

/**
 * Reconciliation feeds what the provider reported into the same fulfilment as a webhook, as a synthetic
 * event with a deterministic id: a second run, or a late real webhook, is then a no-op on a credited order,
 * and an admin can replay a FAILED one from its stored payload like any other event.
 */
export interface ReconciliationPayload {
  source: 'reconciliation';
  orderId: string;
  provider: PaymentProviderName;
  sessionId: string;
  checkout: CheckoutStatus;
}

function reconciliationEventId(orderId: string): string {
  return `reconcile:${orderId}`;
}

export function reconciliationEvent(payload: ReconciliationPayload): PaymentEvent {
  return {
    provider: payload.provider,
    eventId: reconciliationEventId(payload.orderId),
    type: `reconciliation.${payload.checkout.status}`,
    kind: payload.checkout.status === 'paid' ? 'checkout.paid' : 'ignored',
    orderId: payload.orderId,
    sessionId: payload.sessionId,
    paymentId: payload.checkout.paymentId,
    amount: payload.checkout.amount,
    amountPaid: payload.checkout.amountPaid,
    currency: payload.checkout.currency,
    payload,
  };
}

export function isReconciliationPayload(payload: unknown): payload is ReconciliationPayload {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { source?: unknown }).source === 'reconciliation'
  );
}
