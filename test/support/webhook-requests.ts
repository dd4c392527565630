import { createOrder } from './factories.js';
import type { TestApp } from './test-app.js';
import {
  newWebhookId,
  signStandardWebhook,
  signStripe,
  stripeCheckoutEvent,
  type StripeSignOptions,
} from './webhook-signers.js';

/**
 * Deliveries as the providers make them: exact bytes, real signatures. Every secret and signature used is
 * remembered in `sentSecrets`, so a suite can prove none of them reached a log line.
 */
export const STRIPE_WEBHOOK_SECRET = 'whsec_test_webhooks_suite_secret_0123456789';
/** A valid Standard Webhooks secret (base64 after the prefix). */
export const DODO_WEBHOOK_KEY = `whsec_${Buffer.from('dodo-webhook-key-for-the-webhooks-suite').toString('base64')}`;

export const sentSecrets = new Set<string>([
  STRIPE_WEBHOOK_SECRET,
  DODO_WEBHOOK_KEY,
  DODO_WEBHOOK_KEY.slice('whsec_'.length),
]);

export interface StripeDelivery extends StripeSignOptions {
  /** Sign with another secret. */
  secret?: string;
  /** Send these bytes instead of the signed ones (tampering). */
  sendInstead?: string;
  /** Serialize with indentation (what was signed is what is sent, unless `sendInstead`). */
  pretty?: boolean;
  omitSignature?: boolean;
}

export function postStripe(t: TestApp, event: object, options: StripeDelivery = {}) {
  const body = JSON.stringify(event, null, options.pretty ? 2 : undefined);
  const signature = signStripe(body, options.secret ?? STRIPE_WEBHOOK_SECRET, options);
  sentSecrets.add(signature);
  for (const part of signature.split(',')) if (part.startsWith('v1=')) sentSecrets.add(part.slice(3));
  const request = t.http
    .post('/api/payments/stripe/webhook')
    .set('Content-Type', 'application/json; charset=utf-8');
  if (!options.omitSignature) request.set('Stripe-Signature', signature);
  return request.send(options.sendInstead ?? body);
}

/**
 * An order of `userId` (100 credits for 1800 cents unless told), paid through a real, signed
 * `checkout.session.completed` with PaymentIntent `pi`, answered 200.
 */
export async function paidStripeOrder(
  t: TestApp,
  userId: string,
  options: { credits?: number; amount?: number } = {},
) {
  const order = await createOrder(t, userId, {
    credits: options.credits ?? 100,
    amount: options.amount ?? 1800,
  });
  const pi = `pi_${order.id.replaceAll('-', '')}`;
  await postStripe(
    t,
    stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: order.amount,
      paymentIntent: pi,
    }),
  ).expect(200, { received: true });
  return { order, pi };
}

export interface DodoDelivery {
  id?: string;
  date?: Date;
  key?: string;
  /** Send with this webhook-id instead of the signed one. */
  idInstead?: string;
  omit?: 'webhook-id' | 'webhook-timestamp' | 'webhook-signature';
}

export function postDodo(t: TestApp, event: object, options: DodoDelivery = {}) {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = signStandardWebhook(
    options.key ?? DODO_WEBHOOK_KEY,
    options.id ?? newWebhookId(),
    options.date ?? new Date(),
    body,
  );
  sentSecrets.add(headers['webhook-signature']);
  sentSecrets.add(headers['webhook-signature'].replace(/^v1,/, ''));
  if (options.idInstead) headers['webhook-id'] = options.idInstead;
  if (options.omit) delete headers[options.omit];
  return t.http
    .post('/api/payments/dodo/webhook')
    .set('Content-Type', 'application/json')
    .set(headers)
    .send(body);
}

/** Every remembered secret that appears in the captured logs (expect it to be empty). */
export function leakedSecrets(logs: string[]): string[] {
  const text = logs.join('');
  return [...sentSecrets].filter((secret) => secret.length >= 8 && text.includes(secret));
}
