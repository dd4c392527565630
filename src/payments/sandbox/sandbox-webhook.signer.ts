import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * The sandbox's events use the Standard Webhooks format, like Dodo's, so they exercise the same
 * verification path as a real provider. Its secret is derived from JWT_SECRET: stable across
 * instances and restarts, nothing extra to configure, and never printed or returned.
 */
const SANDBOX_SECRET_LABEL = 'forge-credits/sandbox-webhook-secret/v1';

type SandboxEventType = 'payment.succeeded' | 'payment.failed' | 'checkout.cancelled' | 'refund.succeeded';

interface SandboxEventData {
  sessionId: string;
  orderId: string;
  /** Minor units. For `refund.succeeded`, the refunded amount. */
  amount: number;
  currency: string;
  /** Defaults to a payment id derived from the session id, so a refund can name the same payment. */
  paymentId?: string;
  refundId?: string;
}

export interface SandboxEvent {
  type: SandboxEventType;
  data: SandboxEventData;
}

export interface SignedSandboxEvent {
  /** Exactly the bytes that were signed: hand these to `verifyWebhook`, never a re-serialization. */
  rawBody: Buffer;
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
}

export function sandboxWebhookSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update(SANDBOX_SECRET_LABEL).digest('base64');
}

function sandboxPaymentId(sessionId: string): string {
  return `sbx_pay_${sessionId.replace(/^sbx_/, '')}`;
}

/**
 * Signs a sandbox event for the Pay / Cancel buttons. The default webhook id is derived from the
 * session and type, so a double-clicked Pay is one inbox row, exactly like a provider redelivery.
 */
export function signSandboxEvent(
  jwtSecret: string,
  event: SandboxEvent,
  options: { id?: string; timestamp?: Date } = {},
): SignedSandboxEvent {
  const id = options.id ?? `sbx_evt_${event.type}_${event.data.sessionId}`;
  const timestamp = options.timestamp ?? new Date();
  const body = JSON.stringify({
    type: event.type,
    created_at: timestamp.toISOString(),
    data: {
      session_id: event.data.sessionId,
      order_id: event.data.orderId,
      payment_id: event.data.paymentId ?? sandboxPaymentId(event.data.sessionId),
      ...(event.type === 'refund.succeeded'
        ? { refund_id: event.data.refundId ?? `sbx_ref_${randomBytes(8).toString('hex')}` }
        : {}),
      amount: event.data.amount,
      currency: event.data.currency.toLowerCase(),
    },
  });
  const signature = new Webhook(sandboxWebhookSecret(jwtSecret)).sign(id, timestamp, body);
  return {
    rawBody: Buffer.from(body, 'utf8'),
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}
