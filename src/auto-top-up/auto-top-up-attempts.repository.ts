import { Injectable } from '@nestjs/common';
import type { NewOrder } from '../billing/orders.repository.js';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import type { SqlClient } from '../database/sql-client.js';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import type { AutoTopUpAttemptStatus, PaymentProvider } from '../generated/prisma/enums.js';
import { CURRENT_MONTH } from './auto-top-up-sql.js';

/** Three failed attempts in a row disable the rule (DISABLED_AFTER_FAILURES). */
const MAX_CONSECUTIVE_FAILURES = 3;

/** What the worker needs to charge a claimed attempt. */
export interface ClaimedAttempt {
  attemptId: string;
  attemptCreatedAt: Date;
  /** Claimed before (it already had its order): an earlier charge of it may exist. */
  resumed: boolean;
  walletId: string;
  orderId: string;
  provider: PaymentProvider;
  customerId: string;
  paymentMethodId: string;
  credits: number;
  amount: number;
  currency: string;
}

export interface AttemptRow {
  id: string;
  status: AutoTopUpAttemptStatus;
  credits: number;
  amount: number;
  orderId: string | null;
  failureCode: string | null;
  createdAt: Date;
}

/** The owner part every auto_top_up.* event carries. */
type WalletOwner =
  | { walletId: string; userId: string; organizationId?: never }
  | { walletId: string; organizationId: string; userId?: never };

interface OwnerRow {
  walletId: string;
  userId: string | null;
  organizationId: string | null;
}

function ownerOf(row: OwnerRow): WalletOwner {
  return row.organizationId
    ? { walletId: row.walletId, organizationId: row.organizationId }
    : { walletId: row.walletId, userId: row.userId! };
}

const OWNER = Prisma.sql`(SELECT jsonb_build_object('userId', w."userId", 'organizationId', w."organizationId")
  FROM "Wallet" w WHERE w.id = a."walletId")`;

/**
 * An attempt's life after the trigger created it (src/auto-top-up/auto-top-up-sql.ts): claimed by the
 * worker with its AUTO_TOP_UP order, charged, then settled exactly once, by whichever of the charge's answer
 * and the provider's webhook comes first: SUCCEEDED through fulfilment, FAILED or REQUIRES_ACTION by the
 * worker or by fulfilment of the failure webhook.
 * Each outcome updates the rule's counters and appends its auto_top_up.* event in the same transaction.
 */
@Injectable()
export class AutoTopUpAttemptsRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * In-flight attempts due for a charge: new ones, and CHARGING ones whose answer never came within
   * `leaseSeconds` (a crash, a timeout). Charging one again is safe: it is claimed as `resumed`, and the
   * gateway never charges a resumed attempt twice.
   */
  async findDue(leaseSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(Prisma.sql`
      SELECT id FROM "AutoTopUpAttempt"
      WHERE status = 'PENDING'
         OR (status = 'CHARGING' AND "updatedAt" <= now() - make_interval(secs => ${leaseSeconds}))
      ORDER BY "createdAt" LIMIT ${limit}`);
    return rows.map((row) => row.id);
  }

  /**
   * Takes an attempt for a charge (SKIP LOCKED: another worker holding it wins) and gives it its order the
   * first time. Undefined when it is no longer due. An attempt whose rule was disabled or whose method was
   * removed since it was created is cancelled (FAILED, not counted against the rule).
   */
  claim(
    attemptId: string,
    leaseSeconds: number,
    createOrder: (tx: SqlClient, order: NewOrder) => Promise<string>,
  ): Promise<ClaimedAttempt | undefined> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<{
        walletId: string;
        createdAt: Date;
        orderId: string | null;
        credits: number;
        amount: number;
        currency: string;
        userId: string | null;
        ruleStatus: string | null;
        provider: PaymentProvider | null;
        customerId: string | null;
        paymentMethodId: string | null;
      }>(Prisma.sql`
        SELECT a."walletId", a."createdAt", a."orderId", a.credits, a.amount, a.currency, r."userId", r.status::text AS "ruleStatus",
               m.provider, m."customerId", m."paymentMethodId"
        FROM "AutoTopUpAttempt" a
        LEFT JOIN "AutoTopUpRule" r ON r."walletId" = a."walletId"
        LEFT JOIN "SavedPaymentMethod" m ON m."walletId" = a."walletId"
        WHERE a.id = ${attemptId}::uuid
          AND (a.status = 'PENDING'
               OR (a.status = 'CHARGING' AND a."updatedAt" <= now() - make_interval(secs => ${leaseSeconds})))
        FOR UPDATE OF a SKIP LOCKED`);
      if (!row) return undefined;
      if (!row.orderId && (row.ruleStatus !== 'ACTIVE' || !row.paymentMethodId)) {
        await this.settleFailure(tx, attemptId, 'rule_disabled', { countsAsFailure: false });
        return undefined;
      }
      if (!row.orderId && !row.userId) {
        await this.disableWithoutConsentHolder(tx, attemptId);
        return undefined;
      }
      if (!row.provider || !row.customerId || !row.paymentMethodId || !row.userId) return undefined;
      const orderId =
        row.orderId ??
        (await createOrder(tx, {
          userId: row.userId,
          walletId: row.walletId,
          provider: row.provider,
          credits: row.credits,
          amount: row.amount,
          currency: row.currency,
        }));
      await tx.execute(Prisma.sql`
        UPDATE "AutoTopUpAttempt" SET status = 'CHARGING', "orderId" = ${orderId}::uuid, "updatedAt" = now()
        WHERE id = ${attemptId}::uuid`);
      return {
        attemptId,
        attemptCreatedAt: row.createdAt,
        resumed: row.orderId !== null,
        walletId: row.walletId,
        orderId,
        provider: row.provider,
        customerId: row.customerId,
        paymentMethodId: row.paymentMethodId,
        credits: row.credits,
        amount: row.amount,
        currency: row.currency,
      };
    });
  }

  /**
   * Fulfilment credited an AUTO_TOP_UP order (inside its transaction): its attempt succeeded, the failure
   * streak ends. Idempotent: only an attempt not yet SUCCEEDED moves, so the event is appended once.
   */
  async recordCredited(tx: SqlClient, orderId: string): Promise<void> {
    const [row] = await tx.query<{
      id: string;
      walletId: string;
      credits: number;
      amount: number;
      owner: OwnerRow;
    }>(Prisma.sql`
      WITH attempt AS (
        UPDATE "AutoTopUpAttempt" a SET status = 'SUCCEEDED', "failureCode" = NULL, "updatedAt" = now()
        WHERE a."orderId" = ${orderId}::uuid AND a.status <> 'SUCCEEDED'
        RETURNING a.id, a."walletId", a.credits, a.amount, ${OWNER} AS owner
      ), rule AS (
        UPDATE "AutoTopUpRule" r SET "consecutiveFailures" = 0, "updatedAt" = now()
        FROM attempt WHERE r."walletId" = attempt."walletId"
      )
      SELECT id, "walletId", credits, amount, owner FROM attempt`);
    if (!row) return;
    await this.outbox.appendOne(tx, 'auto_top_up.succeeded', {
      ...ownerOf({ ...row.owner, walletId: row.walletId }),
      attemptId: row.id,
      orderId,
      credits: row.credits,
      amount: row.amount,
    });
  }

  /** A decline: the attempt fails and gives its place in the month back; the third in a row disables the rule. */
  recordDeclined(attemptId: string, failureCode: string): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await this.lockOrderOf(tx, attemptId);
      await this.settleFailure(tx, attemptId, failureCode, { countsAsFailure: true });
    });
  }

  /** The bank wants the customer present: the rule pauses (REQUIRES_ACTION) until a checkout saves a method again. */
  recordRequiresAction(attemptId: string): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await this.lockOrderOf(tx, attemptId);
      await this.pause(tx, attemptId);
    });
  }

  /**
   * The provider's webhook says an AUTO_TOP_UP order's payment failed (inside fulfilment's transaction, the
   * order locked): its attempt ends exactly as if the charge had answered so — a decline counted towards
   * the three in a row, or a pause when the bank wants the customer present. Whichever of the webhook and
   * the charge's answer comes second finds the attempt no longer in flight and changes nothing.
   */
  async recordPaymentFailed(
    tx: SqlClient,
    orderId: string,
    failure: { failureCode: string; requiresAction: boolean },
  ): Promise<void> {
    const [attempt] = await tx.query<{ id: string }>(Prisma.sql`
      SELECT id FROM "AutoTopUpAttempt" WHERE "orderId" = ${orderId}::uuid`);
    if (!attempt) return;
    if (failure.requiresAction) await this.pause(tx, attempt.id);
    else await this.settleFailure(tx, attempt.id, failure.failureCode, { countsAsFailure: true });
  }

  /**
   * Fulfilment locks the order before it touches the attempt; the charge's answer takes the same order,
   * so a webhook and an answer for one attempt queue instead of deadlocking.
   */
  private async lockOrderOf(tx: SqlClient, attemptId: string): Promise<void> {
    await tx.execute(Prisma.sql`
      SELECT o.id FROM "Order" o JOIN "AutoTopUpAttempt" a ON a."orderId" = o.id
      WHERE a.id = ${attemptId}::uuid FOR UPDATE OF o`);
  }

  private async pause(tx: SqlClient, attemptId: string): Promise<void> {
    const row = await this.closeAttempt(tx, attemptId, 'REQUIRES_ACTION', 'authentication_required');
    if (!row) return;
    await tx.execute(Prisma.sql`
      UPDATE "AutoTopUpRule" SET status = 'REQUIRES_ACTION', "updatedAt" = now()
      WHERE "walletId" = ${row.walletId}::uuid AND status = 'ACTIVE'`);
    await this.outbox.appendOne(tx, 'auto_top_up.requires_action', { ...ownerOf(row), attemptId });
  }

  private async settleFailure(
    tx: SqlClient,
    attemptId: string,
    failureCode: string,
    { countsAsFailure }: { countsAsFailure: boolean },
  ): Promise<void> {
    const row = await this.closeAttempt(tx, attemptId, 'FAILED', failureCode);
    if (!row || !countsAsFailure) return;
    const [rule] = await tx.query<{ consecutiveFailures: number; disabled: boolean }>(Prisma.sql`
      UPDATE "AutoTopUpRule" r
      SET "consecutiveFailures" = r."consecutiveFailures" + 1,
          status = CASE WHEN r."consecutiveFailures" + 1 >= ${MAX_CONSECUTIVE_FAILURES} AND r.status = 'ACTIVE'
                        THEN 'DISABLED_AFTER_FAILURES' ELSE r.status END,
          "updatedAt" = now()
      WHERE r."walletId" = ${row.walletId}::uuid
      RETURNING r."consecutiveFailures", (r.status = 'DISABLED_AFTER_FAILURES'
                AND r."consecutiveFailures" = ${MAX_CONSECUTIVE_FAILURES}) AS disabled`);
    if (!rule) return;
    await this.outbox.appendOne(tx, 'auto_top_up.failed', {
      ...ownerOf(row),
      attemptId,
      failureCode,
      consecutiveFailures: rule.consecutiveFailures,
    });
    if (rule.disabled)
      await this.outbox.appendOne(tx, 'auto_top_up.disabled', {
        ...ownerOf(row),
        reason: 'consecutive_failures',
      });
  }

  /**
   * The user who enabled the rule deleted their account (an organization's rule outlives them): their
   * consent went with them, so the attempt fails without counting as a decline and the rule is disabled
   * until someone enables it again (auto_top_up.disabled, reason consent_holder_deleted).
   */
  private async disableWithoutConsentHolder(tx: SqlClient, attemptId: string): Promise<void> {
    const owner = await this.closeAttempt(tx, attemptId, 'FAILED', 'consent_holder_deleted');
    if (!owner) return;
    const disabled = await tx.execute(Prisma.sql`
      UPDATE "AutoTopUpRule" SET status = 'DISABLED', "updatedAt" = now()
      WHERE "walletId" = ${owner.walletId}::uuid AND status <> 'DISABLED'`);
    if (disabled > 0)
      await this.outbox.appendOne(tx, 'auto_top_up.disabled', {
        ...ownerOf(owner),
        reason: 'consent_holder_deleted',
      });
  }

  /**
   * Ends an in-flight attempt without money: its order fails, and the month's count and spend give its
   * place back (only succeeded and in-flight attempts count).
   */
  private async closeAttempt(
    tx: SqlClient,
    attemptId: string,
    status: 'FAILED' | 'REQUIRES_ACTION',
    failureCode: string,
  ): Promise<OwnerRow | undefined> {
    const [row] = await tx.query<{ walletId: string; orderId: string | null; owner: OwnerRow }>(Prisma.sql`
      WITH attempt AS (
        UPDATE "AutoTopUpAttempt" a SET status = ${status}::"AutoTopUpAttemptStatus", "failureCode" = ${failureCode}, "updatedAt" = now()
        WHERE a.id = ${attemptId}::uuid AND a.status IN ('PENDING', 'CHARGING')
        RETURNING a."walletId", a."orderId", a.amount, a."createdAt", ${OWNER} AS owner
      ), rule AS (
        UPDATE "AutoTopUpRule" r
        SET "monthCount" = GREATEST(r."monthCount" - 1, 0), "monthSpend" = GREATEST(r."monthSpend" - attempt.amount, 0)
        FROM attempt
        WHERE r."walletId" = attempt."walletId" AND r."monthStart" = ${CURRENT_MONTH}
          AND attempt."createdAt" >= r."monthStart"
      ), failed_order AS (
        UPDATE "Order" o SET status = 'FAILED', "updatedAt" = now()
        FROM attempt WHERE o.id = attempt."orderId" AND o.source = 'AUTO_TOP_UP' AND o.status = 'PENDING'
      )
      SELECT "walletId", "orderId", owner FROM attempt`);
    return row && { ...row.owner, walletId: row.walletId };
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  list(walletId: string, limit: number, after?: KeysetPosition): Promise<AttemptRow[]> {
    const position = after
      ? Prisma.sql`AND ("createdAt", id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : Prisma.empty;
    return this.sql.query<AttemptRow>(Prisma.sql`
      SELECT id, status, credits, amount, "orderId", "failureCode", "createdAt" FROM "AutoTopUpAttempt"
      WHERE "walletId" = ${walletId}::uuid ${position}
      ORDER BY "createdAt" DESC, id DESC LIMIT ${limit}`);
  }
}
