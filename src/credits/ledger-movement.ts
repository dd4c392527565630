import type { SqlClient } from '../database/sql-client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CreditTransactionType } from '../generated/prisma/enums.js';

export interface LedgerMovement {
  userId: string;
  type: Exclude<CreditTransactionType, 'USAGE'>;
  /** Signed: positive raises creditsTotal (purchase, grant, restore), negative lowers it (clawback, adjustment). */
  amount: number;
  /** Unique per movement (`order:<id>`, `refund:stripe:<id>`, `grant:<uuid>` …): applying it twice fails. */
  reference: string;
  description: string;
  orderId?: string | null;
  /**
   * Refuse the movement (return undefined) unless `remaining` stays at or above this after it.
   * Admin adjustments pass 0; clawbacks pass nothing, because a refund may leave a user in debt.
   */
  floorRemaining?: number;
}

/** The largest balance a user can hold: the counters are PostgreSQL integers. */
export const MAX_CREDITS_TOTAL = 2_147_483_647;

export interface LedgerEntry {
  id: string;
  userId: string;
  type: CreditTransactionType;
  amount: number;
  balanceAfter: number;
  orderId: string | null;
  description: string;
  createdAt: Date;
  /** creditsTotal − creditsUsed − creditsReserved after the movement. */
  remaining: number;
}

/**
 * The one statement through which purchases, grants, adjustments, clawbacks and restores change a balance:
 * the user's `creditsTotal` and the ledger row move together, so `creditsTotal − creditsUsed == SUM(ledger)`
 * holds at every commit. (Usage moves `creditsUsed` and is written by CreditsRepository.settle.)
 *
 * `db` is the pool or the caller's transaction (PrismaService.sql / sqlTransaction): movements join it.
 * The user row is locked by the UPDATE for the rest of the caller's transaction; a duplicate `reference`
 * fails the whole statement (unique violation), so nothing half-applies. Returns undefined when the user
 * does not exist, the floor would be crossed, or creditsTotal would pass MAX_CREDITS_TOTAL.
 */
export async function appendLedgerMovement(
  db: SqlClient,
  movement: LedgerMovement,
): Promise<LedgerEntry | undefined> {
  const floor =
    movement.floorRemaining === undefined
      ? Prisma.empty
      : Prisma.sql`AND "creditsTotal" - "creditsUsed" - "creditsReserved" + ${movement.amount} >= ${movement.floorRemaining}`;
  const rows = await db.query<LedgerEntry>(Prisma.sql`
    WITH moved AS (
      UPDATE "User" SET "creditsTotal" = "creditsTotal" + ${movement.amount}, "updatedAt" = now()
      WHERE id = ${movement.userId}::uuid AND "creditsTotal"::bigint + ${movement.amount} <= ${MAX_CREDITS_TOTAL} ${floor}
      RETURNING id, "creditsTotal" - "creditsUsed" AS balance, "creditsTotal" - "creditsUsed" - "creditsReserved" AS remaining
    ), entry AS (
      INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "orderId", reference, description)
      SELECT gen_random_uuid(), moved.id, ${movement.type}::"CreditTransactionType", ${movement.amount}, moved.balance,
             ${movement.orderId ?? null}::uuid, ${movement.reference}, ${movement.description}
      FROM moved
      RETURNING id, "userId", type, amount, "balanceAfter", "orderId", description, "createdAt"
    )
    SELECT entry.*, moved.remaining FROM entry, moved`);
  return rows[0];
}
