import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { PaymentProviderName, TimeWindow } from '../payments/payment-gateway.js';

export interface LedgerPurchase {
  orderId: string;
  paymentId: string | null;
  /** What the order was paid, tax included when known (amountPaid), else its price. */
  amount: number;
  currency: string;
  createdAt: Date;
}

export interface LedgerClawback {
  orderId: string;
  /** The refund id of the reference `refund:<provider>:<id>`. */
  refundId: string;
  credits: number;
  createdAt: Date;
}

/** The ledger's side of the drift report: purchases and refund clawbacks, with their orders. */
@Injectable()
export class DriftReportRepository {
  constructor(private readonly sql: SqlDatabase) {}

  purchasesIn(provider: PaymentProviderName, window: TimeWindow): Promise<LedgerPurchase[]> {
    return this.sql.query<LedgerPurchase>(Prisma.sql`
      SELECT o.id AS "orderId", o."providerPaymentId" AS "paymentId", COALESCE(o."amountPaid", o.amount) AS amount,
             o.currency, t."createdAt"
      FROM "CreditTransaction" t JOIN "Order" o ON o.id = t."orderId"
      WHERE t.type = 'PURCHASE' AND o.provider = ${provider}::"PaymentProvider"
        AND t."createdAt" >= ${window.from} AND t."createdAt" < ${window.to}`);
  }

  /** Purchases of these payments, whenever credited (a payment near the window's start may be credited before it). */
  purchasesOf(provider: PaymentProviderName, paymentIds: string[]): Promise<LedgerPurchase[]> {
    if (paymentIds.length === 0) return Promise.resolve([]);
    return this.sql.query<LedgerPurchase>(Prisma.sql`
      SELECT o.id AS "orderId", o."providerPaymentId" AS "paymentId", COALESCE(o."amountPaid", o.amount) AS amount,
             o.currency, t."createdAt"
      FROM "Order" o JOIN "CreditTransaction" t ON t."orderId" = o.id AND t.type = 'PURCHASE'
      WHERE o.provider = ${provider}::"PaymentProvider" AND o."providerPaymentId" = ANY(${paymentIds}::text[])`);
  }

  clawbacksIn(provider: PaymentProviderName, window: TimeWindow): Promise<LedgerClawback[]> {
    return this.sql.query<LedgerClawback>(Prisma.sql`
      SELECT t."orderId", substr(t.reference, length(${`refund:${provider}:`}) + 1) AS "refundId",
             -t.amount AS credits, t."createdAt"
      FROM "CreditTransaction" t
      WHERE t.type = 'REFUND_CLAWBACK' AND t.reference LIKE ${`refund:${provider}:%`}
        AND t."createdAt" >= ${window.from} AND t."createdAt" < ${window.to}`);
  }

  /** Which of these refunds have a clawback row, whenever written. */
  async clawedBackRefunds(provider: PaymentProviderName, refundIds: string[]): Promise<Set<string>> {
    if (refundIds.length === 0) return new Set();
    const rows = await this.sql.query<{ reference: string }>(Prisma.sql`
      SELECT reference FROM "CreditTransaction"
      WHERE reference = ANY(${refundIds.map((id) => `refund:${provider}:${id}`)}::text[])`);
    return new Set(rows.map((row) => row.reference.slice(`refund:${provider}:`.length)));
  }
}
