import type { FactoryProvider } from '@nestjs/common';
import DodoPayments from 'dodopayments';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig, DodoConfig } from '../../config/app-config.js';

/**
 * Nest token for the Dodo Payments SDK client, or `null` when Dodo is not configured. The e2e tests point the
 * real client at a fake Dodo server through DODO_PAYMENTS_BASE_URL; the token is what a test would override.
 */
export const DODO_CLIENT = Symbol('DODO_CLIENT');

/**
 * One retry (the SDK's default is 2): it rides out a dropped connection or a 5xx blip. Dodo's API
 * takes no idempotency key, so a retried create may leave an extra checkout session behind; that is
 * harmless because its URL is never shown to anyone. Keeping it at one avoids a retry storm against
 * a struggling provider, and the overall deadline caps the customer's wait anyway.
 */
const DODO_MAX_RETRIES = 1;

export function createDodoClient(dodo: DodoConfig, timeoutMs: number): DodoPayments {
  return new DodoPayments({
    bearerToken: dodo.apiKey,
    webhookKey: dodo.webhookKey,
    // baseURL and environment together throw; `baseURL: null` also stops the SDK from reading
    // DODO_PAYMENTS_BASE_URL from the environment behind the validated configuration's back.
    ...(dodo.baseUrl ? { baseURL: dodo.baseUrl } : { baseURL: null, environment: dodo.environment }),
    timeout: timeoutMs,
    maxRetries: DODO_MAX_RETRIES,
  });
}

export const dodoClientProvider: FactoryProvider<DodoPayments | null> = {
  provide: DODO_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    config.payments.dodo ? createDodoClient(config.payments.dodo, config.payments.timeoutMs) : null,
};
