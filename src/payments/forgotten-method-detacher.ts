import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PaymentProviderError } from './payment-gateway.js';
import { PaymentGatewayRegistry } from './payment-gateway.registry.js';
import { PaymentMethodDetachesRepository } from './payment-method-detaches.repository.js';

/** A saved method the service no longer stores: the provider and its id (Stripe pm_, Dodo subscription). */
export interface ForgottenMethod {
  provider: string;
  paymentMethodId: string;
}

interface DetachContext {
  walletId: string | null;
  reason: string;
}

/** Retries per run at most; the rest wait for the next run. */
const RUN_LIMIT = 100;

export interface DetachRunResult {
  detached: number;
  failed: number;
}

/**
 * Detaches at the provider a method the service has already forgotten (a deleted organization, a card
 * replaced by a newer one). The detach is owed durably: the transaction that forgot the card wrote a
 * PaymentMethodDetach row (PaymentMethodDetachesRepository.owe), which `detach` settles right after the
 * commit. Nothing can charge the card any more — its SavedPaymentMethod row is gone — so a provider failure
 * never fails the operation that already happened: it is logged (the wallet, the method's id and the
 * failure class, never the provider's message), counted (forge_payment_method_detach_failures_total), and
 * the row is tried again by `run`, every PAYMENT_METHOD_DETACH_INTERVAL_SECONDS once per cluster, on the
 * backoff PaymentMethodDetachesRepository writes down. A gateway answering that the method is already gone
 * counts it detached.
 */
@Injectable()
export class ForgottenMethodDetacher implements OnApplicationBootstrap {
  private readonly logger = new Logger(ForgottenMethodDetacher.name);

  constructor(
    private readonly gateways: PaymentGatewayRegistry,
    private readonly metrics: MetricsService,
    private readonly detaches: PaymentMethodDetachesRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'payment-method-detach',
      this.config.paymentMethodDetachIntervalSeconds,
      async () => {
        const { detached, failed } = await this.run();
        if (detached || failed) this.logger.log({ detached, failed }, 'Retried owed payment method detaches');
      },
      this.logger,
    );
  }

  /**
   * The first attempt of a detach the committed transaction owed (its row is leased to this attempt). Never
   * throws: should even recording the outcome fail, the row stays owed and `run` takes it after the lease.
   */
  async detach(method: ForgottenMethod, context: DetachContext): Promise<void> {
    try {
      await this.attempt(method, context);
    } catch (error) {
      this.logger.error(
        { err: error, provider: method.provider, paymentMethodId: method.paymentMethodId },
        'Could not record a payment method detach; the retry job will try it',
      );
    }
  }

  /**
   * A method the service never stored (a checkout of an already-deleted organization): nothing forgets it
   * in a transaction, so it is owed before the provider is called.
   */
  async detachUnstored(
    method: ForgottenMethod,
    context: { walletId: string; reason: string },
  ): Promise<void> {
    await this.detaches.owe(method, context);
    await this.attempt(method, context);
  }

  /** Tries the owed detaches that are due, one claimed row at a time. */
  async run(): Promise<DetachRunResult> {
    const result = { detached: 0, failed: 0 };
    for (let i = 0; i < RUN_LIMIT; i++) {
      const owed = await this.detaches.claimDue();
      if (!owed) break;
      if (await this.attempt(owed, owed)) result.detached += 1;
      else result.failed += 1;
    }
    return result;
  }

  /** True when the method is detached (or already gone): its row is deleted. Else the row waits for its backoff. */
  private async attempt(method: ForgottenMethod, context: DetachContext): Promise<boolean> {
    const log = {
      walletId: context.walletId,
      reason: context.reason,
      provider: method.provider,
      paymentMethodId: method.paymentMethodId,
    };
    if (!this.gateways.has(method.provider)) {
      this.logger.warn(log, 'Forgotten payment method left attached for now: its provider is not configured');
      return this.failed(method, context, 'provider_not_configured');
    }
    const gateway = this.gateways.get(method.provider);
    try {
      // A gateway that cannot detach (none today) has nothing to do either.
      await gateway.detachPaymentMethod?.(method.paymentMethodId);
    } catch (error) {
      const failure = error instanceof PaymentProviderError ? error.failure : 'unclassified';
      this.logger.warn(
        { ...log, failure },
        'Forgotten payment method could not be detached at the provider; it will be retried',
      );
      return this.failed(method, context, failure);
    }
    await this.detaches.settle(method);
    return true;
  }

  private async failed(method: ForgottenMethod, context: DetachContext, failure: string): Promise<false> {
    this.metrics.paymentMethodDetachFailed(method.provider, context.reason);
    await this.detaches.recordFailure(method, failure);
    return false;
  }
}
