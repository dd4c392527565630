import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { LedgerRepository } from './ledger.repository.js';

const NOTICE_BATCH = 500;

/**
 * Writes off the available credits of grants past their expiry, every GRANT_EXPIRY_INTERVAL_SECONDS.
 * Until it runs nothing is lost or gained: expired credits can be neither held nor counted anyway (see
 * the README, "Expiry"); the sweep makes the ledger say so, and sends credits.expired and, for grants
 * coming within EXPIRY_NOTICE_DAYS, credits.expiring_soon (docs/events.md). Safe on every instance at once.
 */
@Injectable()
export class GrantExpirySweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(GrantExpirySweeper.name);

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'grant-expiry-sweeper',
      this.config.grants.expiryIntervalSeconds,
      async () => {
        const expired = await this.sweep();
        if (expired) this.logger.log(`Wrote off ${expired} expired grant(s)`);
      },
      this.logger,
    );
  }

  /** Sweeps every grant past expiry, in batches; returns how many grants were handled. */
  async sweep(): Promise<number> {
    let total = 0;
    let batch: number;
    do {
      batch = await this.ledger.expireGrants();
      total += batch;
    } while (batch > 0);
    // Then the grants that have come within EXPIRY_NOTICE_DAYS of their expiry: credits.expiring_soon.
    while ((await this.ledger.noticeExpiringGrants(NOTICE_BATCH)) === NOTICE_BATCH);
    return total;
  }
}
