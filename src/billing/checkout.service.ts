import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import { SavedPaymentMethodsRepository } from '../auto-top-up/saved-payment-methods.repository.js';
import {
  PaymentProviderError,
  type CreatedCheckout,
  type PaymentGateway,
} from '../payments/payment-gateway.js';
import type { CheckoutSessionDto, CreateCheckoutSessionDto, PacksDto, QuoteDto } from './dto/checkout.dto.js';
import {
  CURRENCY,
  listPacks,
  listTiers,
  parseCreditsQuery,
  priceCredits,
  validateCredits,
} from './pricing.js';
import { postalAddressOf } from './billing-address.repository.js';
import { OrdersRepository } from './orders.repository.js';

@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly orders: OrdersRepository,
    private readonly savedMethods: SavedPaymentMethodsRepository,
  ) {}

  packs(): PacksDto {
    return {
      creditsPerUnit: this.config.creditsPerUnit,
      currency: CURRENCY,
      packs: listPacks(this.config.creditsPerUnit).map(({ credits, units, amount }) => ({
        credits,
        units,
        amount,
      })),
      tiers: listTiers(),
      providers: this.gateways.enabledProviders,
      defaultProvider: this.gateways.defaultProvider ?? null,
    };
  }

  /** What a checkout for these credits would cost: the pricing page asks, so the browser never computes a price. */
  quote(rawCredits: unknown): QuoteDto {
    const credits = validateCredits(parseCreditsQuery(rawCredits), this.config.creditsPerUnit);
    const { units, unitAmount, amount, currency } = priceCredits(credits, this.config.creditsPerUnit);
    return { credits, units, unitAmount, amount, currency };
  }

  /**
   * The order is written before the provider is called, so every checkout session that exists at a
   * provider has an order (its id travels as `metadata.orderId` and, for Stripe, as the idempotency
   * key), and a provider failure leaves a FAILED order behind rather than nothing.
   */
  /** The credits go to `walletId`: the buyer's personal wallet or an organization's. */
  async createCheckout(
    user: AuthenticatedUser,
    walletId: string,
    body: CreateCheckoutSessionDto,
  ): Promise<CheckoutSessionDto> {
    const credits = validateCredits(body.credits, this.config.creditsPerUnit);
    const providerName = body.provider ?? this.gateways.defaultProvider;
    if (!providerName)
      throw new AppException(ErrorCode.PROVIDER_UNAVAILABLE, 'No payment provider is configured');
    const gateway = this.gateways.get(providerName);
    const price = priceCredits(credits, this.config.creditsPerUnit);
    // Before the order: a provider that cannot save a card leaves no order behind.
    const saveForCustomer = body.savePaymentMethod
      ? await this.customerFor(user, walletId, gateway)
      : undefined;

    const { order, buyer } = await this.orders.createPending({
      userId: user.id,
      walletId,
      provider: gateway.provider,
      credits,
      amount: price.amount,
      currency: price.currency,
      savePaymentMethod: saveForCustomer !== undefined,
    });

    let checkout: CreatedCheckout;
    try {
      checkout = await gateway.createCheckout({
        orderId: order.id,
        userId: user.id,
        credits,
        amount: order.amount,
        currency: order.currency,
        customer: { email: buyer.email, name: buyer.name },
        billingAddress: buyer.billingAddress && postalAddressOf(buyer.billingAddress),
        saveForCustomer,
      });
    } catch (error) {
      await this.failOrder(order.id, gateway.provider, error);
      // PaymentProviderError is already the generic 502; anything else is our bug and stays a 500.
      throw error;
    }

    await this.orders.setProviderSession(order.id, checkout.sessionId);
    this.logger.log(
      { orderId: order.id, provider: gateway.provider, credits, amount: order.amount },
      'Checkout session created',
    );
    return {
      orderId: order.id,
      provider: gateway.provider,
      sessionId: checkout.sessionId,
      checkoutUrl: checkout.checkoutUrl,
      credits,
      amount: order.amount,
      currency: order.currency,
      status: 'PENDING',
    };
  }

  /** The wallet's customer at the provider: created once (keyed by the wallet), then reused. */
  private async customerFor(
    user: AuthenticatedUser,
    walletId: string,
    gateway: PaymentGateway,
  ): Promise<string> {
    if (!gateway.createCustomer || !gateway.chargeOffSession)
      throw new AppException(
        ErrorCode.AUTO_TOP_UP_UNSUPPORTED,
        `Provider ${gateway.provider} is not set up to charge a saved payment method off-session`,
      );
    const known = await this.savedMethods.customerOf(walletId, gateway.provider);
    if (known) return known;
    const created = await gateway.createCustomer({ walletId, email: user.email, name: null });
    return this.savedMethods.rememberCustomer(walletId, gateway.provider, created);
  }

  /** Best effort: if even this write fails, the customer still gets the provider error, and the log says why. */
  private async failOrder(orderId: string, provider: string, cause: unknown): Promise<void> {
    const failure = cause instanceof PaymentProviderError ? cause.failure : 'internal';
    this.logger.warn({ orderId, provider, failure }, 'Checkout failed; order marked FAILED');
    try {
      await this.orders.markFailed(orderId);
    } catch (error) {
      this.logger.error({ err: error, orderId }, 'Could not mark the order FAILED');
    }
  }
}
