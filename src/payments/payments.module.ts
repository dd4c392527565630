import { Module } from '@nestjs/common';
import type DodoPayments from 'dodopayments';
import type Stripe from 'stripe';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DODO_CLIENT, dodoClientProvider } from './dodo/dodo-client.provider.js';
import { DodoGateway } from './dodo/dodo.gateway.js';
import { ForgottenMethodDetacher } from './forgotten-method-detacher.js';
import { PAYMENT_GATEWAYS, type PaymentGateway } from './payment-gateway.js';
import { PaymentGatewayRegistry } from './payment-gateway.registry.js';
import { PaymentMethodDetachesRepository } from './payment-method-detaches.repository.js';
import { SandboxGateway } from './sandbox/sandbox.gateway.js';
import { STRIPE_CLIENT, stripeClientProvider } from './stripe/stripe-client.provider.js';
import { StripeGateway } from './stripe/stripe.gateway.js';

/**
 * Builds one gateway per configured provider. Each gateway token resolves to `null` when its
 * provider is off, so consumers go through PaymentGatewayRegistry (or PAYMENT_GATEWAYS) instead.
 * The e2e tests point the SDKs at local fake servers with STRIPE_API_URL / DODO_PAYMENTS_BASE_URL in the
 * configuration (STRIPE_CLIENT and DODO_CLIENT could also be overridden; no test needs to).
 */
@Module({
  providers: [
    stripeClientProvider,
    dodoClientProvider,
    {
      provide: StripeGateway,
      inject: [STRIPE_CLIENT, APP_CONFIG],
      useFactory: (client: Stripe | null, config: AppConfig) =>
        client && config.payments.stripe
          ? new StripeGateway(client, config.payments.stripe, config.publicUrl, config.payments.timeoutMs)
          : null,
    },
    {
      provide: DodoGateway,
      inject: [DODO_CLIENT, APP_CONFIG],
      useFactory: (client: DodoPayments | null, config: AppConfig) =>
        client && config.payments.dodo
          ? new DodoGateway(client, config.payments.dodo, config.publicUrl, config.payments.timeoutMs)
          : null,
    },
    {
      provide: SandboxGateway,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.payments.sandboxEnabled ? new SandboxGateway(config.jwt.secret, config.publicUrl) : null,
    },
    {
      provide: PAYMENT_GATEWAYS,
      inject: [StripeGateway, DodoGateway, SandboxGateway],
      useFactory: (...gateways: (PaymentGateway | null)[]): PaymentGateway[] =>
        gateways.filter((gateway): gateway is PaymentGateway => gateway !== null),
    },
    PaymentGatewayRegistry,
    PaymentMethodDetachesRepository,
    ForgottenMethodDetacher,
  ],
  exports: [
    PaymentGatewayRegistry,
    PaymentMethodDetachesRepository,
    ForgottenMethodDetacher,
    PAYMENT_GATEWAYS,
    StripeGateway,
    DodoGateway,
    SandboxGateway,
    STRIPE_CLIENT,
    DODO_CLIENT,
  ],
})
export class PaymentsModule {}
