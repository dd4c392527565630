import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CreditTransactionType, SpendLimitPeriod } from '../generated/prisma/enums.js';
import {
  counterHoldCtes,
  HOLD_COMMITTED,
  organizationWalletCte,
  type OrganizationSpender,
  SPEND_ALLOWED,
  spendLimitCtes,
} from '../organizations/member-usage-sql.js';
import { OrganizationRight, rolesWith } from '../organizations/organization-policy.js';
import { balanceAlerts, expiredEvents } from './credit-events-sql.js';
import { FULL_SCOPE, releaseStatement, type SettleScope } from './release-statement.js';
import { drawDownOrder, effectiveRemaining, unsweptExpired, usableGrant } from './wallet-sql.js';

/** Who spends: the wallet charged, the user making the request, and the API key it came with. */
export interface CreditActor {
  walletId: string;
  userId: string;
  apiKeyId?: string | null;
}

export type HoldResult =
  | { held: true; reservationId: string; walletId: string; remaining: number; scope: SettleScope }
  | {
      held: false;
      /** Null when there is no such wallet (or, for an organization, the caller may not spend from it). */
      remaining: number | null;
      /** Set when the member's spend limit refused the hold (before the balance was looked at). */
      spendLimit?: SpendLimitRefusal;
    };

/** The member's limit as the refusing hold saw it: `used` = settled + held in the current period. */
interface SpendLimitRefusal {
  limit: number;
  used: number;
  period: SpendLimitPeriod;
  periodStart: Date;
}

export interface SettleResult {
  charged: number;
  remaining: number;
}

/**
 * An idempotent request's response, stored by the settle statement itself: the charge and the stored
 * response commit together, so a crash between them cannot leave a charged request that a retry runs again.
 */
export interface StoredResponse {
  recordId: string;
  userId: string;
  status: number;
  body: unknown;
  /** Headers other than the credit headers (which come from the settle). */
  headers: Record<string, string>;
  ttlSeconds: number;
}

export interface Balance {
  walletId: string;
  creditsTotal: number;
  creditsUsed: number;
  creditsReserved: number;
  remaining: number;
  debt: number;
  paid: number;
  promotional: number;
  expiringSoon: { grantId: string; remaining: number; expiresAt: Date }[];
}

export interface LedgerRow {
  id: string;
  type: CreditTransactionType;
  amount: number;
  balanceAfter: number;
  description: string;
  orderId: string | null;
  createdAt: Date;
  debtPaid: number;
  debtAdded: number;
  actorUserId: string | null;
  apiKeyId: string | null;
}

interface HoldRow {
  reservationId: string | null;
  walletId: string | null;
  /** Null when the wallet does not exist. */
  remaining: number | null;
  /** Organization wallets only: false when the member's limit refused the hold. */
  withinLimit?: boolean | null;
  limit?: number | null;
  used?: number | null;
  period?: SpendLimitPeriod | null;
  periodStart?: Date | null;
  /** The counter row was created after this statement's snapshot: try again with a fresh one. */
  retry?: boolean;
  /** Held only: see SettleScope. */
  organizationWallet: boolean | null;
  grantMayExpireDuringHold: boolean | null;
}

function held(row: HoldRow): HoldResult {
  return {
    held: true,
    reservationId: row.reservationId!,
    walletId: row.walletId!,
    remaining: row.remaining!,
    scope: {
      organizationWallet: row.organizationWallet!,
      grantMayExpireDuringHold: row.grantMayExpireDuringHold!,
    },
  };
}

function refused(row: HoldRow): HoldResult {
  const spendLimit =
    row.withinLimit === false || row.retry
      ? { limit: row.limit!, used: row.used!, period: row.period!, periodStart: row.periodStart! }
      : undefined;
  return { held: false, remaining: row.remaining, ...(spendLimit && { spendLimit }) };
}

/**
 * Owns every change a request makes to a wallet. Each operation is ONE SQL statement, so a concurrent
 * request can never observe or produce a half-applied change, and the happy path of a charged request is
 * two round trips (hold, settle). Lock order, in every statement: Reservation → Wallet → CreditGrant rows
 * (FOR UPDATE); nothing is read unlocked and then written.
 * - hold: takes available credits from usable grants in draw-down order (its allocation) and raises
 *   creditsReserved, or writes nothing and answers the effective `remaining`;
 * - settle: charges from the allocation in draw-down order, gives the rest back (paying debt first,
 *   writing off what goes back to a grant past expiry) and writes the USAGE row;
 * - void / expire: give the whole allocation back the same way, without a charge.
 * A reservation leaves PENDING exactly once (`WHERE status = 'PENDING'`), whoever races for it.
 */
@Injectable()
export class CreditsRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * One round trip. A refusal whose locked wallet showed enough (a grant committed after the statement's
   * snapshot, which its grant scan could not see) is retried once, with a fresh snapshot.
   */
  async hold(
    actor: CreditActor | OrganizationSpender,
    amount: number,
    route: string,
    ttlSeconds: number,
  ): Promise<HoldResult> {
    const first = await this.tryHold(actor, amount, route, ttlSeconds);
    if (first.reservationId) return held(first);
    if (!first.retry && (first.remaining === null || first.withinLimit === false || first.remaining < amount))
      return refused(first);
    const second = await this.tryHold(actor, amount, route, ttlSeconds);
    return second.reservationId ? held(second) : refused(second);
  }

  private async tryHold(
    actor: CreditActor | OrganizationSpender,
    amount: number,
    route: string,
    ttlSeconds: number,
  ): Promise<HoldRow> {
    // An organization's wallet is found through the caller's membership, and the member's spend limit is
    // checked and counted in this same statement (src/organizations/member-usage-sql.ts).
    const organization = 'organizationId' in actor;
    const wallet = organization
      ? Prisma.sql`${organizationWalletCte(actor, rolesWith(OrganizationRight.SPEND))}, ${spendLimitCtes(actor.userId, amount)}`
      : Prisma.sql`wallet AS (
        SELECT w.id, w."ownerType" = 'ORGANIZATION' AS "organizationWallet", ${effectiveRemaining('w')} AS remaining FROM "Wallet" w
        WHERE w.id = ${actor.walletId}::uuid
        FOR UPDATE
      )`;
    const walletId = organization ? Prisma.sql`(SELECT id FROM wallet)` : Prisma.sql`${actor.walletId}::uuid`;
    const withinLimit = organization ? Prisma.sql`AND ${SPEND_ALLOWED}` : Prisma.empty;
    const counters = organization ? Prisma.sql`${counterHoldCtes(actor.userId, amount)}, ` : Prisma.empty;
    const committed = organization ? Prisma.sql`AND ${HOLD_COMMITTED}` : Prisma.empty;
    const refusal = organization
      ? Prisma.sql`, spend.allowed, spend."limit", spend.used, spend.period, spend."periodStart",
               spend.allowed AND EXISTS (SELECT 1 FROM take), NULL, NULL
        FROM wallet, spend WHERE NOT EXISTS (SELECT 1 FROM wallet_held)`
      : Prisma.sql`, NULL, NULL FROM wallet WHERE NOT EXISTS (SELECT 1 FROM take)`;
    const heldColumns = organization
      ? Prisma.sql`, NULL::boolean AS "withinLimit", NULL::int AS "limit", NULL::int AS used, NULL::text AS period,
               NULL::timestamptz AS "periodStart", false AS retry`
      : Prisma.empty;
    const organizationWallet = organization
      ? Prisma.sql`true`
      : Prisma.sql`(SELECT "organizationWallet" FROM wallet)`;
    const rows = await this.sql.query<HoldRow>(Prisma.sql`
      WITH ${wallet}, locked AS (
        -- The wallet lock above is taken first (the scan key needs it), so holds of one wallet queue there;
        -- FOR UPDATE then reads each grant as the previous holder left it.
        SELECT g.id, g.remaining, g.held, g.priority, g."expiresAt", g.category, g."createdAt" FROM "CreditGrant" g
        WHERE g."walletId" = (SELECT id FROM wallet) ${withinLimit} AND ${usableGrant('g')} AND g.remaining > g.held
        FOR UPDATE
      ), ranked AS (
        SELECT l.id, l.remaining - l.held AS available,
               SUM(l.remaining - l.held) OVER (ORDER BY ${drawDownOrder('l')}) AS running
        FROM locked l
      ), take AS (
        SELECT id, LEAST(available, ${amount} - (running - available))::int AS amount FROM ranked
        WHERE running - available < ${amount} AND (SELECT MAX(running) FROM ranked) >= ${amount}
      ), ${counters}grants_held AS (
        UPDATE "CreditGrant" g SET held = g.held + t.amount
        FROM take t WHERE g.id = t.id AND g."walletId" = ${walletId} ${committed}
        RETURNING g.id
      ), wallet_held AS (
        UPDATE "Wallet" w SET "creditsReserved" = w."creditsReserved" + ${amount}, "updatedAt" = now()
        FROM wallet WHERE w.id = wallet.id AND EXISTS (SELECT 1 FROM take) ${committed}
        RETURNING w.id, wallet.remaining - ${amount} AS remaining
      ), reservation AS (
        INSERT INTO "Reservation" (id, "userId", "walletId", amount, status, route, "expiresAt")
        SELECT gen_random_uuid(), ${actor.userId}::uuid, id, ${amount}, 'PENDING', ${route}, now() + make_interval(secs => ${ttlSeconds})
        FROM wallet_held
        RETURNING id, "expiresAt"
      ), allocation AS (
        INSERT INTO "ReservationAllocation" ("reservationId", "grantId", "walletId", amount)
        SELECT reservation.id, take.id, ${walletId}, take.amount FROM reservation, take
      )
      SELECT reservation.id AS "reservationId", wallet_held.id AS "walletId", wallet_held.remaining${heldColumns},
             ${organizationWallet} AS "organizationWallet",
             EXISTS (SELECT 1 FROM take JOIN locked ON locked.id = take.id
                     WHERE locked."expiresAt" <= reservation."expiresAt") AS "grantMayExpireDuringHold"
      FROM wallet_held, reservation
      UNION ALL
      SELECT NULL, wallet.id, wallet.remaining${refusal}`);
    return (
      rows[0] ?? {
        reservationId: null,
        walletId: null,
        remaining: null,
        organizationWallet: null,
        grantMayExpireDuringHold: null,
      }
    );
  }

  /**
   * One round trip. Charges min(charge, held), gives the rest back and writes the USAGE row
   * (`usage:<reservationId>`); with `stored`, the idempotent response is stored in the same statement.
   * Undefined when the reservation is no longer PENDING or has passed its expiry (the sweeper expires
   * it): then nothing is charged. A hold past its expiry never settles, so an Idempotency-Key retry,
   * whose lease ends after the expiry, can never be charged alongside the first request.
   * `scope` is what the hold returned (HoldResult.scope); without it the statement covers every case.
   */
  async settle(
    actor: CreditActor,
    reservationId: string,
    charge: number,
    stored?: StoredResponse,
    scope: SettleScope = FULL_SCOPE,
  ): Promise<SettleResult | undefined> {
    const released = Prisma.sql`released AS (
      UPDATE "Reservation"
      SET status = 'SETTLED', "settledAmount" = LEAST(GREATEST(${charge}, 0), amount), "updatedAt" = now()
      WHERE id = ${reservationId}::uuid AND "walletId" = ${actor.walletId}::uuid AND status = 'PENDING' AND "expiresAt" > now()
      RETURNING id, "walletId", "userId", amount, "settledAmount" AS charge, route
    )`;
    const store = stored
      ? Prisma.sql`, stored AS (
        UPDATE "IdempotencyRecord" r
        SET state = 'COMPLETED', "responseStatus" = ${stored.status},
            "responseBody" = ${JSON.stringify(stored.body ?? null)}::jsonb,
            "responseHeaders" = ${JSON.stringify(stored.headers)}::jsonb
              || jsonb_build_object('x-credits-cost', u.charged::text, 'x-credits-remaining', u.remaining::text),
            "expiresAt" = now() + make_interval(secs => ${stored.ttlSeconds}), "updatedAt" = now()
        FROM wallet_update u
        WHERE r.id = ${stored.recordId}::uuid AND r."userId" = ${stored.userId}::uuid AND r.state = 'IN_PROGRESS'
      )`
      : Prisma.empty;
    const rows = await this.sql.query<SettleResult>(
      releaseStatement(
        released,
        'settle',
        actor.apiKeyId ?? null,
        Prisma.sql`${store}${this.settleEvents(scope)}`,
        Prisma.sql`SELECT charged, remaining FROM wallet_update`,
        scope,
      ),
    );
    return rows[0];
  }

  /** Gives a hold back without charging (the handler failed). False when it was no longer PENDING. */
  async void(walletId: string, reservationId: string): Promise<boolean> {
    const released = Prisma.sql`released AS (
      UPDATE "Reservation" SET status = 'VOIDED', "settledAmount" = 0, "updatedAt" = now()
      WHERE id = ${reservationId}::uuid AND "walletId" = ${walletId}::uuid AND status = 'PENDING'
      RETURNING id, "walletId", "userId", amount, 0 AS charge, route
    )`;
    const rows = await this.sql.query<{ id: string }>(
      releaseStatement(released, 'release', null, this.giveBackEvents(), Prisma.sql`SELECT id FROM released`),
    );
    return rows.length === 1;
  }

  /**
   * Expires holds of requests that died (process crash) after their expiry. Batches of `limit`;
   * SKIP LOCKED lets a settle in flight win its reservation, and several instances sweep side by side.
   * Wallets are locked in id order so two sweepers never lock the same wallets in opposite orders.
   */
  async expireStaleHolds(limit = 500): Promise<number> {
    const released = Prisma.sql`stale AS (
      SELECT id FROM "Reservation"
      WHERE status = 'PENDING' AND "expiresAt" < now()
      ORDER BY "expiresAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), released AS (
      UPDATE "Reservation" r SET status = 'EXPIRED', "settledAmount" = 0, "updatedAt" = now()
      FROM stale WHERE r.id = stale.id AND r.status = 'PENDING'
      RETURNING r.id, r."walletId", r."userId", r.amount, 0 AS charge, r.route
    )`;
    const rows = await this.sql.query<{ expired: number }>(
      releaseStatement(
        released,
        'release',
        null,
        this.giveBackEvents(),
        Prisma.sql`SELECT COUNT(*)::int AS expired FROM released`,
      ),
    );
    return rows[0]?.expired ?? 0;
  }

  /**
   * The settle's events, CTEs of its own statement (so the hot path gains no round trip): balance.low and
   * balance.depleted from the effective remaining the settle returns, and credits.expired for what it
   * gave back to grants past expiry. Never at a hold or void (docs/events.md).
   */
  private settleEvents(scope: SettleScope): Prisma.Sql {
    const giveBack = scope.grantMayExpireDuringHold ? this.giveBackEvents() : Prisma.empty;
    return Prisma.sql`${giveBack}, ${balanceAlerts(
      this.outbox,
      'settle',
      Prisma.sql`SELECT u.id AS "walletId", w."userId", w."organizationId", u.remaining
        FROM wallet_update u JOIN "Wallet" w ON w.id = u.id`,
    )}`;
  }

  /** credits.expired for what a settle, void or hold expiry gives back to a grant past expiry (written off). */
  private giveBackEvents(): Prisma.Sql {
    return Prisma.sql`, ${expiredEvents(
      this.outbox,
      'give_back',
      Prisma.sql`SELECT p.id AS "grantId", p."walletId", w."userId", w."organizationId", p."writtenOff" AS amount
        FROM paid p JOIN "Wallet" w ON w.id = p."walletId" WHERE p."writtenOff" > 0`,
    )}`;
  }

  /**
   * The balance as every response shows it: credits of grants past expiry that the sweeper has not
   * written off yet are not counted (so remaining = creditsTotal − creditsUsed − creditsReserved holds).
   */
  async balance(walletId: string, noticeDays: number): Promise<Balance | undefined> {
    const rows = await this.sql.query<
      Omit<Balance, 'expiringSoon'> & { expiringSoon: Balance['expiringSoon'] | null }
    >(Prisma.sql`
      SELECT w.id AS "walletId",
             w."creditsTotal" - ${unsweptExpired(Prisma.sql`w.id`)} AS "creditsTotal",
             w."creditsUsed", w."creditsReserved", ${effectiveRemaining('w')} AS remaining, w.debt,
             COALESCE(SUM(g.remaining - g.held) FILTER (WHERE g.category = 'PAID'), 0)::int AS paid,
             COALESCE(SUM(g.remaining - g.held) FILTER (WHERE g.category = 'PROMOTIONAL'), 0)::int AS promotional,
             jsonb_agg(jsonb_build_object('grantId', g.id, 'remaining', g.remaining - g.held, 'expiresAt', g."expiresAt")
                       ORDER BY g."expiresAt", g.id)
               FILTER (WHERE g."expiresAt" <= now() + make_interval(days => ${noticeDays}) AND g.remaining > g.held) AS "expiringSoon"
      FROM "Wallet" w
      LEFT JOIN "CreditGrant" g ON g."walletId" = w.id AND ${usableGrant('g')}
      WHERE w.id = ${walletId}::uuid
      GROUP BY w.id`);
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...row,
      expiringSoon: (row.expiringSoon ?? []).map((grant) => ({
        ...grant,
        expiresAt: new Date(grant.expiresAt),
      })),
    };
  }

  /** Newest first, keyset-paginated on (createdAt, id): served by the (walletId, createdAt DESC, id DESC) index. */
  listTransactions(
    walletId: string,
    limit: number,
    after?: KeysetPosition,
    actorUserId?: string,
  ): Promise<LedgerRow[]> {
    const position = after
      ? Prisma.sql`AND ("createdAt", id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : Prisma.empty;
    const actor = actorUserId ? Prisma.sql`AND "actorUserId" = ${actorUserId}::uuid` : Prisma.empty;
    return this.sql.query<LedgerRow>(Prisma.sql`
      SELECT id, type, amount, "balanceAfter", description, "orderId", "createdAt",
             "debtPaid", "debtAdded", "actorUserId", "apiKeyId"
      FROM "CreditTransaction"
      WHERE "walletId" = ${walletId}::uuid ${actor} ${position}
      ORDER BY "createdAt" DESC, id DESC
      LIMIT ${limit}`);
  }

  /** The personal wallet of a user, or undefined when there is no such user. */
  async personalWalletOf(userId: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ id: string }>(Prisma.sql`
      SELECT id FROM "Wallet" WHERE "userId" = ${userId}::uuid`);
    return rows[0]?.id;
  }
}
