import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { SqlDatabase } from '../database/sql-database.js';
import type { SqlClient } from '../database/sql-client.js';
import { Prisma, type WebhookEvent } from '../generated/prisma/client.js';
import type { PaymentProvider, WebhookEventStatus } from '../generated/prisma/enums.js';
import type { NormalizedPaymentEvent, PaymentEvent } from '../payments/payment-gateway.js';

/** An inbox row as fulfilment and replay read it. */
export interface InboxRow {
  id: string;
  status: WebhookEventStatus;
  error: string | null;
}

/** A refund or dispute that waited for its payment, with the event as it was normalized on arrival. */
export interface AwaitingRow {
  id: string;
  normalized: NormalizedPaymentEvent;
}

export interface InboxOutcome {
  status: WebhookEventStatus;
  error: string | null;
  awaitingPaymentId?: string;
}

/** The event without its payload, as the `normalized` column keeps it. */
function normalizedOf(event: PaymentEvent): NormalizedPaymentEvent {
  const { payload: _payload, occurredAt, ...normalized } = event;
  return { ...normalized, ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}) };
}

/** A stored `normalized` value back into an event (its payload is only for audit and is not read). */
export function eventFromNormalized(
  provider: PaymentProvider,
  normalized: NormalizedPaymentEvent,
): PaymentEvent {
  const { occurredAt, ...event } = normalized;
  return { ...event, provider, ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}), payload: null };
}

/**
 * The webhook inbox (`WebhookEvent`): one row per (provider, event id), claimed by the first delivery,
 * holding the payload for audit and the normalized event that fulfilment, replays and waiting refunds
 * read. Methods that take `tx` run inside the fulfilment transaction.
 */
@Injectable()
export class WebhookInboxRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  /**
   * Records a new event (status PROCESSED until its outcome is written) and returns its id, or undefined
   * when the row exists already. Concurrent deliveries of one event queue on the unique index and see the
   * first one's row once it commits. `lockKey` takes that transaction-scoped advisory lock in the same
   * round trip, only for a row this INSERT created.
   */
  async claim(tx: SqlClient, event: PaymentEvent, lockKey?: string): Promise<string | undefined> {
    const lock = lockKey
      ? Prisma.sql`pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`
      : Prisma.sql`NULL`;
    const rows = await tx.query<{ id: string }>(Prisma.sql`
      WITH claimed AS (
        INSERT INTO "WebhookEvent" (id, provider, "eventId", type, payload, normalized, status, attempts)
        VALUES (gen_random_uuid(), ${event.provider}::"PaymentProvider", ${event.eventId}, ${event.type},
                ${JSON.stringify(event.payload ?? null)}::jsonb, ${JSON.stringify(normalizedOf(event))}::jsonb,
                'PROCESSED', 1)
        ON CONFLICT (provider, "eventId") DO NOTHING
        RETURNING id
      )
      SELECT id, ${lock} AS "locked" FROM claimed`);
    return rows[0]?.id;
  }

  /**
   * The existing row, locked, so two redeliveries of a FAILED event do not both reprocess it; its attempt
   * counted when the caller reprocesses it.
   */
  async lockExisting(tx: SqlClient, event: PaymentEvent): Promise<InboxRow> {
    const [row] = await tx.query<InboxRow>(Prisma.sql`
      SELECT id, status, error FROM "WebhookEvent"
      WHERE provider = ${event.provider}::"PaymentProvider" AND "eventId" = ${event.eventId}
      FOR UPDATE`);
    // ON CONFLICT saw a committed row, and inbox rows are never deleted: it is there.
    if (!row) throw new Error(`Inbox row ${event.provider}/${event.eventId} not found after a conflict`);
    return row;
  }

  /** A redelivery or replay that reprocesses the row: one more attempt, and the event as normalized now. */
  async reopen(tx: SqlClient, id: string, event: PaymentEvent): Promise<void> {
    await tx.execute(Prisma.sql`
      UPDATE "WebhookEvent" SET attempts = attempts + 1, normalized = ${JSON.stringify(normalizedOf(event))}::jsonb
      WHERE id = ${id}::uuid`);
  }

  async recordOutcome(tx: SqlClient, id: string, outcome: InboxOutcome): Promise<void> {
    await tx.execute(Prisma.sql`
      UPDATE "WebhookEvent" SET status = ${outcome.status}::"WebhookEventStatus", error = ${outcome.error},
        "awaitingPaymentId" = ${outcome.awaitingPaymentId ?? null}, "processedAt" = now()
      WHERE id = ${id}::uuid`);
  }

  /**
   * After the fulfilment transaction threw (and rolled back): keep the event as FAILED with the error, in
   * a statement of its own, so a redelivery or an admin replay processes it later. A concurrent delivery
   * that succeeded meanwhile wins: a PROCESSED row is never overwritten.
   */
  async recordFailure(event: PaymentEvent, error: string): Promise<void> {
    await this.sql.execute(Prisma.sql`
      INSERT INTO "WebhookEvent" (id, provider, "eventId", type, payload, normalized, status, error, attempts)
      VALUES (gen_random_uuid(), ${event.provider}::"PaymentProvider", ${event.eventId}, ${event.type},
              ${JSON.stringify(event.payload ?? null)}::jsonb, ${JSON.stringify(normalizedOf(event))}::jsonb,
              'FAILED', ${error}, 1)
      ON CONFLICT (provider, "eventId") DO UPDATE
        SET status = 'FAILED', error = EXCLUDED.error, attempts = "WebhookEvent".attempts + 1
        WHERE "WebhookEvent".status <> 'PROCESSED'`);
  }

  /**
   * Refunds and disputes that were waiting for this payment, oldest first, locked. SKIP LOCKED: an event
   * that an admin is replaying right now is that replay's business (and waiting for it here, while holding
   * the order lock it needs, could deadlock). Rows stored before events were normalized on arrival have no
   * `normalized` and are left for an admin replay.
   */
  lockAwaiting(tx: SqlClient, provider: PaymentProvider, paymentId: string): Promise<AwaitingRow[]> {
    return tx.query<AwaitingRow>(Prisma.sql`
      SELECT id, normalized FROM "WebhookEvent"
      WHERE provider = ${provider}::"PaymentProvider" AND status = 'IGNORED'
        AND "awaitingPaymentId" = ${paymentId} AND normalized IS NOT NULL
      ORDER BY "receivedAt", id
      FOR UPDATE SKIP LOCKED`);
  }

  /** A waiting event applied in another event's transaction. */
  async recordApplied(tx: SqlClient, id: string, outcome: InboxOutcome): Promise<void> {
    await tx.execute(Prisma.sql`
      UPDATE "WebhookEvent" SET status = ${outcome.status}::"WebhookEventStatus", error = ${outcome.error},
        "awaitingPaymentId" = NULL, attempts = attempts + 1, "processedAt" = now()
      WHERE id = ${id}::uuid`);
  }

  /** For admins: newest first, optionally by status. */
  list(status: WebhookEventStatus | undefined, limit: number): Promise<WebhookEvent[]> {
    return this.prisma.webhookEvent.findMany({
      where: status ? { status } : {},
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  find(id: string): Promise<WebhookEvent | null> {
    return this.prisma.webhookEvent.findUnique({ where: { id } });
  }
}
