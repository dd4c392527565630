import type { IncomingHttpHeaders } from 'node:http';
import type Stripe from 'stripe';
import type { StripeConfig } from '../../config/app-config.js';
import { checkoutReturnUrls } from '../checkout-return-urls.js';
import {
  PaymentProviderError,
  type CheckoutStatus,
  type NewCustomer,
  type OffSessionCharge,
  type OffSessionChargeResult,
  type SavedPaymentMethodDetails,
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
import { invalidSignature, singleHeader } from '../webhook-headers.js';
import { idOf, mapStripeEvent, offSessionFailure } from './stripe-event.mapper.js';

/** Seconds a Stripe-Signature timestamp may be away from now (docs/api.md, "Payment webhooks"). */
const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

export class StripeGateway implements PaymentGateway {
  readonly provider = 'stripe' as const;
  private readonly caller: ProviderCaller;

  constructor(
    private readonly stripe: Stripe,
    private readonly config: StripeConfig,
    private readonly publicUrl: string,
    timeoutMs: number,
  ) {
    this.caller = new ProviderCaller('stripe', timeoutMs, classifyStripeError);
  }

  async createCheckout(order: OrderForCheckout): Promise<CreatedCheckout> {
    const urls = checkoutReturnUrls(this.publicUrl, order.orderId);
    const metadata = { orderId: order.orderId, userId: order.userId };
    const session = await this.caller.call('create checkout', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: order.currency,
                unit_amount: order.amount,
                product_data: { name: `${order.credits} credits` },
              },
            },
          ],
          client_reference_id: order.userId,
          // A session names its customer or an email, never both (Stripe refuses the pair).
          ...(order.saveForCustomer
            ? { customer: order.saveForCustomer }
            : { customer_email: order.customer.email }),
          metadata,
          // Copied onto the PaymentIntent so refunds and disputes (charge events) can be traced too.
          payment_intent_data: order.saveForCustomer
            ? { metadata, setup_future_usage: 'off_session' }
            : { metadata },
          success_url: urls.success,
          cancel_url: urls.cancel,
        },
        // The order id makes a retried create (SDK retry or ours) return the same session.
        { idempotencyKey: order.orderId },
      ),
    );
    if (!session.id || !session.url) {
      throw this.caller.unexpected(
        'create checkout',
        new PaymentProviderError('stripe', 'unexpected_response'),
      );
    }
    return { sessionId: session.id, checkoutUrl: session.url };
  }

  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent {
    const signature = singleHeader(headers, 'stripe-signature');
    if (!signature || !Buffer.isBuffer(rawBody) || isTooFarInFuture(signature)) throw invalidSignature();
    let event: Stripe.Event;
    try {
      // The SDK checks every v1 entry and rejects timestamps older than the tolerance; its message is
      // dropped on purpose (it can quote the header).
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.config.webhookSecret,
        STRIPE_SIGNATURE_TOLERANCE_SECONDS,
      );
    } catch {
      throw invalidSignature();
    }
    if (!event || typeof event.id !== 'string' || typeof event.type !== 'string') throw invalidSignature();
    return mapStripeEvent(event);
  }

  parseStoredEvent(_eventId: string, payload: unknown): PaymentEvent {
    return mapStripeEvent(payload as Stripe.Event);
  }

  async fetchCheckoutStatus(sessionId: string): Promise<CheckoutStatus> {
    const session = await this.caller.call('retrieve checkout', () =>
      this.stripe.checkout.sessions.retrieve(sessionId),
    );
    const details = {
      paymentId: idOf(session.payment_intent),
      amount: session.amount_total ?? undefined,
      amountPaid: session.amount_total ?? undefined,
      currency: session.currency?.toLowerCase(),
    };
    if (session.status === 'expired') return { status: 'expired', ...details };
    if (session.status !== 'complete') return { status: 'open', ...details };
    return { status: session.payment_status === 'unpaid' ? 'unpaid' : 'paid', ...details };
  }

  /** A dispute whose `payment_intent` is null names its charge: the charge knows its PaymentIntent. */
  async findPaymentIdOfCharge(chargeId: string): Promise<string | undefined> {
    const charge = await this.caller.call('retrieve charge', () => this.stripe.charges.retrieve(chargeId));
    return idOf(charge.payment_intent);
  }

  async createCustomer(customer: NewCustomer): Promise<string> {
    const created = await this.caller.call('create customer', () =>
      this.stripe.customers.create(
        {
          email: customer.email,
          name: customer.name ?? undefined,
          metadata: { walletId: customer.walletId },
        },
        { idempotencyKey: `customer:${customer.walletId}` },
      ),
    );
    return created.id;
  }

  async readSavedPaymentMethod(paymentId: string): Promise<SavedPaymentMethodDetails | undefined> {
    const intent = await this.caller.call('retrieve payment intent', () =>
      this.stripe.paymentIntents.retrieve(paymentId),
    );
    const methodId = idOf(intent.payment_method);
    const customerId = idOf(intent.customer);
    if (!methodId || !customerId) return undefined;
    const method = await this.caller.call('retrieve payment method', () =>
      this.stripe.paymentMethods.retrieve(methodId),
    );
    // Detached since (removed, or replaced by a newer card): a redelivered event of its checkout must not
    // store a card that can no longer be charged over the one that can — as Dodo's ended subscription.
    if (!method.customer) return undefined;
    return {
      customerId,
      paymentMethodId: method.id,
      brand: method.card?.brand ?? null,
      last4: method.card?.last4 ?? null,
    };
  }

  async chargeOffSession(charge: OffSessionCharge): Promise<OffSessionChargeResult> {
    type Answer = { intent: Stripe.PaymentIntent } | { cardError: Stripe.errors.StripeCardError };
    const answer = await this.caller.call('charge off-session', async (): Promise<Answer> => {
      try {
        const intent = await this.stripe.paymentIntents.create(
          {
            amount: charge.amount,
            currency: charge.currency,
            customer: charge.customerId,
            payment_method: charge.paymentMethodId,
            off_session: true,
            confirm: true,
            description: `${charge.credits} credits (auto top-up)`,
            metadata: { orderId: charge.orderId, attemptId: charge.attemptId },
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          },
          // Stripe replays the first answer for a repeated key: a crash between the attempt and its
          // charge, or a reconciliation, can never charge twice.
          { idempotencyKey: charge.attemptId },
        );
        return { intent };
      } catch (error) {
        // A card error is an answer about the card, not a failure of the call.
        if ((error as { type?: string }).type === 'StripeCardError')
          return { cardError: error as Stripe.errors.StripeCardError };
        throw error;
      }
    });
    if ('cardError' in answer) {
      // Read as payment_intent.payment_failed is read, so both answers fail an attempt alike.
      const paymentId = answer.cardError.payment_intent?.id;
      const { failureCode, requiresAction } = offSessionFailure(answer.cardError);
      return requiresAction
        ? { outcome: 'requires_action', paymentId }
        : { outcome: 'declined', failureCode, paymentId };
    }
    const { intent } = answer;
    switch (intent.status) {
      case 'succeeded':
        return {
          outcome: 'succeeded',
          paymentId: intent.id,
          amount: intent.amount_received,
          currency: intent.currency.toLowerCase(),
        };
      case 'processing':
        return { outcome: 'processing', paymentId: intent.id };
      case 'requires_action':
        return { outcome: 'requires_action', paymentId: intent.id };
      default: {
        const failure = intent.last_payment_error ? offSessionFailure(intent.last_payment_error) : undefined;
        if (failure?.requiresAction) return { outcome: 'requires_action', paymentId: intent.id };
        return {
          outcome: 'declined',
          failureCode: failure?.failureCode ?? intent.status,
          paymentId: intent.id,
        };
      }
    }
  }

  /** A method Stripe no longer has (404 resource_missing) is already detached: nothing to do. */
  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    await this.caller.call('detach payment method', async () => {
      try {
        await this.stripe.paymentMethods.detach(paymentMethodId);
      } catch (error) {
        const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };
        if (statusCode === 404 && code === 'resource_missing') return;
        // Stripe refuses (400) to detach a method attached to no customer: the retry of a detach whose answer
        // was lost. Done when the method itself says so; any other refusal stays a failure.
        if (statusCode === 400) {
          const method = await this.stripe.paymentMethods.retrieve(paymentMethodId);
          if (method.customer === null) return;
        }
        throw error;
      }
    });
  }

  async fetchPaymentRecords(window: TimeWindow): Promise<ProviderPaymentRecords> {
    const created = {
      gte: Math.floor(window.from.getTime() / 1000),
      lt: Math.ceil(window.to.getTime() / 1000),
    };
    const [intents, refunds] = await this.caller.call('list payments and refunds', () =>
      Promise.all([
        this.stripe.paymentIntents
          .list({ created, limit: 100 })
          .autoPagingToArray({ limit: MAX_PAYMENT_RECORDS }),
        this.stripe.refunds.list({ created, limit: 100 }).autoPagingToArray({ limit: MAX_PAYMENT_RECORDS }),
      ]),
    );
    return {
      payments: intents
        .filter((intent) => intent.status === 'succeeded')
        .map((intent) => ({
          paymentId: intent.id,
          amount: intent.amount_received,
          currency: intent.currency.toLowerCase(),
          createdAt: new Date(intent.created * 1000),
        })),
      refunds: refunds.flatMap((refund) => {
        const paymentId = idOf(refund.payment_intent);
        return refund.status === 'succeeded' && paymentId
          ? [
              {
                refundId: refund.id,
                paymentId,
                amount: refund.amount,
                currency: refund.currency.toLowerCase(),
                createdAt: new Date(refund.created * 1000),
              },
            ]
          : [];
      }),
    };
  }
}

/**
 * The SDK only rejects old timestamps; a signature dated more than the tolerance ahead is refused
 * as well, so a leaked signed request cannot be held back and replayed later.
 */
function isTooFarInFuture(header: string): boolean {
  const match = /(?:^|,)\s*t=(\d+)/.exec(header);
  if (!match) return false; // the SDK reports the malformed header
  return Number(match[1]) > Math.floor(Date.now() / 1000) + STRIPE_SIGNATURE_TOLERANCE_SECONDS;
}

/** Maps what the SDK threw onto a PaymentProviderError without keeping the SDK's message. */
function classifyStripeError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (error instanceof ProviderDeadlineExceeded) return new PaymentProviderError('stripe', 'timeout');
  const { type, statusCode, message } = (error ?? {}) as {
    type?: string;
    statusCode?: number;
    message?: string;
  };
  if (type === 'StripeConnectionError') {
    return new PaymentProviderError('stripe', /timeout/i.test(message ?? '') ? 'timeout' : 'network');
  }
  if (typeof statusCode === 'number') {
    return new PaymentProviderError('stripe', statusCode >= 500 ? 'server_error' : 'rejected', statusCode);
  }
  return new PaymentProviderError('stripe', 'unexpected_response');
}
