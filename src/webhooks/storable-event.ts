import type { PaymentEvent } from '../payments/payment-gateway.js';

/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb`, nor a lone UTF-16 surrogate in `jsonb`; a signed
 * payload may carry either (a customer's name, say), and refusing it would answer 500 forever, so the paid
 * order would only be credited by reconciliation. Every string of the event — its payload for the record,
 * its ids and normalized fields for fulfilment — is stored with such characters replaced by U+FFFD.
 */
export function storableEvent(event: PaymentEvent): PaymentEvent {
  return storable(event) as PaymentEvent;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [storableText(key), storable(inner)]),
  );
}

// oxlint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL cannot store.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
