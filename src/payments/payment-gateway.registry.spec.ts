import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../config/app-config.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { PaymentGateway } from './payment-gateway.js';
import { PaymentGatewayRegistry } from './payment-gateway.registry.js';

const fakeGateway = (provider: PaymentGateway['provider']) => ({ provider }) as PaymentGateway;

describe('PaymentGatewayRegistry', () => {
  it('serves configured gateways and refuses the rest with PROVIDER_UNAVAILABLE', () => {
    const config = loadAppConfig({
      NODE_ENV: 'development',
      STRIPE_SECRET_KEY: 'sk',
      STRIPE_WEBHOOK_SECRET: 'whsec',
    });
    const registry = new PaymentGatewayRegistry([fakeGateway('stripe'), fakeGateway('sandbox')], config);

    expect(registry.get('stripe').provider).toBe('stripe');
    expect(registry.enabledProviders).toEqual(['stripe', 'sandbox']);
    expect(registry.defaultProvider).toBe('stripe');
    for (const name of ['dodo', 'paypal', '']) {
      expect(() => registry.get(name)).toThrow(
        expect.objectContaining({ code: ErrorCode.PROVIDER_UNAVAILABLE }),
      );
    }
  });

  it('falls back to sandbox outside production when no provider is configured', () => {
    const registry = new PaymentGatewayRegistry(
      [fakeGateway('sandbox')],
      loadAppConfig({ NODE_ENV: 'development' }),
    );
    expect(registry.enabledProviders).toEqual(['sandbox']);
    expect(registry.defaultProvider).toBe('sandbox');
  });
});
