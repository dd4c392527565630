import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { scheduleEvery } from '../common/scheduling/schedule-every.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import {
  MAX_PAYMENT_RECORDS,
  type PaymentProviderName,
  type ProviderPaymentRecords,
  type TimeWindow,
} from '../payments/payment-gateway.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import { DriftReportRepository } from './drift-report.repository.js';
import type {
  DriftItemDto,
  DriftReportDto,
  MoneyTotalsDto,
  ProviderDriftDto,
} from './dto/drift-report.dto.js';

const HOUR_MS = 3_600_000;
/** The default window, and the longest one asked for at once (providers page their lists). */
const DEFAULT_WINDOW_MS = 24 * HOUR_MS;
const MAX_WINDOW_MS = 31 * 24 * HOUR_MS;
/**
 * A payment near the window's edge may be credited on the other side of it: the provider's records are read
 * this much wider than the window, so that an edge is not reported as drift.
 */
const EDGE_MS = HOUR_MS;

/**
 * The drift report: each provider's succeeded payments and refunds over a window, compared with the ledger's
 * purchases and refund clawbacks. Reconciliation credits the payments whose webhook never came; this says
 * whether anything is still off (a payment never credited, a credit without a payment, a refund not clawed
 * back, amounts that differ), for an admin (GET /api/admin/reconciliation/report) and, when anything
 * differs, in the logs and the forge_reconciliation_drift_items gauge (docs/operations.md).
 */
@Injectable()
export class DriftReportService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DriftReportService.name);

  constructor(
    private readonly ledger: DriftReportRepository,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly metrics: MetricsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(
      this.scheduler,
      'reconciliation-drift-report',
      this.config.reconcile.driftReportIntervalSeconds,
      () => this.report(),
      this.logger,
    );
  }

  /** The window from the query; 400 VALIDATION_FAILED for an inverted or too long one. */
  window(from?: string, to?: string): TimeWindow {
    const end = to ? new Date(to) : new Date(Date.now() - this.config.reconcile.minAgeMinutes * 60_000);
    const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_WINDOW_MS);
    if (start.getTime() >= end.getTime())
      throw new AppException(ErrorCode.VALIDATION_FAILED, '`from` must be before `to`');
    if (end.getTime() - start.getTime() > MAX_WINDOW_MS)
      throw new AppException(ErrorCode.VALIDATION_FAILED, 'The window may span at most 31 days');
    return { from: start, to: end };
  }

  async report(window: TimeWindow = this.window()): Promise<DriftReportDto> {
    const providers: ProviderDriftDto[] = [];
    for (const provider of this.gateways.enabledProviders)
      providers.push(await this.compare(provider, window));
    const differences = providers.reduce((sum, provider) => sum + provider.differences.length, 0);
    this.metrics.driftReported(differences);
    if (differences > 0) {
      this.logger.warn(
        {
          from: window.from,
          to: window.to,
          differences: Object.fromEntries(
            providers
              .filter((p) => p.differences.length)
              .map((p) => [p.provider, countByKind(p.differences)]),
          ),
        },
        'Drift between the payment providers and the ledger',
      );
    }
    return { from: window.from, to: window.to, inSync: differences === 0, providers };
  }

  private async compare(provider: PaymentProviderName, window: TimeWindow): Promise<ProviderDriftDto> {
    const wide = {
      from: new Date(window.from.getTime() - EDGE_MS),
      to: new Date(window.to.getTime() + EDGE_MS),
    };
    // A provider that does not answer is a 502 for the admin (and an error in the scheduled run's log).
    const records = await this.gateways.get(provider).fetchPaymentRecords(wide);
    const [purchases, clawbacks] = await Promise.all([
      this.ledger.purchasesIn(provider, window),
      this.ledger.clawbacksIn(provider, window),
    ]);
    const ledgerPurchases = totals(purchases.map((row) => [row.currency, row.amount]));
    const ledgerClawbacks = totals(clawbacks.map((row) => ['credits', row.credits]));
    if (!records) {
      const empty = totals([]);
      return {
        provider,
        compared: false,
        truncated: false,
        providerPayments: empty,
        ledgerPurchases,
        providerRefunds: empty,
        ledgerClawbacks,
        differences: [],
      };
    }
    const inWindow = <T extends { createdAt: Date }>(record: T) =>
      record.createdAt >= window.from && record.createdAt < window.to;
    const payments = records.payments.filter(inWindow);
    const refunds = records.refunds.filter(inWindow);
    return {
      provider,
      compared: true,
      truncated:
        records.payments.length >= MAX_PAYMENT_RECORDS || records.refunds.length >= MAX_PAYMENT_RECORDS,
      providerPayments: totals(payments.map((payment) => [payment.currency, payment.amount])),
      ledgerPurchases,
      providerRefunds: totals(refunds.map((refund) => [refund.currency, refund.amount])),
      ledgerClawbacks,
      differences: [
        ...(await this.paymentDifferences(provider, payments, purchases, records)),
        ...(await this.refundDifferences(provider, refunds, clawbacks, records)),
      ],
    };
  }

  private async paymentDifferences(
    provider: PaymentProviderName,
    payments: ProviderPaymentRecords['payments'],
    purchases: Awaited<ReturnType<DriftReportRepository['purchasesIn']>>,
    records: ProviderPaymentRecords,
  ): Promise<DriftItemDto[]> {
    const differences: DriftItemDto[] = [];
    const credited = new Map(
      (
        await this.ledger.purchasesOf(
          provider,
          payments.map((payment) => payment.paymentId),
        )
      ).map((row) => [row.paymentId, row]),
    );
    for (const payment of payments) {
      const purchase = credited.get(payment.paymentId);
      if (!purchase) {
        differences.push({
          kind: 'paid_not_credited',
          paymentId: payment.paymentId,
          providerAmount: payment.amount,
          currency: payment.currency,
          at: payment.createdAt,
        });
      } else if (purchase.amount !== payment.amount || purchase.currency !== payment.currency) {
        differences.push({
          kind: 'amount_mismatch',
          paymentId: payment.paymentId,
          orderId: purchase.orderId,
          providerAmount: payment.amount,
          ledgerAmount: purchase.amount,
          currency: payment.currency,
          at: payment.createdAt,
        });
      }
    }
    const known = new Set(records.payments.map((payment) => payment.paymentId));
    for (const purchase of purchases) {
      if (purchase.paymentId && known.has(purchase.paymentId)) continue;
      differences.push({
        kind: 'credited_without_payment',
        orderId: purchase.orderId,
        ...(purchase.paymentId ? { paymentId: purchase.paymentId } : {}),
        ledgerAmount: purchase.amount,
        currency: purchase.currency,
        at: purchase.createdAt,
      });
    }
    return differences;
  }

  private async refundDifferences(
    provider: PaymentProviderName,
    refunds: ProviderPaymentRecords['refunds'],
    clawbacks: Awaited<ReturnType<DriftReportRepository['clawbacksIn']>>,
    records: ProviderPaymentRecords,
  ): Promise<DriftItemDto[]> {
    const differences: DriftItemDto[] = [];
    const clawedBack = await this.ledger.clawedBackRefunds(
      provider,
      refunds.map((refund) => refund.refundId),
    );
    for (const refund of refunds) {
      if (clawedBack.has(refund.refundId)) continue;
      differences.push({
        kind: 'refunded_not_clawed_back',
        refundId: refund.refundId,
        paymentId: refund.paymentId,
        providerAmount: refund.amount,
        currency: refund.currency,
        at: refund.createdAt,
      });
    }
    const known = new Set(records.refunds.map((refund) => refund.refundId));
    for (const clawback of clawbacks) {
      if (known.has(clawback.refundId)) continue;
      differences.push({
        kind: 'clawback_without_refund',
        refundId: clawback.refundId,
        orderId: clawback.orderId,
        at: clawback.createdAt,
      });
    }
    return differences;
  }
}

function totals(entries: [key: string, amount: number][]): MoneyTotalsDto {
  const amounts: Record<string, number> = {};
  for (const [key, amount] of entries) amounts[key] = (amounts[key] ?? 0) + amount;
  return { count: entries.length, amounts };
}

function countByKind(items: DriftItemDto[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
