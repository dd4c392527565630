import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import { balanceAlerts, expiredEvents, MOVED_WALLETS } from './credit-events-sql.js';
import type { LedgerEntry } from './ledger-movement.js';
import { drawDownOrder, expiredGrant, unsweptExpired } from './wallet-sql.js';

export type ReversalOutcome =
  | { outcome: 'reversed'; entry: LedgerEntry & { reservationId: string; writtenOff: number } }
  | { outcome: 'not-found' }
  | { outcome: 'already-reversed' };

const UNIQUE_VIOLATION = '23505';

/**
 * Puts a settled request's charge back (support's "this call should not have cost anything"): one
 * USAGE_REVERSAL row per reservation (`reversal:<reservationId>`, unique in its wallet).
 */
@Injectable()
export class UsageReversalRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * One statement. The credits go back to the grants the charge came from (what each gave, in
   * draw-down order), paying the wallet's debt first; what goes back to a grant past its expiry (or no
   * longer usable) is written off at once with an EXPIRATION row, as a settle does. A DEPLETED grant
   * that gets credits back is ACTIVE again. Lock order Wallet → CreditGrant rows, as everywhere.
   */
  async reverse(reservationId: string, actorUserId: string, description: string): Promise<ReversalOutcome> {
    let rows: (LedgerEntry & { reservationId: string; writtenOff: number })[];
    try {
      rows = await this.sql.query(Prisma.sql`
        WITH charge AS (
          SELECT t.id, t."walletId", -t.amount AS charged
          FROM "Reservation" r
          JOIN "CreditTransaction" t ON t."walletId" = r."walletId" AND t.reference = 'usage:' || r.id::text
          WHERE r.id = ${reservationId}::uuid AND r.status = 'SETTLED' AND t.type = 'USAGE' AND t.amount < 0
        ), wallet AS (
          SELECT w.id, w.debt FROM "Wallet" w WHERE w.id = (SELECT "walletId" FROM charge) FOR UPDATE
        ), reversed_before AS (
          SELECT 1 FROM "CreditTransaction" x
          WHERE x."walletId" = (SELECT id FROM wallet) AND x.reference = 'reversal:' || ${reservationId}
        ), source AS (
          SELECT a."grantId", -a.amount AS took FROM "GrantAllocation" a JOIN charge c ON a."transactionId" = c.id AND a."walletId" = c."walletId"
          WHERE a.amount < 0
        ), locked AS (
          SELECT g.id, g."walletId", g.priority, g."expiresAt", g.category, g."createdAt",
                 (g.status IN ('EXPIRED', 'VOIDED') OR ${expiredGrant('g')}) AS dead
          FROM "CreditGrant" g
          WHERE g."walletId" = (SELECT id FROM wallet) AND g.id IN (SELECT "grantId" FROM source)
          ORDER BY g.id
          FOR UPDATE
        ), back AS (
          SELECT l.*, LEAST(s.took, GREATEST(0, c.charged - (SUM(s.took) OVER (ORDER BY ${drawDownOrder('l')}) - s.took)))::int AS back
          FROM locked l JOIN source s ON s."grantId" = l.id, charge c
          WHERE NOT EXISTS (SELECT 1 FROM reversed_before)
        ), paying AS (
          SELECT b.*,
                 CASE WHEN b.dead THEN 0 ELSE LEAST(b.back, GREATEST(0, w.debt -
                   (SUM(CASE WHEN b.dead THEN 0 ELSE b.back END) OVER (ORDER BY ${drawDownOrder('b')}) - b.back)))
                 END::int AS "debtPaid",
                 CASE WHEN b.dead THEN b.back ELSE 0 END AS "writtenOff",
                 gen_random_uuid() AS "expiryId"
          FROM back b, wallet w
        ), grant_update AS (
          UPDATE "CreditGrant" g
          SET remaining = g.remaining + p.back - p."debtPaid" - p."writtenOff",
              status = (CASE WHEN g.status = 'DEPLETED' AND p.back - p."debtPaid" - p."writtenOff" > 0 THEN 'ACTIVE'
                        ELSE g.status::text END)::"CreditGrantStatus"
          FROM paying p WHERE g.id = p.id AND g."walletId" = p."walletId"
        ), totals AS (
          SELECT COALESCE(SUM(back), 0)::int AS back, COALESCE(SUM("debtPaid"), 0)::int AS "debtPaid",
                 COALESCE(SUM("writtenOff"), 0)::int AS "writtenOff"
          FROM paying
        ), moved AS (
          UPDATE "Wallet" w
          SET "creditsTotal" = w."creditsTotal" + t.back - t."writtenOff", debt = w.debt - t."debtPaid", "updatedAt" = now()
          FROM wallet, totals t
          WHERE w.id = wallet.id AND t.back > 0
          RETURNING w.id, w."userId", w."organizationId", w."creditsTotal" - w."creditsUsed" AS balance, t."debtPaid", t."writtenOff", t.back,
                    (w."creditsTotal" - w."creditsUsed" - w."creditsReserved") - ${unsweptExpired(Prisma.sql`w.id`)} AS remaining
        ), entry AS (
          INSERT INTO "CreditTransaction" (id, "walletId", "userId", "actorUserId", type, amount, "balanceAfter", "debtPaid",
                                           "reservationId", reference, description)
          SELECT gen_random_uuid(), m.id, m."userId", ${actorUserId}::uuid, 'USAGE_REVERSAL', m.back, m.balance + m."writtenOff",
                 m."debtPaid", ${reservationId}::uuid, 'reversal:' || ${reservationId}, ${description}
          FROM moved m
          RETURNING id, "walletId", "userId", type, amount, "balanceAfter", "debtPaid", "debtAdded", "orderId", "reservationId",
                    description, "createdAt"
        ), allocation AS (
          INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
          SELECT entry.id, p.id, p."walletId", p.back - p."debtPaid" FROM entry, paying p WHERE p.back - p."debtPaid" > 0
        ), expirations AS (
          INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", "reservationId", reference, description)
          SELECT p."expiryId", p."walletId", m."userId", 'EXPIRATION', -p."writtenOff", m.balance, ${reservationId}::uuid,
                 'expiry:' || p.id || ':reversal:' || ${reservationId}, 'Expired credits given back by a reversal'
          FROM paying p, moved m WHERE p."writtenOff" > 0
        ), expiration_grants AS (
          INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
          SELECT p."expiryId", p.id, p."walletId", -p."writtenOff" FROM paying p, moved WHERE p."writtenOff" > 0
        ), ${expiredEvents(
          this.outbox,
          'reversal',
          Prisma.sql`
          SELECT p.id AS "grantId", m.id AS "walletId", m."userId", m."organizationId", p."writtenOff" AS amount
          FROM paying p, moved m WHERE p."writtenOff" > 0`,
        )},
        ${balanceAlerts(this.outbox, 'reversal', MOVED_WALLETS)}
        SELECT entry.*, moved.remaining, moved."writtenOff" FROM entry, moved`);
    } catch (error) {
      // A concurrent reversal of the same reservation committed first (the wallet lock made this one wait).
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { outcome: 'already-reversed' };
      throw error;
    }
    if (rows[0]) return { outcome: 'reversed', entry: rows[0] };
    const [state] = await this.sql.query<{ reversed: boolean }>(Prisma.sql`
      SELECT EXISTS (SELECT 1 FROM "CreditTransaction" x
                     WHERE x."walletId" = r."walletId" AND x.reference = 'reversal:' || r.id::text) AS reversed
      FROM "Reservation" r WHERE r.id = ${reservationId}::uuid`);
    return state?.reversed ? { outcome: 'already-reversed' } : { outcome: 'not-found' };
  }
}
