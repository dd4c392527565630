import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IdempotencyRepository } from '../common/idempotency/idempotency.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CreditsRepository } from './credits.repository.js';

/**
 * Voids the holds of requests that died before settling (a crash, a killed pod): without it their credits
 * would stay reserved forever. Safe on every instance at once (see CreditsRepository.expireStaleHolds).
 * Also drops idempotency records past their 24 hours.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReservationSweeper.name);
  private running = false;

  constructor(
    private readonly credits: CreditsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.reservations.sweepIntervalSeconds;
    if (seconds > 0) this.scheduler.addInterval('reservation-sweeper', setInterval(() => void this.sweepQuietly(), seconds * 1000));
  }

  /** Expires every stale hold, in batches; returns how many were expired. */
  async sweep(): Promise<number> {
    let total = 0;
    for (let batch = await this.credits.expireStaleHolds(); batch > 0; batch = await this.credits.expireStaleHolds()) total += batch;
    await this.idempotency.deleteExpired(new Date());
    return total;
  }

  private async sweepQuietly(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const expired = await this.sweep();
      if (expired) this.logger.log(`Expired ${expired} stale credit hold(s)`);
    } catch (error) {
      this.logger.error({ err: error }, 'Reservation sweep failed');
    } finally {
      this.running = false;
    }
  }
}
