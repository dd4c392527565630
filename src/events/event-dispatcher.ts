import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { type ClaimedDelivery, EventDeliveriesRepository } from './event-deliveries.repository.js';
import { signedHeaders } from './event-signer.js';
import { WebhookSender } from './webhook-sender.js';

/** A lease outlives the attempt's timeout by this much, so a live dispatcher always records in time. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Sends due deliveries in the background, on every instance (SKIP LOCKED and the lease keep instances
 * from taking the same delivery). Nothing on a request's path waits for it: the credit hot path only
 * appends rows (docs/events.md, "Dispatch").
 *
 * Up to EVENT_DISPATCH_CONCURRENCY deliveries are in flight; a freed slot claims the next due one at
 * once, and an idle dispatcher looks again every EVENT_DISPATCH_INTERVAL_MS. One slow endpoint holds
 * one slot for at most EVENT_DELIVERY_TIMEOUT_MS, not the whole queue.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private wake?: () => void;
  private running?: Promise<void>;

  constructor(
    private readonly deliveries: EventDeliveriesRepository,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.measureOutboxLagWith(() => this.deliveries.oldestPendingAgeSeconds());
    if (this.config.events.dispatchIntervalMs > 0) this.running = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    this.wake?.();
    await this.running;
    // Cut sends record a failed attempt if the database is still there; otherwise the lease runs out
    // and another instance (or this one, restarted) sends again.
    this.sender.close();
    await Promise.allSettled(this.inFlight);
  }

  /** Claims what is due now (up to the free slots) and waits until those attempts are recorded. */
  async dispatchDue(): Promise<number> {
    const claimed = await this.claim(this.config.events.dispatchConcurrency);
    await Promise.allSettled(claimed.map((claim) => this.track(claim)));
    return claimed.length;
  }

  private async run(): Promise<void> {
    const { dispatchIntervalMs, dispatchConcurrency } = this.config.events;
    while (!this.shutdown.signal.aborted) {
      let claimedAll = false;
      try {
        const free = dispatchConcurrency - this.inFlight.size;
        if (free > 0) {
          const claimed = await this.claim(free);
          for (const claim of claimed) void this.track(claim);
          claimedAll = claimed.length === free;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'claiming due event deliveries failed');
      }
      // A full claim means more may be due: go again as soon as a slot frees. Otherwise idle a while.
      if (!this.shutdown.signal.aborted) await this.idle(claimedAll ? undefined : dispatchIntervalMs);
    }
  }

  /**
   * Until a quarter of the slots are free (so a claim takes a batch, not one row per finished send), or
   * `ms` pass, or shutdown.
   */
  private idle(ms: number | undefined): Promise<void> {
    const { dispatchConcurrency } = this.config.events;
    const batch = Math.max(1, Math.floor(dispatchConcurrency / 4));
    const enoughFree = () => dispatchConcurrency - this.inFlight.size >= batch;
    if (ms === undefined && enoughFree()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      this.wake = () => {
        if (this.shutdown.signal.aborted || enoughFree()) done();
      };
    });
  }

  private claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.deliveries.claimDue(limit, this.config.events.deliveryTimeoutMs + LEASE_MARGIN_MS);
  }

  private track(claim: ClaimedDelivery): Promise<void> {
    const attempt = this.attempt(claim).finally(() => {
      this.inFlight.delete(attempt);
      this.wake?.();
    });
    this.inFlight.add(attempt);
    return attempt;
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify({
      id: claim.eventId,
      type: claim.type,
      createdAt: new Date(claim.createdAt).toISOString(),
      data: claim.data,
    });
    const secrets = claim.previousSecret ? [claim.secret, claim.previousSecret] : [claim.secret];
    const startedAt = new Date();
    const outcome = await this.sender
      .send(claim.url, signedHeaders(claim.eventId, body, secrets, startedAt), body)
      .catch((error: unknown) => ({
        error: String(error),
        durationMs: 0,
        statusCode: undefined,
        body: undefined,
      }));
    const delivered =
      outcome.statusCode !== undefined && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const schedule = this.config.events.retryScheduleMs;
    const error =
      outcome.error ??
      (delivered
        ? null
        : `answered ${outcome.statusCode}${outcome.statusCode! >= 300 && outcome.statusCode! < 400 ? ' (redirects are not followed)' : ''}`);
    const retryInMs = delivered ? undefined : schedule[claim.attempt - 1];
    try {
      const { recorded, disabled } = await this.deliveries.recordAttempt(claim, {
        startedAt,
        durationMs: outcome.durationMs,
        statusCode: outcome.statusCode ?? null,
        error,
        responseBody: outcome.body ?? null,
        delivered,
        retryInMs,
      });
      // `failed`: the outcome was not recorded (lease lost), so the delivery will be attempted again.
      this.metrics.eventDelivery(
        !recorded ? 'failed' : delivered ? 'delivered' : retryInMs === undefined ? 'dead' : 'retrying',
      );
      if (!recorded)
        this.logger.warn(`delivery ${claim.id}: the lease ran out before its attempt was recorded`);
      if (disabled)
        this.logger.warn(`endpoint ${claim.endpointId} disabled: every delivery failed for 24 hours`);
    } catch (recordError) {
      this.metrics.eventDelivery('failed');
      this.logger.warn(
        { err: recordError },
        `delivery ${claim.id}: recording the attempt failed; it will be retried`,
      );
    }
  }
}
