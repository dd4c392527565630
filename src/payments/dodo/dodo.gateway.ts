import type { IncomingHttpHeaders } from 'node:http';
import { type OnApplicationBootstrap } from '@nestjs/common';
import DodoPayments, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'dodopayments';
import type { DodoConfig } from '../../config/app-config.js';
import { checkoutReturnUrls } from '../checkout-return-urls.js';
import {
  PaymentProviderError,
  type PostalAddress,
  type CheckoutStatus,
  type CreatedCheckout,
  type OrderForCheckout,
  type PaymentEvent,
  type PaymentGateway,
  MAX_PAYMENT_RECORDS,
  type ProviderPaymentRecords,
  type TimeWindow,
} from '../payment-gateway.js';
import { ProviderCaller } from '../provider-call.js';
import { ProviderDeadlineExceeded } from '../provider-deadline.js';
import { StandardWebhookVerifier } from '../standard-webhooks.js';
import { dodoPaymentFields, mapDodoEvent } from './dodo-event.mapper.js';
import { creditsProductProblem } from './dodo-product.check.js';

export class DodoGateway implements PaymentGateway, OnApplicationBootstrap {
  readonly provider = 'dodo' as const;
  private readonly caller: ProviderCaller;
  private readonly verifier: StandardWebhookVerifier;

  constructor(
    private readonly client: DodoPayments,
    private readonly config: DodoConfig,
    private readonly publicUrl: string,
    timeoutMs: number,
  ) {
    this.caller = new ProviderCaller('dodo', timeoutMs, classifyDodoError);
    this.verifier = new StandardWebhookVerifier(config.webhookKey);
  }

  /**
   * Refuses to start with a credits product that would change what the customer pays (a discount,
   * purchasing-power parity, tax-inclusive pricing, a fixed price): every such payment would mismatch its
   * order and credit nothing. A Dodo outage at boot is only logged: the product is checked again at the
   * next start, and checkouts fail with 502 meanwhile anyway.
   */
  async onApplicationBootstrap(): Promise<void> {
    let product: DodoPayments.Product;
    try {
      product = await this.caller.call('retrieve credits product', (signal) =>
        this.client.products.retrieve(this.config.creditsProductId, { signal }),
      );
    } catch (error) {
      if (error instanceof PaymentProviderError && error.providerStatus === 404) {
        throw new Error(`DODO_CREDITS_PRODUCT_ID ${this.config.creditsProductId}: no such Dodo product`, {
          cause: error,
        });
      }
      return;
    }
    const problem = creditsProductProblem(product);
    if (problem) throw new Error(`DODO_CREDITS_PRODUCT_ID ${this.config.creditsProductId}: ${problem}`);
  }

  async createCheckout(order: OrderForCheckout): Promise<CreatedCheckout> {
    const urls = checkoutReturnUrls(this.publicUrl, order.orderId);
    const session = await this.caller.call('create checkout', (signal) =>
      this.client.checkoutSessions.create(
        {
          // A pay-what-you-want product: the server-computed amount is the price (minor units).
          product_cart: [{ product_id: this.config.creditsProductId, quantity: 1, amount: order.amount }],
          // The customer pays exactly the order: no discount code (allowed by default), no local currency
          // (Adaptive Currency is on by default), the order's currency billed.
          feature_flags: { allow_discount_code: false, allow_currency_selection: false },
          billing_currency: order.currency.toUpperCase() as DodoPayments.Currency,
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
      throw this.caller.unexpected(
        'create checkout',
        new PaymentProviderError('dodo', 'unexpected_response'),
      );
    }
    return { sessionId: session.session_id, checkoutUrl: session.checkout_url };
  }

  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent {
    const { id, body } = this.verifier.verify(rawBody, headers);
    return mapDodoEvent(id, body);
  }

  parseStoredEvent(eventId: string, payload: unknown): PaymentEvent {
    return mapDodoEvent(eventId, payload);
  }

  async fetchCheckoutStatus(sessionId: string): Promise<CheckoutStatus> {
    const session = await this.caller.call('retrieve checkout', (signal) =>
      this.client.checkoutSessions.retrieve(sessionId, { signal }),
    );
    if (!session.payment_id) return { status: 'open' };
    const payment = await this.caller.call('retrieve payment', (signal) =>
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
    const [payments, refunds] = await this.caller.call('list payments and refunds', async (signal) => {
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
function dodoBillingAddress(address: PostalAddress): DodoPayments.CheckoutSessionBillingAddress {
  return {
    street: [address.line1, address.line2].filter(Boolean).join(', '),
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    zipcode: address.postalCode,
    country: address.country.toUpperCase() as DodoPayments.CountryCode,
  };
}

/** Maps what the SDK threw onto a PaymentProviderError without keeping the SDK's message. */
function classifyDodoError(error: unknown): PaymentProviderError {
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
