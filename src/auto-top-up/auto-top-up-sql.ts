import { Prisma } from '../generated/prisma/client.js';

/** Seconds between two attempts of a wallet, counted from the last attempt's creation. */
const AUTO_TOP_UP_COOLDOWN_SECONDS = 60;

/** The UTC calendar month the rule's counters belong to. */
export const CURRENT_MONTH = Prisma.sql`(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/**
 * The auto top-up trigger, as CTEs appended to a statement that lowers a wallet's balance (the settle, a
 * transfer out). `changed` is a CTE of that statement returning `id` (the wallet) and `remaining` after the
 * change. When no ACTIVE rule of that wallet is below its threshold, both CTEs touch no row: the hot path
 * gains no round trip, only an index probe on the rule's primary key.
 *
 * `rule_due` bumps the guardrail counters in the same UPDATE that decides an attempt is due, so they cannot
 * drift: the month's count and spend (reset when the UTC month changed) and the cooldown. A concurrent
 * statement that wins the rule row first moves `lastAttemptAt` to now, so the loser's re-checked cooldown
 * fails — and the partial unique index on in-flight attempts makes a second one impossible anyway
 * (ON CONFLICT keeps the caller's statement from failing over it).
 */
export function autoTopUpTriggerCtes(changed: string): Prisma.Sql {
  const c = Prisma.raw(`"${changed}"`);
  const sameMonth = Prisma.sql`r."monthStart" = ${CURRENT_MONTH}`;
  const monthCount = Prisma.sql`(CASE WHEN ${sameMonth} THEN r."monthCount" ELSE 0 END)`;
  const monthSpend = Prisma.sql`(CASE WHEN ${sameMonth} THEN r."monthSpend" ELSE 0 END)`;
  return Prisma.sql`auto_top_up_rule AS (
      UPDATE "AutoTopUpRule" r
      SET "monthStart" = ${CURRENT_MONTH}, "monthCount" = ${monthCount} + 1, "monthSpend" = ${monthSpend} + r.amount,
          "lastAttemptAt" = now(), "updatedAt" = now()
      FROM ${c}
      WHERE r."walletId" = ${c}.id AND r.status = 'ACTIVE' AND ${c}.remaining < r.threshold
        AND (r."lastAttemptAt" IS NULL OR r."lastAttemptAt" <= now() - make_interval(secs => ${AUTO_TOP_UP_COOLDOWN_SECONDS}))
        AND ${monthCount} < r."maxPerMonth"
        AND (r."monthlySpendLimit" IS NULL OR ${monthSpend} + r.amount <= r."monthlySpendLimit")
        AND NOT EXISTS (SELECT 1 FROM "AutoTopUpAttempt" a
                        WHERE a."walletId" = r."walletId" AND a.status IN ('PENDING', 'CHARGING'))
      RETURNING r."walletId", r.credits, r.amount, r.currency
    ), auto_top_up_attempt AS (
      INSERT INTO "AutoTopUpAttempt" (id, "walletId", status, credits, amount, currency)
      SELECT gen_random_uuid(), "walletId", 'PENDING', credits, amount, currency FROM auto_top_up_rule
      ON CONFLICT ("walletId") WHERE status IN ('PENDING', 'CHARGING') DO NOTHING
    )`;
}

/** The trigger on its own, for a multi-statement transaction that has just lowered `walletId` to `remaining`. */
export function autoTopUpTriggerStatement(walletId: string, remaining: number): Prisma.Sql {
  return Prisma.sql`WITH changed AS (SELECT ${walletId}::uuid AS id, ${remaining}::int AS remaining),
    ${autoTopUpTriggerCtes('changed')}
    SELECT 1`;
}
