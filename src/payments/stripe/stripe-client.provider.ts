import type { FactoryProvider } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig, StripeConfig } from '../../config/app-config.js';

/**
 * Nest token for the Stripe SDK client, or `null` when Stripe is not configured. The e2e tests point the real
 * client at a fake Stripe server through STRIPE_API_URL; the token is what a test would override to replace it.
 */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

/**
 * One retry: checkout creates are safe to repeat because the order id is the idempotency key, and
 * a single retry rides out a dropped connection or a 5xx/409 blip. More would turn a struggling
 * provider into a retry storm while the customer waits; the overall deadline caps the wait anyway.
 */
const STRIPE_MAX_NETWORK_RETRIES = 1;

export function createStripeClient(stripe: StripeConfig, timeoutMs: number): Stripe {
  return new Stripe(stripe.secretKey, {
    telemetry: false,
    maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
    timeout: timeoutMs,
    ...(stripe.apiUrl ? stripeHost(stripe.apiUrl) : {}),
  });
}

/** STRIPE_API_URL (tests, stripe-mock) as the SDK's host/port/protocol; a path in the URL is not supported by the SDK. */
function stripeHost(url: URL): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

export const stripeClientProvider: FactoryProvider<Stripe | null> = {
  provide: STRIPE_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    config.payments.stripe ? createStripeClient(config.payments.stripe, config.payments.timeoutMs) : null,
};
