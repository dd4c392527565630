import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { invalidSignature, singleHeader } from './webhook-headers.js';

const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Standard Webhooks verification (Dodo and the sandbox): the HMAC over `id.timestamp.body` of the exact
 * bytes received, any of the `v1,` signatures of the header, and a 300 s window both ways. The secret may
 * carry the `whsec_` prefix or not. Every failure is the same INVALID_SIGNATURE, with no detail.
 */
export class StandardWebhookVerifier {
  private readonly webhook: Webhook;

  constructor(secret: string) {
    this.webhook = new Webhook(secret);
  }

  /** The verified JSON body and its `webhook-id` (the delivery-stable message id). */
  verify(rawBody: Buffer, headers: IncomingHttpHeaders): { id: string; body: unknown } {
    const signed: Record<string, string> = {};
    for (const name of STANDARD_WEBHOOK_HEADERS) {
      const value = singleHeader(headers, name);
      if (!value) throw invalidSignature();
      signed[name] = value;
    }
    if (!Buffer.isBuffer(rawBody)) throw invalidSignature();
    try {
      return { id: signed['webhook-id'], body: this.webhook.verify(rawBody.toString('utf8'), signed) };
    } catch {
      throw invalidSignature();
    }
  }
}
