import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.js';
import type { OutgoingEvent } from './event-catalogue.js';

/**
 * The SQL that writes events into the outbox, as fragments a caller's own statement can embed (a CTE),
 * so that a change and the events it causes commit together and in the same round trip (docs/events.md).
 *
 * Fan-out happens here, at append: the same statement inserts one EventDelivery per enabled endpoint
 * subscribed to the type. The dispatcher then only ever reads deliveries; an endpoint created (or
 * re-enabled) later hears about events from then on, never about older ones.
 */

const CTE_NAME = /^[a-z_][a-z0-9_]{0,40}$/;

function cteName(name: string): Prisma.Sql {
  if (!CTE_NAME.test(name)) throw new Error(`not a CTE name: ${name}`);
  return Prisma.raw(name);
}

/**
 * Two CTEs, `<name>_events` and `<name>_deliveries`, that append the rows of `source` — a SELECT of
 * `(id uuid, type text, "walletId" uuid, data jsonb)` — to the outbox and fan them out. `<name>_events`
 * returns `(id, type)`. Put it in a WITH list: `WITH ..., ${outboxInsertCtes('x', select)} SELECT ...`.
 */
export function outboxInsertCtes(name: string, source: Prisma.Sql): Prisma.Sql {
  const events = cteName(`${name}_events`);
  const deliveries = cteName(`${name}_deliveries`);
  return Prisma.sql`${events} AS (
    INSERT INTO "OutboxEvent" (id, type, "walletId", data)
    SELECT source.id, source.type, source."walletId", source.data FROM (${source}) AS source
    RETURNING id, type
  ), ${deliveries} AS (
    INSERT INTO "EventDelivery" (id, "eventId", "endpointId")
    SELECT gen_random_uuid(), appended.id, endpoint.id
    FROM ${events} AS appended
    JOIN "WebhookEndpoint" AS endpoint
      ON endpoint.enabled AND appended.type <> 'ping'
     AND (endpoint.events ? appended.type OR endpoint.events ? '*')
    RETURNING "eventId"
  )`;
}

/** One statement appending `events` (ids chosen here, returned in order). */
export function appendEventsStatement(events: readonly OutgoingEvent[]): {
  ids: string[];
  statement: Prisma.Sql;
} {
  const ids = events.map(() => randomUUID());
  const types = events.map((event) => event.type);
  const walletIds = events.map((event) => ('walletId' in event.data ? event.data.walletId : null));
  const data = events.map((event) => JSON.stringify(event.data));
  const source = Prisma.sql`
    SELECT * FROM unnest(${ids}::uuid[], ${types}::text[], ${walletIds}::uuid[], ${data}::jsonb[])
      AS appended(id, type, "walletId", data)`;
  return {
    ids,
    statement: Prisma.sql`WITH ${outboxInsertCtes('appended', source)} SELECT count(*) FROM appended_events`,
  };
}

/**
 * One statement appending events about one wallet, their `walletId` and `userId` or `organizationId`
 * filled in from the Wallet row by the statement itself (the caller need not know who owns it). No
 * wallet, no events.
 */
export function appendWalletEventsStatement(
  walletId: string,
  events: readonly { type: string; data: object }[],
): { ids: string[]; statement: Prisma.Sql } {
  const ids = events.map(() => randomUUID());
  const types = events.map((event) => event.type);
  const data = events.map((event) => JSON.stringify(event.data));
  const source = Prisma.sql`
    SELECT appended.id, appended.type, w.id AS "walletId",
           jsonb_strip_nulls(jsonb_build_object('walletId', w.id, 'userId', w."userId", 'organizationId', w."organizationId"))
             || appended.data AS data
    FROM unnest(${ids}::uuid[], ${types}::text[], ${data}::jsonb[]) AS appended(id, type, data)
    JOIN "Wallet" w ON w.id = ${walletId}::uuid`;
  return {
    ids,
    statement: Prisma.sql`WITH ${outboxInsertCtes('appended', source)} SELECT count(*) FROM appended_events`,
  };
}

/** JSON for an RFC 3339 UTC timestamp with milliseconds, as JavaScript's toISOString() writes it. */
function isoTimestamp(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `walletId` plus `userId` or `organizationId` (whichever is not null) of a row of `alias`. */
function ownerJson(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`'walletId', ${alias}."walletId", 'userId', ${alias}."userId", 'organizationId', ${alias}."organizationId"`;
}

/**
 * `balance.low` and `balance.depleted`, as CTEs to embed in the statement that changes a wallet's
 * counters (settle, clawback, expiry, transfer, adjustment, grant — never a hold or void).
 *
 * `source` names a CTE of that statement returning one row per changed wallet:
 * `("walletId" uuid, "userId" uuid, "organizationId" uuid, remaining int)` — the effective remaining
 * after the change, read from the UPDATE that holds the wallet's row lock.
 *
 * The state is one row per wallet: the remaining of the last evaluation that moved it across a
 * threshold. A threshold t has fired, and is disarmed, exactly while remaining < t; so the thresholds
 * a change crosses downward are those with new < t <= previous, and rising to t or above re-arms it with
 * nothing more to write. The upsert takes the latest committed state (ON CONFLICT locks it and reads
 * its newest version, not the statement's snapshot), and concurrent changes of one wallet are already
 * serialized by the wallet's row lock, so 20 concurrent settles see 20 consecutive (previous, new) pairs
 * and each threshold is crossed by exactly one of them. Lock order: the wallet, then this row.
 * It writes only when a threshold or zero is crossed; otherwise the upsert locks the row and changes nothing.
 */
export function balanceAlertCtes(source: string, thresholds: readonly number[]): Prisma.Sql {
  const wallets = cteName(source);
  const alertSource = Prisma.sql`
    SELECT gen_random_uuid() AS id, 'balance.low'::text AS type, state."walletId",
           jsonb_strip_nulls(jsonb_build_object(${ownerJson(Prisma.raw('changed'))},
             'remaining', state.remaining, 'threshold', threshold)) AS data
    FROM balance_alert_state AS state
    JOIN ${wallets} AS changed ON changed."walletId" = state."walletId"
    CROSS JOIN unnest(${[...thresholds]}::int[]) AS threshold
    WHERE state.remaining < threshold
      AND (state."previousRemaining" IS NULL OR state."previousRemaining" >= threshold)
    UNION ALL
    SELECT gen_random_uuid(), 'balance.depleted'::text, state."walletId",
           jsonb_strip_nulls(jsonb_build_object(${ownerJson(Prisma.raw('changed'))}, 'remaining', state.remaining))
    FROM balance_alert_state AS state
    JOIN ${wallets} AS changed ON changed."walletId" = state."walletId"
    WHERE state.remaining <= 0 AND (state."previousRemaining" IS NULL OR state."previousRemaining" > 0)`;
  return Prisma.sql`balance_alert_state AS (
    INSERT INTO "BalanceAlertState" AS state ("walletId", remaining, "previousRemaining", "updatedAt")
    SELECT changed."walletId", changed.remaining, NULL, now() FROM ${wallets} AS changed
    ON CONFLICT ("walletId") DO UPDATE
      SET remaining = EXCLUDED.remaining, "previousRemaining" = state.remaining, "updatedAt" = now()
      WHERE (EXCLUDED.remaining <= 0) <> (state.remaining <= 0)
         OR EXISTS (SELECT 1 FROM unnest(${[...thresholds]}::int[]) AS threshold
                    WHERE (EXCLUDED.remaining < threshold) <> (state.remaining < threshold))
    RETURNING "walletId", remaining, "previousRemaining"
  ), ${outboxInsertCtes('balance_alert', alertSource)}`;
}

/**
 * `credits.expiring_soon`, once per grant, as CTEs for the expiry sweeper's statement (or the one that
 * creates a grant already inside the notice window). `candidates` is a SELECT of grants to notify:
 * `("grantId" uuid, "walletId" uuid, "userId" uuid, "organizationId" uuid, remaining int, "expiresAt" timestamptz)`
 * — the sweeper selects ACTIVE grants with available credits whose expiry is within EXPIRY_NOTICE_DAYS
 * and that have no CreditExpiryNotice yet. The notice row (primary key grantId, ON CONFLICT DO NOTHING)
 * is the marker: two sweepers racing for one grant emit one event.
 */
export function expiringSoonNoticeCtes(candidates: Prisma.Sql): Prisma.Sql {
  const noticeSource = Prisma.sql`
    SELECT gen_random_uuid() AS id, 'credits.expiring_soon'::text AS type, candidate."walletId",
           jsonb_strip_nulls(jsonb_build_object(${ownerJson(Prisma.raw('candidate'))},
             'grantId', candidate."grantId", 'remaining', candidate.remaining,
             'expiresAt', ${isoTimestamp(Prisma.raw('candidate."expiresAt"'))})) AS data
    FROM expiring_noticed AS noticed
    JOIN expiring_candidates AS candidate ON candidate."grantId" = noticed."grantId"`;
  return Prisma.sql`expiring_candidates AS (${candidates}), expiring_noticed AS (
    INSERT INTO "CreditExpiryNotice" ("grantId", "walletId", "expiresAt")
    SELECT "grantId", "walletId", "expiresAt" FROM expiring_candidates
    ON CONFLICT ("grantId") DO NOTHING
    RETURNING "grantId"
  ), ${outboxInsertCtes('expiring_soon', noticeSource)}`;
}
