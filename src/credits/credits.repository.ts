import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CreditTransactionType } from '../generated/prisma/enums.js';
import { appendLedgerMovement, type LedgerEntry, type LedgerMovement } from './ledger-movement.js';

export type HoldResult =
  { held: true; reservationId: string; remaining: number } | { held: false; remaining: number | null };

export interface SettleResult {
  charged: number;
  remaining: number;
}

export interface Balance {
  creditsTotal: number;
  creditsUsed: number;
  creditsReserved: number;
  remaining: number;
}

export interface LedgerRow {
  id: string;
  type: CreditTransactionType;
  amount: number;
  balanceAfter: number;
  description: string;
  orderId: string | null;
  createdAt: Date;
}

/**
 * Owns every change to a user's credits. Each operation is one SQL statement (or one transaction), so a
 * concurrent request can never observe or produce a half-applied change:
 * - hold: raises creditsReserved only WHERE remaining >= amount, and inserts the reservation;
 * - settle: moves a PENDING reservation to SETTLED, charges creditsUsed, releases the hold, writes USAGE;
 * - void / sweep: moves PENDING reservations to VOIDED / EXPIRED and releases their holds.
 * A reservation leaves PENDING exactly once (`WHERE status = 'PENDING'`), whoever races for it.
 */
@Injectable()
export class CreditsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One round trip. On a short balance nothing is written and the current `remaining` comes back. */
  async hold(userId: string, amount: number, route: string, ttlSeconds: number): Promise<HoldResult> {
    const rows = await this.prisma.sql.query<{ reservationId: string | null; remaining: number }>(Prisma.sql`
      WITH held AS (
        UPDATE "User" SET "creditsReserved" = "creditsReserved" + ${amount}, "updatedAt" = now()
        WHERE id = ${userId}::uuid AND "creditsTotal" - "creditsUsed" - "creditsReserved" >= ${amount}
        RETURNING id, "creditsTotal" - "creditsUsed" - "creditsReserved" AS remaining
      ), reservation AS (
        INSERT INTO "Reservation" (id, "userId", amount, status, route, "expiresAt")
        SELECT gen_random_uuid(), held.id, ${amount}, 'PENDING', ${route}, now() + make_interval(secs => ${ttlSeconds})
        FROM held
        RETURNING id
      ), refused AS (
        -- FOR SHARE reads the row as the refusing UPDATE saw it (the latest committed version), not as
        -- the statement's snapshot did: holds committed meanwhile would otherwise make remaining stale.
        SELECT "creditsTotal" - "creditsUsed" - "creditsReserved" AS remaining FROM "User"
        WHERE id = ${userId}::uuid AND NOT EXISTS (SELECT 1 FROM held)
        FOR SHARE
      )
      SELECT reservation.id AS "reservationId", held.remaining FROM held, reservation
      UNION ALL
      SELECT NULL, remaining FROM refused`);
    const row = rows[0];
    if (row?.reservationId) return { held: true, reservationId: row.reservationId, remaining: row.remaining };
    return { held: false, remaining: row?.remaining ?? null };
  }

  /**
   * One round trip. Charges min(charge, held) and releases the whole hold; writes the USAGE row
   * (`usage:<reservationId>`) when something was charged. Undefined when the reservation is no longer
   * PENDING or has passed its expiry (the sweeper expires it, now or at its next run): then nothing is
   * charged. A hold past its expiry never settles, so an Idempotency-Key retry, whose lease ends after
   * the expiry, can never be charged alongside the first request.
   */
  async settle(reservationId: string, charge: number): Promise<SettleResult | undefined> {
    const rows = await this.prisma.sql.query<SettleResult>(Prisma.sql`
      WITH settled AS (
        UPDATE "Reservation"
        SET status = 'SETTLED', "settledAmount" = LEAST(GREATEST(${charge}, 0), amount), "updatedAt" = now()
        WHERE id = ${reservationId}::uuid AND status = 'PENDING' AND "expiresAt" > now()
        RETURNING id, "userId", amount, "settledAmount", route
      ), charged AS (
        UPDATE "User" u
        SET "creditsUsed" = u."creditsUsed" + s."settledAmount",
            "creditsReserved" = u."creditsReserved" - s.amount,
            "updatedAt" = now()
        FROM settled s
        WHERE u.id = s."userId"
        RETURNING u.id AS "userId", s.id AS "reservationId", s."settledAmount" AS charged, s.route,
                  u."creditsTotal" - u."creditsUsed" AS balance,
                  u."creditsTotal" - u."creditsUsed" - u."creditsReserved" AS remaining
      ), usage AS (
        INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "reservationId", reference, description)
        SELECT gen_random_uuid(), "userId", 'USAGE', -charged, balance, "reservationId", 'usage:' || "reservationId", 'Usage: ' || route
        FROM charged WHERE charged > 0
      )
      SELECT charged, remaining FROM charged`);
    return rows[0];
  }

  /** Releases a hold without charging (the handler failed). False when it was no longer PENDING. */
  async void(reservationId: string): Promise<boolean> {
    const rows = await this.prisma.sql.query<{ id: string }>(Prisma.sql`
      WITH voided AS (
        UPDATE "Reservation" SET status = 'VOIDED', "settledAmount" = 0, "updatedAt" = now()
        WHERE id = ${reservationId}::uuid AND status = 'PENDING'
        RETURNING "userId", amount
      )
      UPDATE "User" u SET "creditsReserved" = u."creditsReserved" - v.amount, "updatedAt" = now()
      FROM voided v WHERE u.id = v."userId"
      RETURNING u.id`);
    return rows.length === 1;
  }

  /**
   * Expires holds of requests that died (process crash) after their expiry. Batches of `limit`;
   * SKIP LOCKED lets a settle in flight win its reservation, and several instances sweep side by side.
   * Users are released in id order so two sweepers never lock the same users in opposite orders.
   */
  async expireStaleHolds(limit = 500): Promise<number> {
    const rows = await this.prisma.sql.query<{ expired: number }>(Prisma.sql`
      WITH stale AS (
        SELECT id FROM "Reservation"
        WHERE status = 'PENDING' AND "expiresAt" < now()
        ORDER BY "expiresAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), expired AS (
        UPDATE "Reservation" r SET status = 'EXPIRED', "settledAmount" = 0, "updatedAt" = now()
        FROM stale WHERE r.id = stale.id AND r.status = 'PENDING'
        RETURNING r."userId", r.amount
      ), per_user AS (
        SELECT "userId", SUM(amount)::int AS amount FROM expired GROUP BY "userId"
      ), locked AS (
        SELECT u.id FROM "User" u JOIN per_user p ON p."userId" = u.id ORDER BY u.id FOR UPDATE OF u
      ), released AS (
        UPDATE "User" u SET "creditsReserved" = u."creditsReserved" - p.amount, "updatedAt" = now()
        FROM per_user p, locked l WHERE u.id = p."userId" AND l.id = u.id
        RETURNING u.id
      )
      SELECT (SELECT COUNT(*) FROM expired)::int AS expired, (SELECT COUNT(*) FROM released)::int AS released`);
    return rows[0]?.expired ?? 0;
  }

  async balance(userId: string): Promise<Balance | undefined> {
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { creditsTotal: true, creditsUsed: true, creditsReserved: true },
    });
    return user
      ? { ...user, remaining: user.creditsTotal - user.creditsUsed - user.creditsReserved }
      : undefined;
  }

  /** Newest first, keyset-paginated on (createdAt, id): served by the (userId, createdAt DESC, id DESC) index. */
  listTransactions(userId: string, limit: number, after?: KeysetPosition): Promise<LedgerRow[]> {
    const position = after
      ? Prisma.sql`AND ("createdAt", id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : Prisma.empty;
    return this.prisma.sql.query<LedgerRow>(Prisma.sql`
      SELECT id, type, amount, "balanceAfter", description, "orderId", "createdAt"
      FROM "CreditTransaction"
      WHERE "userId" = ${userId}::uuid ${position}
      ORDER BY "createdAt" DESC, id DESC
      LIMIT ${limit}`);
  }

  async userExists(userId: string): Promise<boolean> {
    return (await this.prisma.user.count({ where: { id: userId } })) === 1;
  }

  /** An admin grant or adjustment: one statement (see appendLedgerMovement). */
  applyMovement(movement: LedgerMovement): Promise<LedgerEntry | undefined> {
    return appendLedgerMovement(this.prisma.sql, movement);
  }
}
