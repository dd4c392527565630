import { Injectable } from '@nestjs/common';
import { effectiveRemaining } from '../credits/wallet-sql.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { AutoTopUpStatus } from '../generated/prisma/enums.js';
import { autoTopUpTriggerCtes, CURRENT_MONTH } from './auto-top-up-sql.js';

export interface RuleRow {
  status: AutoTopUpStatus;
  threshold: number;
  credits: number;
  maxPerMonth: number;
  monthlySpendLimit: number | null;
  consentedAt: Date | null;
}

export interface RuleTerms {
  threshold: number;
  credits: number;
  amount: number;
  currency: string;
  maxPerMonth: number;
  monthlySpendLimit: number | null;
}

/** The wallet's rule (one per wallet). The trigger and the attempts move its counters, never this class. */
@Injectable()
export class AutoTopUpRulesRepository {
  constructor(private readonly sql: SqlDatabase) {}

  async find(walletId: string): Promise<RuleRow | undefined> {
    const [row] = await this.sql.query<RuleRow>(Prisma.sql`
      SELECT status, threshold, credits, "maxPerMonth", "monthlySpendLimit", "consentedAt"
      FROM "AutoTopUpRule" WHERE "walletId" = ${walletId}::uuid`);
    return row;
  }

  /**
   * Saves the terms. Enabling stores the consent (the terms and now) and, when the rule was not ACTIVE
   * before and the wallet is already below the threshold, starts one attempt in the same transaction.
   */
  save(walletId: string, userId: string, terms: RuleTerms, enabled: boolean): Promise<void> {
    const status = enabled ? 'ACTIVE' : 'DISABLED';
    const consent = enabled ? Prisma.sql`${JSON.stringify(terms)}::jsonb` : Prisma.sql`NULL::jsonb`;
    return this.sql.transaction(async (tx) => {
      const [before] = await tx.query<{ status: AutoTopUpStatus }>(Prisma.sql`
        SELECT status FROM "AutoTopUpRule" WHERE "walletId" = ${walletId}::uuid FOR UPDATE`);
      await tx.execute(Prisma.sql`
        INSERT INTO "AutoTopUpRule" ("walletId", "userId", threshold, credits, amount, currency, "maxPerMonth",
                                     "monthlySpendLimit", status, "consentTerms", "consentedAt", "monthStart")
        VALUES (${walletId}::uuid, ${userId}::uuid, ${terms.threshold}, ${terms.credits}, ${terms.amount}, ${terms.currency},
                ${terms.maxPerMonth}, ${terms.monthlySpendLimit}, ${status}::"AutoTopUpStatus", ${consent},
                ${enabled ? Prisma.sql`now()` : Prisma.sql`NULL::timestamptz`}, ${CURRENT_MONTH})
        ON CONFLICT ("walletId") DO UPDATE
        SET "userId" = EXCLUDED."userId", threshold = EXCLUDED.threshold, credits = EXCLUDED.credits,
            amount = EXCLUDED.amount, currency = EXCLUDED.currency, "maxPerMonth" = EXCLUDED."maxPerMonth",
            "monthlySpendLimit" = EXCLUDED."monthlySpendLimit", status = EXCLUDED.status,
            "consentTerms" = COALESCE(EXCLUDED."consentTerms", "AutoTopUpRule"."consentTerms"),
            "consentedAt" = COALESCE(EXCLUDED."consentedAt", "AutoTopUpRule"."consentedAt"),
            "consecutiveFailures" = CASE WHEN EXCLUDED.status = 'ACTIVE' THEN 0 ELSE "AutoTopUpRule"."consecutiveFailures" END,
            "updatedAt" = now()`);
      if (enabled && before?.status !== 'ACTIVE') {
        await tx.execute(Prisma.sql`
          WITH now_remaining AS (
            SELECT w.id, ${effectiveRemaining('w')} AS remaining FROM "Wallet" w WHERE w.id = ${walletId}::uuid
          ), ${autoTopUpTriggerCtes('now_remaining')}
          SELECT 1`);
      }
    });
  }

  async disable(walletId: string): Promise<void> {
    await this.sql.execute(Prisma.sql`
      UPDATE "AutoTopUpRule" SET status = 'DISABLED', "updatedAt" = now() WHERE "walletId" = ${walletId}::uuid`);
  }
}
