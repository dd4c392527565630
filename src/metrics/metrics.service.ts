import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PaymentProviderName } from '../config/app-config.js';

/** What became of a verified payment webhook (or a reconciliation / replay going the same way). */
export type WebhookOutcome = 'processed' | 'ignored' | 'failed' | 'duplicate' | 'error';
/** `rejected`: recorded FAILED and answered 200 (a mismatch); `error`: threw, answered 500 (retried). */
export type FulfilmentFailure = 'rejected' | 'error';
export type EventDeliveryOutcome = 'delivered' | 'failed' | 'retrying' | 'dead';
export type AutoTopUpOutcome = 'succeeded' | 'failed' | 'requires_action' | 'skipped';

/**
 * Every metric the service exports at /metrics, with one named, typed method per business event, so a
 * call site reads `metrics.creditSettled()` and cannot misspell a label. See docs/operations.md for what
 * each means and when to alert.
 *
 * prom-client rather than OpenTelemetry's Prometheus exporter: it is one small dependency with no SDK to
 * start, the registry is per application (tests run several in one process), counting costs a map lookup
 * on the hot path, and tracing stays optional (src/telemetry/tracing.ts) instead of being loaded to serve
 * metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'forge_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    // From a cached read to a slow payment-provider call.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly holds = this.counter('forge_credit_holds_total', 'Credit holds placed');
  private readonly settles = this.counter('forge_credit_settles_total', 'Credit holds settled (charged)');
  private readonly voids = this.counter(
    'forge_credit_voids_total',
    'Credit holds voided (the handler failed)',
  );
  private readonly refusals = this.counter(
    'forge_credit_refusals_total',
    'Requests refused with 402 INSUFFICIENT_CREDITS',
  );
  private readonly expiredHolds = this.counter(
    'forge_credit_holds_expired_total',
    'Holds whose request died, released by the sweeper',
  );

  private readonly webhookEvents = new Counter({
    name: 'forge_webhook_events_total',
    help: 'Payment webhook events by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly fulfilmentFailures = new Counter({
    name: 'forge_fulfilment_failures_total',
    help: 'Payment events whose fulfilment failed: rejected (recorded FAILED) or error (500, retried)',
    labelNames: ['provider', 'kind'] as const,
    registers: [this.registry],
  });

  private readonly reconciliationCredits = new Counter({
    name: 'forge_reconciliation_credits_total',
    help: 'Orders credited by reconciliation because their webhook had not arrived',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  private readonly drift = new Gauge({
    name: 'forge_reconciliation_drift_items',
    help: 'Differences between the providers and the ledger in the last drift report',
    registers: [this.registry],
  });

  /** Read from the database at each scrape (see measureOutboxLagWith), so it costs the dispatcher nothing. */
  private outboxLagSource?: () => Promise<number>;

  private readonly outboxLag = new Gauge({
    name: 'forge_outbox_lag_seconds',
    help: 'Age of the oldest outgoing event not yet delivered',
    registers: [this.registry],
    collect: async () => {
      if (!this.outboxLagSource) return;
      // A scrape must not fail because the database is slow or down: the last value stays.
      const seconds = await this.outboxLagSource().catch(() => undefined);
      if (seconds !== undefined) this.outboxLag.set(seconds);
    },
  });

  private readonly eventDeliveries = new Counter({
    name: 'forge_event_deliveries_total',
    help: 'Outgoing event deliveries by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly autoTopUps = new Counter({
    name: 'forge_auto_top_up_attempts_total',
    help: 'Auto top-up attempts by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly detachFailures = new Counter({
    name: 'forge_payment_method_detach_failures_total',
    help: 'Failed attempts to detach at the provider a saved payment method forgotten here (each is retried)',
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'forge_' });
  }

  /** `route` is the route pattern (`/api/billing/orders/:id`), never the path: ids would explode the series. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  creditHeld(): void {
    this.holds.inc();
  }

  creditSettled(): void {
    this.settles.inc();
  }

  creditVoided(): void {
    this.voids.inc();
  }

  creditRefused(): void {
    this.refusals.inc();
  }

  holdsExpired(count: number): void {
    if (count > 0) this.expiredHolds.inc(count);
  }

  webhookEvent(provider: PaymentProviderName, outcome: WebhookOutcome): void {
    this.webhookEvents.inc({ provider, outcome });
  }

  /** An event the pipeline committed: a duplicate, or its new status (FAILED is also a fulfilment failure). */
  webhookHandled(
    provider: PaymentProviderName,
    result: { status: 'PROCESSED' | 'IGNORED' | 'FAILED'; duplicate: boolean },
  ): void {
    if (result.duplicate) return this.webhookEvent(provider, 'duplicate');
    this.webhookEvent(
      provider,
      result.status === 'PROCESSED' ? 'processed' : result.status === 'IGNORED' ? 'ignored' : 'failed',
    );
    if (result.status === 'FAILED') this.fulfilmentFailed(provider, 'rejected');
  }

  /** Processing threw (rolled back, answered 500 so the provider retries). */
  webhookProcessingFailed(provider: PaymentProviderName): void {
    this.webhookEvent(provider, 'error');
    this.fulfilmentFailed(provider, 'error');
  }

  fulfilmentFailed(provider: PaymentProviderName, kind: FulfilmentFailure): void {
    this.fulfilmentFailures.inc({ provider, kind });
  }

  reconciliationCredited(provider: PaymentProviderName): void {
    this.reconciliationCredits.inc({ provider });
  }

  driftReported(items: number): void {
    this.drift.set(items);
  }

  /** For the outbox dispatcher: seconds since the oldest undelivered event was written (0 when none). */
  outboxLagMeasured(seconds: number): void {
    this.outboxLag.set(seconds);
  }

  /** Where forge_outbox_lag_seconds is read at each scrape (the events module registers its query). */
  measureOutboxLagWith(source: () => Promise<number>): void {
    this.outboxLagSource = source;
  }

  eventDelivery(outcome: EventDeliveryOutcome): void {
    this.eventDeliveries.inc({ outcome });
  }

  autoTopUpAttempt(outcome: AutoTopUpOutcome): void {
    this.autoTopUps.inc({ outcome });
  }

  /** `reason` says why the method was forgotten (organization_deleted, payment_method_replaced). */
  paymentMethodDetachFailed(provider: string, reason: string): void {
    this.detachFailures.inc({ provider, reason });
  }

  private counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }
}
