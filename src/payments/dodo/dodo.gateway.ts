import type { IncomingHttpHeaders } from 'node:http';
import { Logger } from '@nestjs/common';
import DodoPayments, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'dodopayments';
import type { DodoConfig } from '../../config/app-config.js';
import { checkoutReturnUrls } from '../checkout-return-urls.js';
import {
  PaymentProviderError,
  type BillingAddressForCheckout,
  type CheckoutStatus,
  type CreatedCheckout,
  type OrderForCheckout,
  type PaymentEvent,
  type PaymentGateway,
  MAX_PAYMENT_RECORDS,
  type ProviderPaymentRecords,
  type TimeWindow,
} from '../payment-gateway.js';
import { ProviderDeadlineExceeded, withDeadline } from '../provider-deadline.js';
import { invalidSignature, singleHeader } from '../webhook-headers.js';
import { dodoPaymentFields, mapDodoEvent } from './dodo-event.mapper.js';

const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export class DodoGateway implements PaymentGateway {
  readonly provider = 'dodo' as const;
  private readonly logger = new Logger(DodoGateway.name);

  constructor(
    private readonly client: DodoPayments,
    private readonly config: DodoConfig,
    private readonly publicUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async createCheckout(order: OrderForCheckout): Promise<CreatedCheckout> {
    const urls = checkoutReturnUrls(this.publicUrl, order.orderId);
    const session = await this.call('create checkout', (signal) =>
      this.client.checkoutSessions.create(
        {
          // A pay-what-you-want product: the server-computed amount is the price (minor units).
          product_cart: [{ product_id: this.config.creditsProductId, quantity: 1, amount: order.amount }],
          customer: {
            email: order.customer.email,
            ...(order.customer.name ? { name: order.customer.name } : {}),
          },
          ...(order.billingAddress ? { billing_address: dodoBillingAddress(order.billingAddress) } : {}),
          return_url: urls.success,
          cancel_url: urls.cancel,
          metadata: { orderId: order.orderId, userId: order.userId },
        },
        { signal },
      ),
    );
    if (!session?.session_id || !session.checkout_url) {
      this.logger.warn('Dodo create checkout answered without a session id or URL');
      throw new PaymentProviderError('dodo', 'unexpected_response');
    }
    return { sessionId: session.session_id, checkoutUrl: session.checkout_url };
  }

  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent {
    const signed: Record<string, string> = {};
    for (const name of STANDARD_WEBHOOK_HEADERS) {
      const value = singleHeader(headers, name);
      if (!value) throw invalidSignature();
      signed[name] = value;
    }
    if (!Buffer.isBuffer(rawBody)) throw invalidSignature();
    let body: unknown;
    try {
      // Always with headers: the SDK's unwrap skips verification when they are absent. Standard
      // Webhooks checks the HMAC over id.timestamp.body and a 300 s window both ways; the key may
      // carry the `whsec_` prefix or not.
      body = this.client.webhooks.unwrap(rawBody.toString('utf8'), {
        headers: signed,
        key: this.config.webhookKey,
      });
    } catch {
      throw invalidSignature();
    }
    return mapDodoEvent(signed['webhook-id'], body);
  }

  parseStoredEvent(eventId: string, payload: unknown): PaymentEvent {
    return mapDodoEvent(eventId, payload);
  }

  async fetchCheckoutStatus(sessionId: string): Promise<CheckoutStatus> {
    const session = await this.call('retrieve checkout', (signal) =>
      this.client.checkoutSessions.retrieve(sessionId, { signal }),
    );
    if (!session.payment_id) return { status: 'open' };
    const payment = await this.call('retrieve payment', (signal) =>
      this.client.payments.retrieve(session.payment_id!, { signal }),
    );
    const { paymentId, amount, amountPaid, currency } = dodoPaymentFields(
      payment as unknown as Record<string, unknown>,
    );
    return {
      status: dodoPaymentStatus(payment.status ?? session.payment_status),
      paymentId,
      amount,
      amountPaid,
      currency,
    };
  }

  async fetchPaymentRecords(window: TimeWindow): Promise<ProviderPaymentRecords> {
    // Dodo's filters include both ends; a record exactly at `to` belongs to the next window.
    const range = { created_at_gte: window.from.toISOString(), created_at_lte: window.to.toISOString() };
    const before = (createdAt: string) => new Date(createdAt).getTime() < window.to.getTime();
    const [payments, refunds] = await this.call('list payments and refunds', async (signal) => {
      const listedPayments = [];
      for await (const payment of this.client.payments.list(
        { ...range, status: 'succeeded', page_size: 100 },
        { signal },
      )) {
        listedPayments.push(payment);
        if (listedPayments.length >= MAX_PAYMENT_RECORDS) break;
      }
      const listedRefunds = [];
      for await (const refund of this.client.refunds.list(
        { ...range, status: 'succeeded', page_size: 100 },
        { signal },
      )) {
        listedRefunds.push(refund);
        if (listedRefunds.length >= MAX_PAYMENT_RECORDS) break;
      }
      return [listedPayments, listedRefunds] as const;
    });
    return {
      payments: payments
        .filter((payment) => before(payment.created_at))
        .map((payment) => ({
          paymentId: payment.payment_id,
          amount: payment.total_amount,
          currency: payment.currency.toLowerCase(),
          createdAt: new Date(payment.created_at),
        })),
      refunds: refunds.flatMap((refund) =>
        before(refund.created_at) && typeof refund.amount === 'number' && refund.currency
          ? [
              {
                refundId: refund.refund_id,
                paymentId: refund.payment_id,
                amount: refund.amount,
                currency: refund.currency.toLowerCase(),
                createdAt: new Date(refund.created_at),
              },
            ]
          : [],
      ),
    };
  }

  private async call<T>(operation: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.timeoutMs, request);
    } catch (error) {
      const failure = classifyDodoError(error);
      this.logger.warn(
        `Dodo ${operation} failed: ${failure.failure}${failure.providerStatus ? ` (HTTP ${failure.providerStatus})` : ''}`,
      );
      throw failure;
    }
  }
}

function dodoPaymentStatus(status: DodoPayments.IntentStatus | null | undefined): CheckoutStatus['status'] {
  switch (status) {
    case 'succeeded':
      return 'paid';
    case 'failed':
    case 'cancelled':
      return 'failed';
    case 'processing':
    case 'requires_capture':
    case 'partially_captured':
    case 'partially_captured_and_capturable':
      return 'unpaid';
    default:
      return 'open';
  }
}

/** Our address → Dodo's: one street line, `zipcode`, ISO alpha-2 country. */
export function dodoBillingAddress(
  address: BillingAddressForCheckout,
): DodoPayments.CheckoutSessionBillingAddress {
  return {
    street: [address.line1, address.line2].filter(Boolean).join(', '),
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    zipcode: address.postalCode,
    country: address.country.toUpperCase() as DodoPayments.CountryCode,
  };
}

/** Maps what the SDK threw onto a PaymentProviderError without keeping the SDK's message. */
export function classifyDodoError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (error instanceof ProviderDeadlineExceeded || error instanceof APIConnectionTimeoutError) {
    return new PaymentProviderError('dodo', 'timeout');
  }
  if (error instanceof APIConnectionError) return new PaymentProviderError('dodo', 'network');
  if (error instanceof APIError && typeof error.status === 'number') {
    return new PaymentProviderError('dodo', error.status >= 500 ? 'server_error' : 'rejected', error.status);
  }
  return new PaymentProviderError('dodo', 'unexpected_response');
}
