import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { PAYMENT_GATEWAYS, type PaymentGateway, type PaymentProviderName } from './payment-gateway.js';

/** Looks gateways up by name, so billing/ and webhooks/ never import a provider class. */
@Injectable()
export class PaymentGatewayRegistry {
  private readonly byProvider: ReadonlyMap<PaymentProviderName, PaymentGateway>;

  constructor(
    @Inject(PAYMENT_GATEWAYS) gateways: PaymentGateway[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.byProvider = new Map(gateways.map((gateway) => [gateway.provider, gateway]));
  }

  /** Throws AppException(PROVIDER_UNAVAILABLE) for an unknown name or a provider that is not configured. */
  get(provider: string): PaymentGateway {
    const gateway = this.byProvider.get(provider as PaymentProviderName);
    if (!gateway)
      throw new AppException(ErrorCode.PROVIDER_UNAVAILABLE, 'This payment provider is not available');
    return gateway;
  }

  has(provider: string): boolean {
    return this.byProvider.has(provider as PaymentProviderName);
  }

  /** In the configuration's preference order (stripe, dodo, sandbox). */
  get enabledProviders(): PaymentProviderName[] {
    return this.config.payments.enabled.filter((name) => this.byProvider.has(name));
  }

  get defaultProvider(): PaymentProviderName | undefined {
    const configured = this.config.payments.defaultProvider;
    return configured && this.byProvider.has(configured) ? configured : this.enabledProviders[0];
  }
}
