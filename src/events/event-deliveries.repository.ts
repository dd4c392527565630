import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { EventDeliveryStatus } from '../generated/prisma/enums.js';

/** A delivery a dispatcher has leased, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  leaseToken: string;
  /** This attempt's number, from 1. */
  attempt: number;
  eventId: string;
  type: string;
  createdAt: Date;
  data: unknown;
  endpointId: string;
  url: string;
  secret: string;
  /** The secret before a rotation, while it still signs. */
  previousSecret: string | null;
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  delivered: boolean;
  /** Undefined: no retry left, the delivery is FAILED. */
  retryInMs?: number;
}

export interface DeliveryRow extends KeysetPosition {
  eventId: string;
  type: string;
  status: EventDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/**
 * A CTE (`async_commit`, to be read by the statement) making this autocommit statement's commit
 * asynchronous: it does not wait for the WAL flush. A claim or an outcome lost in a database crash only
 * means the delivery is attempted again (a duplicate after a crash, which at-least-once delivery allows);
 * waiting for a flush per claim and per attempt bounded the dispatcher's throughput. The outbox rows
 * themselves commit with the caller's transaction, durably.
 */
const ASYNC_COMMIT = Prisma.sql`async_commit AS (SELECT set_config('synchronous_commit', 'off', true))`;

/** An endpoint fails for this long, every delivery, before a failure disables it. */
const DISABLE_AFTER_FAILING_FOR = '24 hours';

/**
 * The dispatcher's side of EventDelivery. Claim and record are one autocommit statement each: no row
 * lock outlives its statement, so none is ever held across an HTTP call (docs/events.md, "Dispatch").
 */
@Injectable()
export class EventDeliveriesRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /**
   * Leases up to `limit` due deliveries: PENDING, due, not leased (or the lease ran out: its dispatcher
   * died), to an enabled endpoint unless a test ping. SKIP LOCKED lets several dispatchers claim side by
   * side, each getting other rows; the lease, committed with the claim, keeps the rows theirs after.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.sql.query<ClaimedDelivery>(Prisma.sql`
      WITH ${ASYNC_COMMIT}, due AS (
        -- In index order (status, nextAttemptAt) with LIMIT: the endpoint is checked per row, not joined,
        -- so a claim reads about limit rows however long the backlog is.
        SELECT delivery.id
        FROM "EventDelivery" AS delivery
        WHERE delivery.status = 'PENDING' AND delivery."nextAttemptAt" <= now()
          AND (delivery."leasedUntil" IS NULL OR delivery."leasedUntil" <= now())
          AND (delivery."isTest" OR EXISTS (
            SELECT 1 FROM "WebhookEndpoint" AS endpoint WHERE endpoint.id = delivery."endpointId" AND endpoint.enabled))
        ORDER BY delivery."nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "EventDelivery" AS delivery
      SET "leasedUntil" = now() + make_interval(secs => ${leaseMs / 1000}),
          "leaseToken" = gen_random_uuid(), attempts = delivery.attempts + 1, "updatedAt" = now()
      FROM due, async_commit, "OutboxEvent" AS event, "WebhookEndpoint" AS endpoint
      WHERE delivery.id = due.id AND event.id = delivery."eventId" AND endpoint.id = delivery."endpointId"
      RETURNING delivery.id, delivery."leaseToken", delivery.attempts AS attempt,
                event.id AS "eventId", event.type, event."createdAt", event.data,
                endpoint.id AS "endpointId", endpoint.url, endpoint.secret,
                CASE WHEN endpoint."previousSecretExpiresAt" > now() THEN endpoint."previousSecret" END
                  AS "previousSecret"`);
  }

  /**
   * Records one attempt: the delivery's outcome, the attempt log row and the endpoint's failure streak
   * (a failure 24 hours into an unbroken streak disables it), in one statement. Only the claim holding
   * the lease may record; an outcome that lost its lease is dropped (another attempt is under way).
   * Returns whether it was recorded, and whether this failure disabled the endpoint.
   */
  async recordAttempt(
    claim: ClaimedDelivery,
    record: AttemptRecord,
  ): Promise<{ recorded: boolean; disabled: boolean }> {
    const status: EventDeliveryStatus = record.delivered
      ? 'DELIVERED'
      : record.retryInMs === undefined
        ? 'FAILED'
        : 'PENDING';
    const rows = await this.sql.query<{ recorded: number; disabled: boolean | null }>(Prisma.sql`
      WITH ${ASYNC_COMMIT}, delivery AS (
        UPDATE "EventDelivery"
        SET status = ${status}::"EventDeliveryStatus",
            "lastStatusCode" = ${record.statusCode}::int, "lastError" = ${record.error}::text,
            "lastResponseBody" = ${record.responseBody}::text,
            "deliveredAt" = CASE WHEN ${record.delivered}::boolean THEN now() END,
            "nextAttemptAt" = CASE WHEN ${status} = 'PENDING'
              THEN now() + make_interval(secs => ${(record.retryInMs ?? 0) / 1000}) ELSE "nextAttemptAt" END,
            "leasedUntil" = NULL, "leaseToken" = NULL, "updatedAt" = now()
        WHERE id = ${claim.id}::uuid AND "leaseToken" = ${claim.leaseToken}::uuid
        RETURNING id, "endpointId"
      ), attempt AS (
        INSERT INTO "EventDeliveryAttempt" (id, "deliveryId", attempt, "startedAt", "durationMs", "statusCode", error, "responseBody")
        SELECT gen_random_uuid(), delivery.id, ${claim.attempt}, ${record.startedAt}, ${record.durationMs},
               ${record.statusCode}::int, ${record.error}::text, ${record.responseBody}::text
        FROM delivery
      ), endpoint AS (
        -- Written only when the streak changes, so a busy endpoint's row is not updated per delivery.
        UPDATE "WebhookEndpoint" AS endpoint
        SET "failingSince" = CASE WHEN ${record.delivered}::boolean THEN NULL ELSE COALESCE(endpoint."failingSince", now()) END,
            enabled = endpoint.enabled AND NOT ${disabling()},
            "disabledReason" = CASE WHEN ${disabling()}
              THEN 'every delivery failed for ${Prisma.raw(DISABLE_AFTER_FAILING_FOR)}' ELSE endpoint."disabledReason" END,
            "updatedAt" = now()
        FROM delivery
        WHERE endpoint.id = delivery."endpointId"
          AND CASE WHEN ${record.delivered}::boolean THEN endpoint."failingSince" IS NOT NULL
                   ELSE endpoint."failingSince" IS NULL OR ${disabling()} END
        RETURNING endpoint.enabled
      )
      SELECT (SELECT count(*)::int FROM delivery) AS recorded, (SELECT NOT bool_and(enabled) FROM endpoint) AS disabled
      FROM async_commit`);

    function disabling(): Prisma.Sql {
      return Prisma.sql`(NOT ${record.delivered}::boolean AND endpoint.enabled
        AND endpoint."failingSince" IS NOT NULL
        AND endpoint."failingSince" <= now() - interval '${Prisma.raw(DISABLE_AFTER_FAILING_FOR)}')`;
    }
    return { recorded: rows[0]!.recorded > 0, disabled: rows[0]!.disabled === true };
  }

  /**
   * Seconds since the oldest delivery still PENDING to an enabled endpoint was appended (0 when none):
   * forge_outbox_lag_seconds. Deliveries to a disabled endpoint wait on purpose and are not counted;
   * one being retried is (an endpoint that keeps failing is lag the operator should see).
   */
  async oldestPendingAgeSeconds(): Promise<number> {
    const rows = await this.sql.query<{ seconds: number }>(Prisma.sql`
      SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(delivery."createdAt")), 0)::float8 AS seconds
      FROM "EventDelivery" AS delivery
      JOIN "WebhookEndpoint" AS endpoint ON endpoint.id = delivery."endpointId" AND endpoint.enabled
      WHERE delivery.status = 'PENDING' AND NOT delivery."isTest"`);
    return Number(rows[0]?.seconds ?? 0);
  }

  /** One endpoint's deliveries, newest first, optionally by status (keyset on createdAt, id). */
  listForEndpoint(
    endpointId: string,
    status: EventDeliveryStatus | undefined,
    limit: number,
    after: KeysetPosition | undefined,
  ): Promise<DeliveryRow[]> {
    return this.sql.query<DeliveryRow>(Prisma.sql`
      SELECT delivery.id, delivery."eventId", event.type, delivery.status, delivery.attempts,
             delivery."lastStatusCode",
             CASE WHEN delivery.status = 'PENDING' THEN delivery."nextAttemptAt" END AS "nextAttemptAt",
             delivery."deliveredAt", delivery."createdAt"
      FROM "EventDelivery" AS delivery
      JOIN "OutboxEvent" AS event ON event.id = delivery."eventId"
      WHERE delivery."endpointId" = ${endpointId}::uuid
        ${status ? Prisma.sql`AND delivery.status = ${status}::"EventDeliveryStatus"` : Prisma.empty}
        ${after ? Prisma.sql`AND (delivery."createdAt", delivery.id) < (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY delivery."createdAt" DESC, delivery.id DESC
      LIMIT ${limit}`);
  }

  /**
   * Makes a delivery due now (a manual retry). 'delivered' when it was already delivered (nothing
   * changes), 'missing' when there is no such delivery.
   */
  async retryNow(id: string): Promise<'scheduled' | 'delivered' | 'missing'> {
    const rows = await this.sql.query<{ status: EventDeliveryStatus; scheduled: boolean }>(Prisma.sql`
      WITH current AS (SELECT id, status FROM "EventDelivery" WHERE id = ${id}::uuid FOR UPDATE),
      scheduled AS (
        UPDATE "EventDelivery" AS delivery
        SET status = 'PENDING', "nextAttemptAt" = now(), "updatedAt" = now()
        FROM current WHERE delivery.id = current.id AND current.status <> 'DELIVERED'
        RETURNING delivery.id
      )
      SELECT current.status, EXISTS (SELECT 1 FROM scheduled) AS scheduled FROM current`);
    const row = rows[0];
    if (!row) return 'missing';
    return row.scheduled ? 'scheduled' : 'delivered';
  }
}
