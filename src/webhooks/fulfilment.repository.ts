import { Injectable } from '@nestjs/common';
import { MAX_CREDITS_TOTAL } from '../credits/ledger-movement.js';
import { LedgerRepository } from '../credits/ledger.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import type { SqlClient } from '../database/sql-client.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma, type WebhookEvent } from '../generated/prisma/client.js';
import type { OrderStatus, WebhookEventStatus } from '../generated/prisma/enums.js';
import type { PaymentEvent, PaymentProviderName } from '../payments/payment-gateway.js';
import { type FulfilmentPlan, type OrderState, planFulfilment } from './fulfilment-policy.js';

type Tx = SqlClient;

/** Re-normalizes a stored inbox payload (through the provider's gateway): the repository knows no provider. */
export type StoredEventParser = (
  provider: PaymentProviderName,
  eventId: string,
  payload: unknown,
) => PaymentEvent;

export interface ProcessOptions {
  /** An admin replay may reprocess an IGNORED event too (a redelivery reprocesses FAILED ones only). */
  replay?: boolean;
}

export interface ProcessResult {
  inboxId: string;
  status: WebhookEventStatus;
  error: string | null;
  /** The event had been handled already (PROCESSED or IGNORED): nothing was done. */
  duplicate: boolean;
  /** This event credited an order (its PURCHASE row was written). */
  credited: boolean;
}

export interface StaleOrder {
  id: string;
  provider: PaymentProviderName;
  providerSessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refund or dispute whose payment is not linked to any order yet keeps the payment id in
 * `awaitingPaymentId`. When a later payment (or an async payment's pending completion) links that payment
 * id, the event is applied in that transaction: this is how a refund that overtakes its payment is
 * remembered without knowing the order.
 */
function awaitingPaymentNote(paymentId: string): string {
  return `No order is linked to payment ${paymentId} yet; applied when a payment links it`;
}

/**
 * A refund or dispute found only by payment id must not race the payment that links that id to its order:
 * the refund could miss the order (not linked yet) while the payment misses the refund (not committed yet),
 * and the clawback would be lost. So every event that carries a payment id takes this transaction-scoped
 * lock before it looks for its order: events of one payment take turns. In the lock order it sits between
 * the inbox row and the order row, so no cycle is possible.
 */
function paymentLock(event: PaymentEvent): Prisma.Sql {
  return Prisma.sql`pg_advisory_xact_lock(hashtextextended(${`${event.provider}:${event.paymentId}`}, 0))`;
}

function needsPaymentLock(event: PaymentEvent): boolean {
  return Boolean(event.paymentId) && event.kind !== 'ignored';
}

interface Outcome {
  status: WebhookEventStatus;
  error: string | null;
  credited: boolean;
  awaitingPaymentId?: string;
}

/**
 * The webhook inbox and fulfilment: one transaction per event that claims the inbox row, locks the order,
 * writes the ledger and the balance, and records the outcome — or, when anything throws, none of it.
 *
 * Concurrency: the inbox row is claimed with INSERT … ON CONFLICT DO NOTHING, so concurrent deliveries of
 * one event (one instance or many) queue on its unique index and see it PROCESSED once the first commits.
 * Different events for one order (completed + async_succeeded, webhook + reconciliation, refund + payment)
 * serialize on SELECT … FOR UPDATE of the order row, and decide on the state they read under that lock.
 * Locks are always taken inbox row → order → user, so these transactions cannot deadlock each other.
 * The PURCHASE reference `order:<id>` is unique: even a bug above could not credit an order twice.
 */
@Injectable()
export class FulfilmentRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
    private readonly ledger: LedgerRepository,
  ) {}

  process(
    event: PaymentEvent,
    parse: StoredEventParser,
    options: ProcessOptions = {},
  ): Promise<ProcessResult> {
    return this.sql.transaction(async (tx) => {
      // A new event also takes its payment's lock (see lockPayment) in the same round trip, right after
      // its inbox row: the outer SELECT runs the lock function only for a row the INSERT returned.
      const lock = needsPaymentLock(event) ? paymentLock(event) : Prisma.sql`NULL`;
      const claimed = await tx.query<{ id: string }>(Prisma.sql`
        WITH claimed AS (
          INSERT INTO "WebhookEvent" (id, provider, "eventId", type, payload, status, attempts)
          VALUES (gen_random_uuid(), ${event.provider}::"PaymentProvider", ${event.eventId}, ${event.type},
                  ${JSON.stringify(event.payload ?? null)}::jsonb, 'PROCESSED', 1)
          ON CONFLICT (provider, "eventId") DO NOTHING
          RETURNING id
        )
        SELECT id, ${lock} AS "paymentLocked" FROM claimed`);
      let inboxId = claimed[0]?.id;
      const paymentLocked = inboxId !== undefined;
      if (!inboxId) {
        // Someone recorded it first (and committed: the INSERT waited for that). Lock the row, so two
        // redeliveries of a FAILED event do not both reprocess it.
        const [existing] = await tx.query<Pick<WebhookEvent, 'id' | 'status' | 'error'>>(Prisma.sql`
          SELECT id, status, error FROM "WebhookEvent"
          WHERE provider = ${event.provider}::"PaymentProvider" AND "eventId" = ${event.eventId}
          FOR UPDATE`);
        // ON CONFLICT saw a committed row, and inbox rows are never deleted: it is there.
        if (!existing)
          throw new Error(`Inbox row ${event.provider}/${event.eventId} not found after a conflict`);
        const reprocess = existing.status === 'FAILED' || (options.replay && existing.status === 'IGNORED');
        if (!reprocess)
          return {
            inboxId: existing.id,
            status: existing.status,
            error: existing.error,
            duplicate: true,
            credited: false,
          };
        inboxId = existing.id;
        await tx.execute(
          Prisma.sql`UPDATE "WebhookEvent" SET attempts = attempts + 1 WHERE id = ${inboxId}::uuid`,
        );
      }

      const outcome = await this.fulfil(tx, event, parse, paymentLocked);
      await tx.execute(Prisma.sql`
        UPDATE "WebhookEvent" SET status = ${outcome.status}::"WebhookEventStatus", error = ${outcome.error},
          "awaitingPaymentId" = ${outcome.awaitingPaymentId ?? null}, "processedAt" = now()
        WHERE id = ${inboxId}::uuid`);
      return {
        inboxId,
        status: outcome.status,
        error: outcome.error,
        duplicate: false,
        credited: outcome.credited,
      };
    });
  }

  /**
   * After `process` threw (and rolled back): keep the event as FAILED with the error, outside that
   * transaction, so a redelivery or an admin replay processes it later. A concurrent delivery that
   * succeeded meanwhile wins: a PROCESSED row is never overwritten.
   */
  async recordFailure(event: PaymentEvent, error: string): Promise<void> {
    await this.sql.execute(Prisma.sql`
      INSERT INTO "WebhookEvent" (id, provider, "eventId", type, payload, status, error, attempts)
      VALUES (gen_random_uuid(), ${event.provider}::"PaymentProvider", ${event.eventId}, ${event.type},
              ${JSON.stringify(event.payload ?? null)}::jsonb, 'FAILED', ${error}, 1)
      ON CONFLICT (provider, "eventId") DO UPDATE
        SET status = 'FAILED', error = EXCLUDED.error, attempts = "WebhookEvent".attempts + 1
        WHERE "WebhookEvent".status <> 'PROCESSED'`);
  }

  private async fulfil(
    tx: Tx,
    event: PaymentEvent,
    parse: StoredEventParser,
    paymentLocked: boolean,
  ): Promise<Outcome> {
    if (event.kind === 'ignored') return { status: 'IGNORED', error: null, credited: false };
    if (needsPaymentLock(event) && !paymentLocked) await tx.execute(Prisma.sql`SELECT ${paymentLock(event)}`);
    const order = await this.lockOrder(tx, event);
    if (!order) {
      const awaitingPaymentId =
        event.paymentId && ['refund', 'dispute.opened', 'dispute.won', 'dispute.lost'].includes(event.kind)
          ? event.paymentId
          : undefined;
      return {
        status: 'IGNORED',
        error: awaitingPaymentId ? awaitingPaymentNote(awaitingPaymentId) : 'No matching order',
        credited: false,
        awaitingPaymentId,
      };
    }
    const references = await this.referencesOf(tx, order.id);
    const plan = planFulfilment(event, { order, references });
    await this.apply(tx, order, plan);
    // What the waiting events see must include what this event just wrote (above all its PURCHASE).
    for (const movement of plan.movements) references.add(movement.reference);

    // The event linked a payment id to the order: apply the refunds and disputes that were waiting for it.
    const linked = plan.order.providerPaymentId;
    if (linked && linked !== order.providerPaymentId) {
      await this.applyAwaiting(tx, event.provider, linked, plan.order, references, parse);
    }
    return { status: plan.outcome, error: plan.error ?? null, credited: plan.credited };
  }

  /** By metadata orderId, else (provider, sessionId), else (provider, paymentId); locked for the transaction. */
  private async lockOrder(tx: Tx, event: PaymentEvent): Promise<OrderState | undefined> {
    const columns = Prisma.sql`id, "userId", "walletId", provider::text AS provider, "providerSessionId", "providerPaymentId", credits, amount,
      "amountPaid", currency, status, "refundedAmount", "creditsClawedBack"`;
    const provider = Prisma.sql`provider = ${event.provider}::"PaymentProvider"`;
    const candidates: Prisma.Sql[] = [];
    if (event.orderId && UUID.test(event.orderId))
      candidates.push(Prisma.sql`id = ${event.orderId}::uuid AND ${provider}`);
    if (event.sessionId)
      candidates.push(Prisma.sql`${provider} AND "providerSessionId" = ${event.sessionId}`);
    if (event.paymentId)
      candidates.push(Prisma.sql`${provider} AND "providerPaymentId" = ${event.paymentId}`);
    for (const where of candidates) {
      const rows = await tx.query<OrderState>(Prisma.sql`
        SELECT ${columns} FROM "Order" WHERE ${where} ORDER BY "createdAt" LIMIT 1 FOR UPDATE`);
      if (rows[0]) return rows[0];
    }
    return undefined;
  }

  /**
   * A statement of its own, after the order lock: a subquery inside the locking SELECT would read the
   * snapshot taken before the lock was granted, and miss the PURCHASE of the transaction it waited for.
   */
  private async referencesOf(tx: Tx, orderId: string): Promise<Set<string>> {
    const rows = await tx.query<{ reference: string }>(Prisma.sql`
      SELECT reference FROM "CreditTransaction" WHERE "orderId" = ${orderId}::uuid`);
    return new Set(rows.map((row) => row.reference));
  }

  /** Writes a plan: a guarded order update (the status we read under the lock), then its ledger movements. */
  private async apply(tx: Tx, before: OrderState, plan: FulfilmentPlan): Promise<void> {
    const after = plan.order;
    const changed =
      after.status !== before.status ||
      after.providerPaymentId !== before.providerPaymentId ||
      after.amountPaid !== before.amountPaid ||
      after.refundedAmount !== before.refundedAmount ||
      after.creditsClawedBack !== before.creditsClawedBack;
    if (changed) {
      const updated = await tx.execute(Prisma.sql`
        UPDATE "Order" SET status = ${after.status}::"OrderStatus", "providerPaymentId" = ${after.providerPaymentId},
          "amountPaid" = ${after.amountPaid}::int, "refundedAmount" = ${after.refundedAmount},
          "creditsClawedBack" = ${after.creditsClawedBack}, "updatedAt" = now()
        WHERE id = ${before.id}::uuid AND status = ${before.status}::"OrderStatus"`);
      // Cannot happen while we hold the row lock; if it ever does, roll everything back rather than credit blindly.
      if (updated !== 1) throw new Error(`Order ${before.id} changed under its lock`);
    }
    for (const movement of plan.movements) {
      const entry = await this.ledger.applyMovement(tx, before.walletId, { ...movement, orderId: before.id });
      if (!entry) {
        throw new Error(
          `Ledger movement ${movement.reference} refused: wallet ${before.walletId} missing, or creditsTotal would pass ${MAX_CREDITS_TOTAL}`,
        );
      }
    }
  }

  private async applyAwaiting(
    tx: Tx,
    provider: PaymentProviderName,
    paymentId: string,
    initial: OrderState,
    initialReferences: Set<string>,
    parse: StoredEventParser,
  ): Promise<void> {
    // SKIP LOCKED: an event that an admin is replaying right now is that replay's business (and waiting for
    // it here, while holding the order lock it needs, could deadlock).
    const waiting = await tx.query<Pick<WebhookEvent, 'id' | 'eventId' | 'payload'>>(Prisma.sql`
      SELECT id, "eventId", payload FROM "WebhookEvent"
      WHERE provider = ${provider}::"PaymentProvider" AND status = 'IGNORED' AND "awaitingPaymentId" = ${paymentId}
      ORDER BY "receivedAt", id
      FOR UPDATE SKIP LOCKED`);
    let order = initial;
    const references = new Set(initialReferences);
    for (const row of waiting) {
      const event = parse(provider, row.eventId, row.payload);
      const plan = planFulfilment(event, { order, references });
      await this.apply(tx, order, plan);
      for (const movement of plan.movements) references.add(movement.reference);
      order = plan.order;
      await tx.execute(Prisma.sql`
        UPDATE "WebhookEvent" SET status = ${plan.outcome}::"WebhookEventStatus", error = ${plan.error ?? null},
          "awaitingPaymentId" = NULL, attempts = attempts + 1, "processedAt" = now()
        WHERE id = ${row.id}::uuid`);
    }
  }

  /** Orders whose webhook may never have come: still open after `minAgeMinutes`, younger than `maxAgeMinutes`. */
  findStaleOpenOrders(minAgeMinutes: number, maxAgeMinutes: number, limit: number): Promise<StaleOrder[]> {
    return this.prisma.$queryRaw<StaleOrder[]>`
      SELECT id, provider::text AS provider, "providerSessionId" FROM "Order"
      WHERE status IN ('PENDING', 'AWAITING_PAYMENT') AND "providerSessionId" IS NOT NULL
        AND "createdAt" <= now() - make_interval(mins => ${minAgeMinutes}::int)
        AND "createdAt" > now() - make_interval(mins => ${maxAgeMinutes}::int)
      ORDER BY "createdAt"
      LIMIT ${limit}`;
  }

  findOrderForCheckout(
    provider: PaymentProviderName,
    sessionId: string,
  ): Promise<{ id: string; credits: number; amount: number; currency: string; status: OrderStatus } | null> {
    return this.prisma.order.findUnique({
      where: { provider_providerSessionId: { provider, providerSessionId: sessionId } },
      select: { id: true, credits: true, amount: true, currency: true, status: true },
    });
  }

  listEvents(status: WebhookEventStatus | undefined, limit: number): Promise<WebhookEvent[]> {
    return this.prisma.webhookEvent.findMany({
      where: status ? { status } : {},
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  findEvent(id: string): Promise<WebhookEvent | null> {
    return this.prisma.webhookEvent.findUnique({ where: { id } });
  }
}
