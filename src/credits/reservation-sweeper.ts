import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IdempotencyRepository } from '../common/idempotency/idempotency.repository.js';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { CreditsRepository } from './credits.repository.js';

/**
 * Voids the holds of requests that died before settling (a crash, a killed pod): without it their credits
 * would stay reserved forever. Safe on every instance at once (see CreditsRepository.expireStaleHolds).
 * Also drops idempotency records past their 24 hours.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReservationSweeper.name);

  constructor(
    private readonly credits: CreditsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'reservation-sweeper',
      this.config.reservations.sweepIntervalSeconds,
      async () => {
        const expired = await this.sweep();
        if (expired) this.logger.log(`Expired ${expired} stale credit hold(s)`);
      },
      this.logger,
    );
  }

  /** Expires every stale hold, in batches; returns how many were expired. */
  async sweep(): Promise<number> {
    let total = 0;
    let batch: number;
    do {
      batch = await this.credits.expireStaleHolds();
      total += batch;
    } while (batch > 0);
    this.metrics.holdsExpired(total);
    await this.idempotency.deleteExpired(new Date());
    return total;
  }
}
