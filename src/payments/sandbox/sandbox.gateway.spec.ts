import { describe, expect, it } from 'vitest';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { SandboxGateway } from './sandbox.gateway.js';
import { sandboxWebhookSecret, signSandboxEvent } from './sandbox-webhook.signer.js';

const JWT_SECRET = 'sandbox-spec-jwt-secret-0123456789abcdef';
const gateway = new SandboxGateway(JWT_SECRET, 'http://localhost:3000');
const data = { sessionId: 'sbx_abc', orderId: 'order-1', amount: 1800, currency: 'USD' };

describe('SandboxGateway', () => {
  it('creates a local checkout URL with an sbx_ session id', async () => {
    const { sessionId, checkoutUrl } = await gateway.createCheckout({
      orderId: 'order-1',
      userId: 'user-1',
      credits: 100,
      amount: 1800,
      currency: 'usd',
      customer: { email: 'a@example.com', name: null },
      billingAddress: null,
    });
    expect(sessionId).toMatch(/^sbx_[0-9a-f]{32}$/);
    expect(checkoutUrl).toBe(`http://localhost:3000/api/payments/sandbox/checkout/${sessionId}`);
  });

  it('verifies its own signed Pay event and maps it to checkout.paid', () => {
    const { rawBody, headers } = gateway.signEvent({ type: 'payment.succeeded', data });
    expect(gateway.verifyWebhook(rawBody, headers)).toMatchObject({
      provider: 'sandbox',
      eventId: 'sbx_evt_payment.succeeded_sbx_abc',
      kind: 'checkout.paid',
      orderId: 'order-1',
      sessionId: 'sbx_abc',
      paymentId: 'sbx_pay_abc',
      amount: 1800,
      currency: 'usd',
    });
  });

  it('maps cancel, failure and refund events', () => {
    const kind = (type: 'payment.failed' | 'checkout.cancelled' | 'refund.succeeded') => {
      const signed = gateway.signEvent({ type, data });
      return gateway.verifyWebhook(signed.rawBody, signed.headers).kind;
    };
    expect(kind('payment.failed')).toBe('checkout.failed');
    expect(kind('checkout.cancelled')).toBe('checkout.expired');
    expect(kind('refund.succeeded')).toBe('refund');
  });

  it('accepts events signed by another instance with the same JWT secret, not with a different one', () => {
    const other = new SandboxGateway(JWT_SECRET, 'http://elsewhere');
    const signed = signSandboxEvent(JWT_SECRET, { type: 'payment.succeeded', data });
    expect(other.verifyWebhook(signed.rawBody, signed.headers).kind).toBe('checkout.paid');

    const forged = signSandboxEvent('another-jwt-secret-0123456789abcdefgh', {
      type: 'payment.succeeded',
      data,
    });
    expect(() => gateway.verifyWebhook(forged.rawBody, forged.headers)).toThrow(AppException);
  });

  it('rejects a tampered body or a missing header with INVALID_SIGNATURE', () => {
    const signed = gateway.signEvent({ type: 'payment.succeeded', data });
    const tampered = Buffer.from(signed.rawBody.toString().replace('1800', '180000'));
    for (const attempt of [
      () => gateway.verifyWebhook(tampered, signed.headers),
      () => gateway.verifyWebhook(signed.rawBody, { ...signed.headers, 'webhook-signature': undefined }),
    ]) {
      try {
        attempt();
        throw new Error('expected INVALID_SIGNATURE');
      } catch (error) {
        expect((error as AppException).code).toBe(ErrorCode.INVALID_SIGNATURE);
      }
    }
  });

  it('derives a secret that is not the JWT secret itself', () => {
    expect(sandboxWebhookSecret(JWT_SECRET)).not.toContain(JWT_SECRET);
    expect(sandboxWebhookSecret(JWT_SECRET)).toBe(sandboxWebhookSecret(JWT_SECRET));
  });

  it('reports every session as open: only Pay completes a sandbox payment', async () => {
    expect(await gateway.fetchCheckoutStatus('sbx_abc')).toEqual({ status: 'open' });
  });
});
