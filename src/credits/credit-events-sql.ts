import type { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';

/**
 * The outgoing events of the credit statements, as CTEs each statement embeds, so that an event commits
 * with the change it reports and costs no round trip of its own (docs/events.md, "Wiring"). Every
 * fragment names its own CTEs and reads only CTEs its statement already has, so a statement can carry
 * several (alerts, grants, expiries) side by side with whatever else it does.
 */

/** `walletId` plus `userId` or `organizationId` of a row of `alias` (the one that is null is left out). */
function owner(alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`'walletId', ${a}."walletId", 'userId', ${a}."userId", 'organizationId', ${a}."organizationId"`;
}

/** RFC 3339 UTC with milliseconds (as toISOString writes it), or JSON null. */
function isoOrNull(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * `balance.low` / `balance.depleted` for the wallets `wallets` returns — a SELECT of
 * `("walletId", "userId", "organizationId", remaining)` with the effective remaining after the change,
 * from a CTE that updated (and so locked) each wallet. Named `<prefix>_alert_wallets` plus the outbox's
 * balance-alert CTEs.
 */
export function balanceAlerts(outbox: OutboxRepository, prefix: string, wallets: Prisma.Sql): Prisma.Sql {
  const source = `${prefix}_alert_wallets`;
  return Prisma.sql`${Prisma.raw(source)} AS (${wallets}), ${outbox.balanceAlertCtes(source)}`;
}

/**
 * The wallets a statement's `moved` CTE changed, as balanceAlerts reads them: the ledger's statements
 * (credit, debit, the expiry sweep, the usage reversal, the transfer's deposit) all return `id`, `"userId"`,
 * `"organizationId"` and the effective `remaining` from it.
 */
export const MOVED_WALLETS = Prisma.sql`SELECT id AS "walletId", "userId", "organizationId", remaining FROM moved`;

/**
 * `credits.granted` for new grants: `grants` is a SELECT of `("grantId", "walletId", "userId",
 * "organizationId", source, category, amount, "expiresAt")`, `amount` the full amount (debt it paid
 * included, as the ledger shows it).
 */
export function grantedEvents(outbox: OutboxRepository, prefix: string, grants: Prisma.Sql): Prisma.Sql {
  return outbox.insertCtes(
    `${prefix}_granted`,
    Prisma.sql`SELECT gen_random_uuid() AS id, 'credits.granted'::text AS type, granted."walletId",
      jsonb_strip_nulls(jsonb_build_object(${owner('granted')}, 'grantId', granted."grantId",
        'source', granted.source::text, 'category', granted.category::text, 'amount', granted.amount))
        || jsonb_build_object('expiresAt', ${isoOrNull(Prisma.sql`granted."expiresAt"`)}) AS data
    FROM (${grants}) AS granted`,
  );
}

/**
 * `credits.expired` for credits written off: `expired` is a SELECT of `("grantId", "walletId", "userId",
 * "organizationId", amount)`, one row per grant and write-off.
 */
export function expiredEvents(outbox: OutboxRepository, prefix: string, expired: Prisma.Sql): Prisma.Sql {
  return outbox.insertCtes(
    `${prefix}_expired`,
    Prisma.sql`SELECT gen_random_uuid() AS id, 'credits.expired'::text AS type, expired."walletId",
      jsonb_strip_nulls(jsonb_build_object(${owner('expired')}, 'grantId', expired."grantId", 'amount', expired.amount)) AS data
    FROM (${expired}) AS expired`,
  );
}

/**
 * `credits.expiring_soon` for grants that come within `noticeDays` of their expiry: `grants` is a
 * SELECT of `("grantId", "walletId", "userId", "organizationId", remaining, "expiresAt")` of candidates;
 * only those with available credits, an expiry inside the window and no notice yet are noticed.
 */
export function expiringSoonNotices(
  outbox: OutboxRepository,
  grants: Prisma.Sql,
  noticeDays: number,
): Prisma.Sql {
  return outbox.expiringSoonNoticeCtes(Prisma.sql`
    SELECT candidate.* FROM (${grants}) AS candidate
    WHERE candidate.remaining > 0 AND candidate."expiresAt" > now()
      AND candidate."expiresAt" <= now() + make_interval(days => ${noticeDays})
      AND NOT EXISTS (SELECT 1 FROM "CreditExpiryNotice" n WHERE n."grantId" = candidate."grantId")`);
}
