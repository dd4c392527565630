import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import { OrdersRepository } from '../billing/orders.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import type { ReconcileResultDto } from './dto/webhook-event.dto.js';
import { reconciliationEvent } from './reconciliation-event.js';
import { WebhooksService } from './webhooks.service.js';

/** Older checkouts are left alone: providers expire sessions within a day, and stop answering for old ones. */
const RECONCILE_MAX_AGE_MINUTES = 3 * 24 * 60;
/** Per run, oldest first; the next run picks up the rest. */
const BATCH = 200;

/**
 * For the webhook that never came: asks each open order's provider what became of its checkout (and each
 * FAILED one's whose checkout exists: see RECONCILABLE_STATUSES) and
 * fulfils paid ones through WebhooksService.process, the same path as a webhook. Unpaid, open or expired
 * checkouts are left alone (their own events, or the provider's expiry, settle them). Safe to run on every
 * instance at once and concurrently with webhooks: the inbox and the order lock make it credit once.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly webhooks: WebhooksService,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'payments-reconciliation',
      this.config.reconcile.intervalSeconds,
      () => this.run(),
      this.logger,
    );
  }

  async run(): Promise<ReconcileResultDto> {
    const orders = await this.orders.findReconcilable(
      this.config.reconcile.minAgeMinutes,
      RECONCILE_MAX_AGE_MINUTES,
      BATCH,
    );
    let checked = 0;
    let fulfilled = 0;
    for (const order of orders) {
      if (!this.gateways.has(order.provider)) continue;
      let checkout;
      try {
        checkout = await this.gateways.get(order.provider).fetchCheckoutStatus(order.providerSessionId);
      } catch {
        // The gateway logged why (without the provider's message); the next run asks again.
        continue;
      }
      checked += 1;
      if (checkout.status !== 'paid') continue;
      try {
        const result = await this.webhooks.process(
          reconciliationEvent({
            source: 'reconciliation',
            orderId: order.id,
            provider: order.provider,
            sessionId: order.providerSessionId,
            checkout,
          }),
        );
        if (result.credited) fulfilled += 1;
        if (result.credited) this.metrics.reconciliationCredited(order.provider);
      } catch {
        // Recorded as a FAILED event (reconcile:<orderId>) with its error; the next run retries it.
      }
    }
    if (fulfilled > 0)
      this.logger.log(`Reconciliation credited ${fulfilled} order(s) whose webhook had not arrived`);
    return { checked, fulfilled };
  }
}
