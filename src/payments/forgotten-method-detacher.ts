import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { PaymentProviderError } from './payment-gateway.js';
import { PaymentGatewayRegistry } from './payment-gateway.registry.js';

/** A saved method the service no longer stores: the provider and its id (Stripe pm_, Dodo subscription). */
export interface ForgottenMethod {
  provider: string;
  paymentMethodId: string;
}

/**
 * Detaches at the provider a method the service has already forgotten (a deleted organization, a card
 * replaced by a newer one), after the transaction that forgot it committed. Nothing can charge it any more —
 * the row is gone — so a provider failure only leaves a card attached at the provider: it is logged (the
 * wallet, the method's id and the failure class, never the provider's message) and counted
 * (forge_payment_method_detach_failures_total) for an operator to detach it by hand, and never fails the
 * operation that already happened.
 */
@Injectable()
export class ForgottenMethodDetacher {
  private readonly logger = new Logger(ForgottenMethodDetacher.name);

  constructor(
    private readonly gateways: PaymentGatewayRegistry,
    private readonly metrics: MetricsService,
  ) {}

  async detach(method: ForgottenMethod, context: { walletId: string; reason: string }): Promise<void> {
    const log = {
      walletId: context.walletId,
      reason: context.reason,
      provider: method.provider,
      paymentMethodId: method.paymentMethodId,
    };
    if (!this.gateways.has(method.provider)) {
      this.logger.warn(log, 'Forgotten payment method left attached: its provider is not configured');
      this.metrics.paymentMethodDetachFailed(method.provider, context.reason);
      return;
    }
    const gateway = this.gateways.get(method.provider);
    if (!gateway.detachPaymentMethod) return;
    try {
      await gateway.detachPaymentMethod(method.paymentMethodId);
    } catch (error) {
      const failure = error instanceof PaymentProviderError ? error.failure : 'unclassified';
      this.logger.warn({ ...log, failure }, 'Forgotten payment method could not be detached at the provider');
      this.metrics.paymentMethodDetachFailed(method.provider, context.reason);
    }
  }
}
