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
  type NewCustomer,
  type OffSessionCharge,
  type OffSessionChargeResult,
  type OrderForCheckout,
  type PaymentEvent,
  type PaymentGateway,
  MAX_PAYMENT_RECORDS,
  type ProviderPaymentRecords,
  type SavedPaymentMethodDetails,
  type TimeWindow,
} from '../payment-gateway.js';
import { ProviderCaller } from '../provider-call.js';
import { ProviderDeadlineExceeded } from '../provider-deadline.js';
import { StandardWebhookVerifier } from '../standard-webhooks.js';
import { dodoPaymentFields, mapDodoEvent } from './dodo-event.mapper.js';
import { autoTopUpProductProblem, creditsProductProblem } from './dodo-product.check.js';

/** Subscriptions that can never be charged again. */
const ENDED_SUBSCRIPTIONS: ReadonlySet<DodoPayments.SubscriptionStatus> = new Set([
  'cancelled',
  'failed',
  'expired',
]);

/**
 * How far before its attempt a resumed attempt's payment is looked for: the attempt's creation time is our
 * database's clock, the payment's is Dodo's.
 */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

/**
 * Dodo Payments. Off-session charges (auto top-up) go through an on-demand subscription of
 * DODO_AUTO_TOP_UP_PRODUCT_ID: a checkout that saves the card starts one (its first charge is the purchase),
 * and each top-up is `subscriptions.charge` on it. Without that product the off-session methods are absent,
 * so billing and auto top-up answer AUTO_TOP_UP_UNSUPPORTED.
 */
export class DodoGateway implements PaymentGateway, OnApplicationBootstrap {
  readonly provider = 'dodo' as const;
  readonly createCustomer?: (customer: NewCustomer) => Promise<string>;
  readonly readSavedPaymentMethod?: (paymentId: string) => Promise<SavedPaymentMethodDetails | undefined>;
  readonly chargeOffSession?: (charge: OffSessionCharge) => Promise<OffSessionChargeResult>;
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
    const autoTopUpProductId = config.autoTopUpProductId;
    if (autoTopUpProductId) {
      this.createCustomer = (customer) => this.createDodoCustomer(customer);
      this.readSavedPaymentMethod = (paymentId) => this.readSubscription(paymentId, autoTopUpProductId);
      this.chargeOffSession = (charge) => this.chargeSubscription(charge);
    }
  }

  /**
   * Refuses to start with a credits product that would change what the customer pays (a discount,
   * purchasing-power parity, tax-inclusive pricing, a fixed price): every such payment would mismatch its
   * order and credit nothing. A Dodo outage at boot is only logged: the product is checked again at the
   * next start, and checkouts fail with 502 meanwhile anyway.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.checkProduct('DODO_CREDITS_PRODUCT_ID', this.config.creditsProductId, creditsProductProblem);
    if (this.config.autoTopUpProductId)
      await this.checkProduct(
        'DODO_AUTO_TOP_UP_PRODUCT_ID',
        this.config.autoTopUpProductId,
        autoTopUpProductProblem,
      );
  }

  private async checkProduct(
    variable: string,
    productId: string,
    problemOf: (product: DodoPayments.Product) => string | undefined,
  ): Promise<void> {
    let product: DodoPayments.Product;
    try {
      product = await this.caller.call(`retrieve product ${variable}`, (signal) =>
        this.client.products.retrieve(productId, { signal }),
      );
    } catch (error) {
      if (error instanceof PaymentProviderError && error.providerStatus === 404) {
        throw new Error(`${variable} ${productId}: no such Dodo product`, { cause: error });
      }
      return;
    }
    const problem = problemOf(product);
    if (problem) throw new Error(`${variable} ${productId}: ${problem}`);
  }

  async createCheckout(order: OrderForCheckout): Promise<CreatedCheckout> {
    const urls = checkoutReturnUrls(this.publicUrl, order.orderId);
    const currency = order.currency.toUpperCase() as DodoPayments.Currency;
    const session = await this.caller.call('create checkout', (signal) =>
      this.client.checkoutSessions.create(
        {
          ...(order.saveForCustomer
            ? this.onDemandCheckout(order, order.saveForCustomer, currency)
            : {
                // A pay-what-you-want product: the server-computed amount is the price (minor units).
                product_cart: [
                  { product_id: this.config.creditsProductId, quantity: 1, amount: order.amount },
                ],
                customer: {
                  email: order.customer.email,
                  ...(order.customer.name ? { name: order.customer.name } : {}),
                },
              }),
          // The customer pays exactly the order: no discount code (allowed by default), no local currency
          // (Adaptive Currency is on by default), the order's currency billed.
          feature_flags: { allow_discount_code: false, allow_currency_selection: false },
          billing_currency: currency,
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

  /**
   * A purchase that saves the card: an on-demand subscription of the auto top-up product whose first charge
   * is the order's amount (`mandate_only: false`), for the wallet's customer. Its `payment.succeeded` credits
   * the order like any purchase, and names the subscription the top-ups are charged on.
   */
  private onDemandCheckout(
    order: OrderForCheckout,
    customerId: string,
    currency: DodoPayments.Currency,
  ): Pick<DodoPayments.CheckoutSessionCreateParams, 'product_cart' | 'customer' | 'subscription_data'> {
    return {
      product_cart: [{ product_id: this.config.autoTopUpProductId!, quantity: 1 }],
      customer: { customer_id: customerId },
      subscription_data: {
        on_demand: {
          mandate_only: false,
          product_price: order.amount,
          product_currency: currency,
          product_description: `${order.credits} credits`,
        },
        // A trial on the product would make the first charge free: the purchase must be paid now.
        trial_period_days: 0,
      },
    };
  }

  /**
   * Dodo takes no idempotency key, so two concurrent first checkouts of a wallet may each create one: the
   * first stored wins, and the other stays an unused customer at Dodo.
   */
  private async createDodoCustomer(customer: NewCustomer): Promise<string> {
    const created = await this.caller.call('create customer', (signal) =>
      this.client.customers.create(
        {
          email: customer.email,
          name: customer.name ?? customer.email,
          metadata: { walletId: customer.walletId },
        },
        { signal },
      ),
    );
    return created.customer_id;
  }

  /**
   * The on-demand subscription a paid checkout started, as the wallet's saved method: the payment names
   * the subscription, the subscription its customer. Undefined when the payment started none that can be
   * charged. Only the card's network and last four digits are kept.
   */
  private async readSubscription(
    paymentId: string,
    autoTopUpProductId: string,
  ): Promise<SavedPaymentMethodDetails | undefined> {
    const payment = await this.caller.call('retrieve payment', (signal) =>
      this.client.payments.retrieve(paymentId, { signal }),
    );
    const subscriptionId = payment.subscription_id;
    if (!subscriptionId) return undefined;
    const subscription = await this.caller.call('retrieve subscription', (signal) =>
      this.client.subscriptions.retrieve(subscriptionId, { signal }),
    );
    if (
      !subscription.on_demand ||
      subscription.product_id !== autoTopUpProductId ||
      ENDED_SUBSCRIPTIONS.has(subscription.status)
    )
      return undefined;
    return {
      customerId: subscription.customer.customer_id,
      paymentMethodId: subscription.subscription_id,
      brand: payment.card_network?.toLowerCase() ?? null,
      last4: payment.card_last_four ?? null,
    };
  }

  /**
   * One top-up: a charge on the wallet's on-demand subscription (`paymentMethodId`), carrying the order
   * and the attempt in its metadata. A resumed attempt is looked for first among the subscription's
   * payments: when a charge of it exists, its payment is the answer and nothing is charged again.
   */
  private async chargeSubscription(charge: OffSessionCharge): Promise<OffSessionChargeResult> {
    let paymentId = charge.resumed ? await this.findAttemptPayment(charge) : undefined;
    if (!paymentId) {
      const answer = await this.caller.call('charge subscription', async (signal) => {
        try {
          return await this.client.subscriptions.charge(
            charge.paymentMethodId,
            {
              product_price: charge.amount,
              product_currency: charge.currency.toUpperCase() as DodoPayments.Currency,
              product_description: `${charge.credits} credits (auto top-up)`,
              metadata: { orderId: charge.orderId, attemptId: charge.attemptId },
            },
            // Never retried by the SDK: a retry after a lost answer could charge twice. The attempt is
            // resumed after its lease instead, and then looked for before any new charge.
            { signal, maxRetries: 0 },
          );
        } catch (error) {
          // A refused charge (a cancelled subscription, an unusable mandate) is an answer, not an outage.
          if (error instanceof APIError && isRefusal(error.status)) return { refused: error.status };
          throw error;
        }
      });
      if ('refused' in answer)
        return { outcome: 'declined', failureCode: `charge_refused_${answer.refused}` };
      paymentId = answer.payment_id;
    }
    const payment = await this.caller.call('retrieve payment', (signal) =>
      this.client.payments.retrieve(paymentId, { signal }),
    );
    return chargeOutcome(payment);
  }

  /** The payment an earlier claim of this attempt created, if any: its metadata names the attempt. */
  private findAttemptPayment(charge: OffSessionCharge): Promise<string | undefined> {
    const since = new Date(charge.attemptCreatedAt.getTime() - CLOCK_SKEW_MS).toISOString();
    return this.caller.call('find the attempt payment', async (signal) => {
      let seen = 0;
      for await (const payment of this.client.payments.list(
        { subscription_id: charge.paymentMethodId, created_at_gte: since, page_size: 100, page_number: 0 },
        { signal },
      )) {
        if (String(payment.metadata?.attemptId ?? '') === charge.attemptId) return payment.payment_id;
        if (++seen >= MAX_PAYMENT_RECORDS) break;
      }
      return undefined;
    });
  }

  /**
   * Ends the on-demand subscription, so the saved method can never be charged again. A refused cancellation of a subscription Dodo says is already cancelled is
   * done (a retry whose first answer was lost); any other refusal stays a failure.
   */
  async detachPaymentMethod(subscriptionId: string): Promise<void> {
    try {
      await this.caller.call('cancel subscription', (signal) =>
        this.client.subscriptions.update(subscriptionId, { status: 'cancelled' }, { signal }),
      );
    } catch (error) {
      if (!(error instanceof PaymentProviderError) || error.failure !== 'rejected') throw error;
      const subscription = await this.caller.call('retrieve subscription', (signal) =>
        this.client.subscriptions.retrieve(subscriptionId, { signal }),
      );
      if (subscription.status !== 'cancelled') throw error;
    }
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

/** What a charge's payment says: money arrived, it was declined, the bank wants the customer, or not yet. */
function chargeOutcome(payment: DodoPayments.Payment): OffSessionChargeResult {
  const paymentId = payment.payment_id;
  switch (payment.status) {
    case 'succeeded': {
      const { amount, amountPaid, currency } = dodoPaymentFields(
        payment as unknown as Record<string, unknown>,
      );
      if (amount === undefined || currency === undefined) return { outcome: 'processing', paymentId };
      return { outcome: 'succeeded', paymentId, amount, amountPaid, currency };
    }
    case 'failed':
    case 'cancelled':
    case 'requires_payment_method':
      return { outcome: 'declined', failureCode: payment.error_code ?? payment.status, paymentId };
    case 'requires_customer_action':
      return { outcome: 'requires_action', paymentId };
    default:
      return { outcome: 'processing', paymentId };
  }
}

/** A 4xx that refuses the request itself (not a timeout, a conflict or a rate limit, which may pass). */
function isRefusal(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && ![408, 409, 429].includes(status);
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
