import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { OrdersRepository } from '../billing/orders.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import type { OffSessionChargeResult, PaymentEvent } from '../payments/payment-gateway.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { AutoTopUpAttemptsRepository, type ClaimedAttempt } from './auto-top-up-attempts.repository.js';

/**
 * A CHARGING attempt without an outcome after this long is charged again: with the same idempotency key
 * (Stripe), or after looking for its payment (Dodo).
 */
const CHARGE_LEASE_SECONDS = 120;
const BATCH = 50;

export interface AutoTopUpRunResult {
  charged: number;
  succeeded: number;
}

/**
 * Charges the attempts the trigger created, off-session, and feeds a successful answer into the same
 * fulfilment as a webhook (a synthetic event keyed by the attempt), so whichever of the answer and
 * `payment_intent.succeeded` comes first credits the order and the other is a no-op. It is also the
 * reconciliation: an attempt whose answer never came (a crash, a timeout) is charged again after the lease
 * as `resumed`, and the gateway answers what became of the first charge (Stripe replays it for the same
 * idempotency key; Dodo's gateway finds the attempt's payment by its metadata before charging again).
 */
@Injectable()
export class AutoTopUpWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(AutoTopUpWorker.name);

  constructor(
    private readonly attempts: AutoTopUpAttemptsRepository,
    private readonly orders: OrdersRepository,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly webhooks: WebhooksService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'auto-top-up',
      this.config.autoTopUpIntervalSeconds,
      () => this.run(),
      this.logger,
    );
  }

  async run(leaseSeconds = CHARGE_LEASE_SECONDS): Promise<AutoTopUpRunResult> {
    const result = { charged: 0, succeeded: 0 };
    for (const id of await this.attempts.findDue(leaseSeconds, BATCH)) {
      const claimed = await this.attempts.claim(id, leaseSeconds, (tx, order) =>
        this.orders.createAutoTopUp(tx, order),
      );
      if (!claimed) continue;
      result.charged += 1;
      try {
        if (await this.charge(claimed)) result.succeeded += 1;
      } catch (error) {
        // Stays CHARGING: resumed after the lease, without a second charge.
        this.logger.warn(
          { err: error, attemptId: claimed.attemptId },
          'Auto top-up charge has no outcome yet',
        );
      }
    }
    return result;
  }

  private async charge(attempt: ClaimedAttempt): Promise<boolean> {
    const gateway = this.gateways.has(attempt.provider) ? this.gateways.get(attempt.provider) : undefined;
    if (!gateway?.chargeOffSession) {
      await this.attempts.recordDeclined(attempt.attemptId, 'provider_unavailable');
      return false;
    }
    const answer = await gateway.chargeOffSession(attempt);
    this.logger.log({ attemptId: attempt.attemptId, outcome: answer.outcome }, 'Auto top-up charged');
    switch (answer.outcome) {
      case 'succeeded':
        await this.webhooks.process(chargeAnswerEvent(attempt, answer));
        return true;
      case 'declined':
        await this.attempts.recordDeclined(attempt.attemptId, answer.failureCode);
        return false;
      case 'requires_action':
        await this.attempts.recordRequiresAction(attempt.attemptId);
        return false;
      default:
        return false; // processing: the webhook tells, or the next run after the lease
    }
  }
}

/** The charge's own answer as a payment event: the same pipeline (and the same once-only credit) as a webhook. */
function chargeAnswerEvent(
  attempt: ClaimedAttempt,
  answer: Extract<OffSessionChargeResult, { outcome: 'succeeded' }>,
): PaymentEvent {
  return {
    provider: attempt.provider,
    eventId: `auto-top-up:${attempt.attemptId}`,
    type: 'auto_top_up.charge_succeeded',
    kind: 'checkout.paid',
    autoTopUpOnly: true,
    orderId: attempt.orderId,
    paymentId: answer.paymentId,
    amount: answer.amount,
    amountPaid: answer.amountPaid ?? answer.amount,
    currency: answer.currency,
    payload: { source: 'auto_top_up', attemptId: attempt.attemptId, paymentId: answer.paymentId },
  };
}
