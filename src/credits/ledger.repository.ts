import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { SqlClient } from '../database/sql-client.js';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CreditTransactionType } from '../generated/prisma/enums.js';
import type { GrantTerms, LedgerEntry, LedgerMovement } from './ledger-movement.js';
import {
  balanceAlerts,
  expiredEvents,
  expiringSoonNotices,
  grantedEvents,
  MOVED_WALLETS,
} from './credit-events-sql.js';
import {
  drawDownOrder,
  effectiveRemaining,
  grantStatusAfter,
  INCOMING_ALLOCATIONS,
  incomingGrants,
  storedRemaining,
  unsweptExpired,
  usableGrant,
} from './wallet-sql.js';

export interface IncomingCredits {
  walletId: string;
  type: CreditTransactionType;
  /** Positive. */
  amount: number;
  reference: string;
  description: string;
  orderId?: string | null;
  actorUserId?: string | null;
  /** The new grant; `restoreOf` copies category and expiry from the order's purchase grant. */
  grant: GrantTerms | { restoreOf: string };
}

export interface OutgoingCredits {
  walletId: string;
  type: CreditTransactionType;
  /** Positive: how many credits to take. */
  amount: number;
  reference: string;
  description: string;
  orderId?: string | null;
  actorUserId?: string | null;
  /** The API key the movement came with (transfers made with a key). */
  apiKeyId?: string | null;
  /** Clawbacks take the order's own grants (purchase, dispute restores) first. */
  ownGrantsOf?: string | null;
  /**
   * A clawback may leave the wallet in debt (what no grant can give becomes `debt`); an admin
   * adjustment may not: without enough available credits it is refused and nothing moves.
   */
  allowDebt: boolean;
}

const ENTRY_COLUMNS = Prisma.sql`id, "walletId", "userId", type, amount, "balanceAfter", "debtPaid", "debtAdded", "orderId", description, "createdAt"`;

/**
 * The ledger: every movement of a wallet's credits except usage (CreditsRepository owns the request
 * path). Each movement is one statement on the caller's transaction (`tx`: SqlClient, or a transaction
 * of it), so a webhook's inbox row, order update and movement commit together. Lock order Wallet →
 * CreditGrant rows, as on the request path; a duplicate reference fails the statement (unique per
 * wallet), so nothing half-applies. See the README, "Wallets and grants", for the rules.
 */
@Injectable()
export class LedgerRepository {
  constructor(
    private readonly sql: SqlDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * What fulfilment plans: a positive PURCHASE or DISPUTE_RESTORE makes a new grant, a negative amount
   * is a clawback (own grants first, then draw-down order, then debt), zero only records the event.
   * Undefined when the wallet does not exist or creditsTotal would pass MAX_CREDITS_TOTAL.
   */
  applyMovement(tx: SqlClient, walletId: string, movement: LedgerMovement): Promise<LedgerEntry | undefined> {
    const common = { walletId, ...movement, orderId: movement.orderId ?? null };
    if (movement.amount > 0) {
      const grant: IncomingCredits['grant'] =
        movement.type === 'DISPUTE_RESTORE' && movement.orderId
          ? { restoreOf: movement.orderId }
          : {
              source: movement.grantSource ?? 'PURCHASE',
              category: 'PAID',
              expiresAt: this.purchaseExpiry(),
            };
      return this.credit({ ...common, grant }, tx);
    }
    if (movement.amount < 0) {
      return this.debit(
        { ...common, amount: -movement.amount, ownGrantsOf: movement.orderId, allowDebt: true },
        tx,
      );
    }
    return this.record(tx, common);
  }

  /**
   * The ledger references an order's movements carry (what fulfilment has applied already). A statement
   * of its own, after the order lock: a subquery inside the locking SELECT would read the snapshot taken
   * before the lock was granted, and miss the PURCHASE of the transaction it waited for.
   */
  async referencesOfOrder(tx: SqlClient, orderId: string): Promise<Set<string>> {
    const rows = await tx.query<{ reference: string }>(Prisma.sql`
      SELECT reference FROM "CreditTransaction" WHERE "orderId" = ${orderId}::uuid`);
    return new Set(rows.map((row) => row.reference));
  }

  /**
   * A user's personal wallet, made in the registration's transaction, with the signup bonus (a
   * promotional grant) when SIGNUP_BONUS_CREDITS is set. Returns the wallet id.
   */
  async openPersonalWallet(tx: SqlClient, userId: string): Promise<string> {
    const [wallet] = await tx.query<{ id: string }>(Prisma.sql`
      INSERT INTO "Wallet" (id, "ownerType", "userId", "updatedAt") VALUES (gen_random_uuid(), 'USER', ${userId}::uuid, now())
      RETURNING id`);
    const { signupBonusCredits, signupBonusExpiresInDays } = this.config.grants;
    if (signupBonusCredits > 0) {
      await this.credit(
        {
          walletId: wallet.id,
          type: 'GRANT',
          amount: signupBonusCredits,
          reference: 'signup-bonus',
          description: `Signup bonus of ${signupBonusCredits} credits`,
          grant: {
            source: 'SIGNUP_BONUS',
            category: 'PROMOTIONAL',
            expiresAt:
              signupBonusExpiresInDays > 0
                ? new Date(Date.now() + signupBonusExpiresInDays * 86_400_000)
                : null,
          },
        },
        tx,
      );
    }
    return wallet.id;
  }

  /** Purchased credits never expire unless PURCHASED_CREDITS_EXPIRE_IN_DAYS is set. */
  purchaseExpiry(): Date | null {
    const days = this.config.grants.purchasedCreditsExpireInDays;
    return days === undefined ? null : new Date(Date.now() + days * 86_400_000);
  }

  /**
   * A new grant (never merged into an existing one) that pays the wallet's debt first: it starts with
   * remaining = max(0, amount − debt); the ledger row shows the full amount and `debtPaid`.
   */
  async credit(input: IncomingCredits, tx: SqlClient = this.sql): Promise<LedgerEntry | undefined> {
    const restore = 'restoreOf' in input.grant;
    const terms: GrantTerms = restore
      ? { source: 'DISPUTE_RESTORE', category: 'PAID' }
      : (input.grant as GrantTerms);
    // A restore without its purchase grant still restores: PAID, no expiry.
    const origin = restore
      ? Prisma.sql`SELECT category, "expiresAt" FROM "CreditGrant"
          WHERE "walletId" = ${input.walletId}::uuid AND "orderId" = ${(input.grant as { restoreOf: string }).restoreOf}::uuid
            AND source IN ('PURCHASE', 'AUTO_TOP_UP')
          LIMIT 1`
      : Prisma.sql`SELECT NULL::"CreditCategory" AS category, NULL::timestamptz AS "expiresAt" WHERE false`;
    const piece = Prisma.sql`
        SELECT gen_random_uuid() AS id, ${terms.source}::"CreditGrantSource" AS source,
               COALESCE(origin.category, ${terms.category}::"CreditCategory") AS category, ${input.amount}::int AS amount,
               ${terms.priority ?? 50}::int AS priority,
               ${restore ? Prisma.sql`origin."expiresAt"` : Prisma.sql`${terms.expiresAt ?? null}::timestamptz`} AS "expiresAt",
               now() AS "createdAt", ${input.orderId ?? null}::uuid AS "orderId", ${input.reference}::text AS reference
        FROM (SELECT) AS one LEFT JOIN (${origin}) AS origin ON true`;
    const rows = await tx.query<LedgerEntry>(Prisma.sql`
      WITH ${incomingGrants(input.walletId, input.amount, piece)}, entry AS (
        INSERT INTO "CreditTransaction" (id, "walletId", "userId", "actorUserId", type, amount, "balanceAfter", "debtPaid", "orderId", reference, description)
        SELECT gen_random_uuid(), moved.id, moved."userId", ${input.actorUserId ?? null}::uuid, ${input.type}::"CreditTransactionType",
               ${input.amount}, moved.balance, moved."debtPaid", ${input.orderId ?? null}::uuid, ${input.reference}, ${input.description}
        FROM moved
        RETURNING ${ENTRY_COLUMNS}
      ), allocation AS (${INCOMING_ALLOCATIONS}), ${this.newGrantEvents()},
      ${balanceAlerts(this.outbox, 'credit', MOVED_WALLETS)}
      SELECT entry.*, moved.remaining, new_grants.id AS "grantId" FROM entry, moved, new_grants`);
    return rows[0];
  }

  /**
   * Takes `amount` credits: available credits only (held credits are never taken), from the order's own
   * grants first when `ownGrantsOf` is set, then in draw-down order; what is missing becomes debt, or
   * refuses the movement (undefined) when `allowDebt` is false.
   */
  async debit(input: OutgoingCredits, tx: SqlClient = this.sql): Promise<LedgerEntry | undefined> {
    const rows = await tx.query<LedgerEntry>(Prisma.sql`
      WITH wallet AS (
        SELECT id FROM "Wallet" WHERE id = ${input.walletId}::uuid FOR UPDATE
      ), locked AS (
        SELECT g.id, g.remaining, g.held, g.priority, g."expiresAt", g.category, g."createdAt",
               COALESCE(g."orderId" = ${input.ownGrantsOf ?? null}::uuid AND g.source IN ('PURCHASE', 'AUTO_TOP_UP', 'DISPUTE_RESTORE'), false) AS own
        FROM "CreditGrant" g
        WHERE g."walletId" = (SELECT id FROM wallet) AND ${usableGrant('g')} AND g.remaining > g.held
        FOR UPDATE
      ), ranked AS (
        SELECT l.id, l.remaining - l.held AS available,
               SUM(l.remaining - l.held) OVER (ORDER BY l.own DESC, ${drawDownOrder('l')}) AS running
        FROM locked l
      ), take AS (
        SELECT id, LEAST(available, ${input.amount} - (running - available))::int AS amount FROM ranked
        WHERE running - available < ${input.amount}
      ), total AS (
        SELECT COALESCE(SUM(amount), 0)::int AS taken FROM take
      ), allowed AS (
        SELECT taken FROM total WHERE ${input.allowDebt} OR taken = ${input.amount}
      ), taken_grants AS (
        UPDATE "CreditGrant" g
        SET remaining = g.remaining - t.amount,
            status = ${grantStatusAfter('g', Prisma.sql`g.remaining - t.amount`)}
        FROM take t WHERE g.id = t.id AND g."walletId" = ${input.walletId}::uuid AND EXISTS (SELECT 1 FROM allowed)
      ), moved AS (
        UPDATE "Wallet" w
        SET "creditsTotal" = w."creditsTotal" - ${input.amount}, debt = w.debt + (${input.amount} - allowed.taken), "updatedAt" = now()
        FROM wallet, allowed WHERE w.id = wallet.id
        RETURNING w.id, w."userId", w."organizationId", (${input.amount} - allowed.taken)::int AS "debtAdded",
                  w."creditsTotal" - w."creditsUsed" AS balance, ${effectiveRemaining('w')} AS remaining
      ), entry AS (
        INSERT INTO "CreditTransaction" (id, "walletId", "userId", "actorUserId", "apiKeyId", type, amount, "balanceAfter", "debtAdded", "orderId", reference, description)
        SELECT gen_random_uuid(), moved.id, moved."userId", ${input.actorUserId ?? null}::uuid, ${input.apiKeyId ?? null}::uuid, ${input.type}::"CreditTransactionType",
               ${-input.amount}, moved.balance, moved."debtAdded", ${input.orderId ?? null}::uuid, ${input.reference}, ${input.description}
        FROM moved
        RETURNING ${ENTRY_COLUMNS}
      ), allocation AS (
        INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
        SELECT entry.id, take.id, entry."walletId", -take.amount FROM entry, take
      ), ${balanceAlerts(this.outbox, 'debit', MOVED_WALLETS)}
      SELECT entry.*, moved.remaining FROM entry, moved`);
    return rows[0];
  }

  /**
   * The events of the grants incomingGrants made, for its statement: `credits.granted` for each, and
   * `credits.expiring_soon` at once for one that starts inside the notice window (else the sweeper sends
   * it when the grant comes within it).
   */
  newGrantEvents(): Prisma.Sql {
    const grants = Prisma.sql`
        SELECT g.id AS "grantId", moved.id AS "walletId", moved."userId", moved."organizationId",
               g.source, g.category, g.amount, g.remaining, g."expiresAt"
        FROM new_grants g, moved`;
    return Prisma.sql`${grantedEvents(this.outbox, 'new', grants)}, ${expiringSoonNotices(
      this.outbox,
      Prisma.sql`SELECT "grantId", "walletId", "userId", "organizationId", remaining, "expiresAt" FROM (${grants}) AS g`,
      this.config.grants.expiryNoticeDays,
    )}`;
  }

  /**
   * `credits.expiring_soon` for up to `limit` grants that have come within EXPIRY_NOTICE_DAYS of their
   * expiry with available credits and no notice yet (the notice row makes it once per grant, also with
   * several sweepers at once). Returns how many were noticed; the sweeper calls again while it is `limit`.
   */
  async noticeExpiringGrants(limit = 500, tx: SqlClient = this.sql): Promise<number> {
    const days = this.config.grants.expiryNoticeDays;
    const rows = await tx.query<{ noticed: number }>(Prisma.sql`
      WITH ${expiringSoonNotices(
        this.outbox,
        Prisma.sql`
          SELECT g.id AS "grantId", g."walletId", w."userId", w."organizationId",
                 g.remaining - g.held AS remaining, g."expiresAt"
          FROM "CreditGrant" g JOIN "Wallet" w ON w.id = g."walletId"
          WHERE g.status = 'ACTIVE' AND g."expiresAt" > now() AND g."expiresAt" <= now() + make_interval(days => ${days})
            AND g.remaining > g.held
            AND NOT EXISTS (SELECT 1 FROM "CreditExpiryNotice" n WHERE n."grantId" = g.id)
          ORDER BY g."expiresAt"
          LIMIT ${limit}`,
        days,
      )}
      SELECT (SELECT count(*) FROM expiring_candidates)::int AS noticed`);
    return rows[0]?.noticed ?? 0;
  }

  /** A movement of zero credits (a refund before its payment): recorded, so it is applied once. */
  private async record(
    tx: SqlClient,
    input: Omit<LedgerMovement, 'amount'> & { walletId: string },
  ): Promise<LedgerEntry | undefined> {
    const rows = await tx.query<LedgerEntry>(Prisma.sql`
      WITH wallet AS (
        SELECT w.id, w."userId", w."creditsTotal" - w."creditsUsed" AS balance, ${effectiveRemaining('w')} AS remaining
        FROM "Wallet" w WHERE w.id = ${input.walletId}::uuid FOR UPDATE
      ), entry AS (
        INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", "orderId", reference, description)
        SELECT gen_random_uuid(), wallet.id, wallet."userId", ${input.type}::"CreditTransactionType", 0, wallet.balance,
               ${input.orderId ?? null}::uuid, ${input.reference}, ${input.description}
        FROM wallet
        RETURNING ${ENTRY_COLUMNS}
      )
      SELECT entry.*, wallet.remaining FROM entry, wallet`);
    return rows[0];
  }

  /**
   * Writes off the available credits of grants past expiry: one EXPIRATION row per grant. Held credits
   * stay (their hold may still settle them; what it gives back is written off then). Wallets are locked
   * first (the lock order of every credit statement), SKIP LOCKED, so several instances sweep side by
   * side and a request in flight is never waited on. Returns how many grants were handled; 0 = done.
   */
  async expireGrants(limit = 500, tx: SqlClient = this.sql): Promise<number> {
    const rows = await tx.query<{ grants: number }>(Prisma.sql`
      WITH due AS (
        -- At most \`limit\` grants, not \`limit\` wallets: a batch holds its wallets' locks for as long as it
        -- runs, and 500 wallets of 100 expired grants each kept requests on them waiting for seconds (bench G).
        SELECT g.id, g."walletId" FROM "CreditGrant" g
        WHERE g.status = 'ACTIVE' AND g."expiresAt" <= now() AND (g.remaining > g.held OR g.held = 0)
        ORDER BY g."expiresAt"
        LIMIT ${limit}
      ), wallets AS (
        SELECT w.id FROM "Wallet" w WHERE w.id IN (SELECT "walletId" FROM due)
        ORDER BY w.id
        FOR UPDATE SKIP LOCKED
      ), locked AS (
        SELECT g.id, g."walletId", g.remaining - g.held AS available, g.held FROM "CreditGrant" g
        WHERE g."walletId" IN (SELECT id FROM wallets) AND g.id IN (SELECT id FROM due)
          AND g.status = 'ACTIVE' AND g."expiresAt" <= now() AND (g.remaining > g.held OR g.held = 0)
        ORDER BY g.id
        FOR UPDATE
      ), written AS (
        UPDATE "CreditGrant" g
        SET remaining = g.remaining - l.available,
            status = (CASE WHEN l.held = 0 THEN 'EXPIRED' ELSE 'ACTIVE' END)::"CreditGrantStatus"
        FROM locked l WHERE g.id = l.id AND g."walletId" = l."walletId"
      ), per_wallet AS (
        SELECT "walletId", SUM(available)::int AS amount FROM locked GROUP BY "walletId"
      ), moved AS (
        -- The effective remaining: this statement's snapshot still counts what it writes off as unswept.
        UPDATE "Wallet" w SET "creditsTotal" = w."creditsTotal" - p.amount, "updatedAt" = now()
        FROM per_wallet p WHERE w.id = p."walletId" AND p.amount > 0
        RETURNING w.id, w."userId", w."organizationId", w."creditsTotal" - w."creditsUsed" AS balance,
                  ${storedRemaining('w')} - (${unsweptExpired(Prisma.sql`w.id`)} - p.amount) AS remaining
      ), expiring AS (
        SELECT l.*, gen_random_uuid() AS "entryId" FROM locked l WHERE l.available > 0
      ), entries AS (
        INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", reference, description)
        SELECT e."entryId", e."walletId", m."userId", 'EXPIRATION', -e.available, m.balance, 'expiry:' || e.id, 'Credits expired'
        FROM expiring e JOIN moved m ON m.id = e."walletId"
      ), allocations AS (
        INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
        SELECT "entryId", id, "walletId", -available FROM expiring
      ), ${expiredEvents(
        this.outbox,
        'sweep',
        Prisma.sql`
        SELECT e.id AS "grantId", e."walletId", m."userId", m."organizationId", e.available AS amount
        FROM expiring e JOIN moved m ON m.id = e."walletId"`,
      )},
      ${balanceAlerts(this.outbox, 'sweep', MOVED_WALLETS)}
      SELECT (SELECT COUNT(*) FROM locked)::int AS grants`);
    return rows[0]?.grants ?? 0;
  }
}
