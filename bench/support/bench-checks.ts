import type pg from 'pg';

export interface CohortState {
  users: number;
  creditsTotal: number;
  creditsUsed: number;
  creditsReserved: number;
  /** Users with remaining < 0 that no clawback explains. */
  overdrawnUsers: number;
  /** Sum of the negative remainings of those users (credits spent that were never there). */
  overdraftCredits: number;
  usageRows: number;
}

/** Balances of a cohort (users whose id starts with its prefix) and its overdrafts. */
export async function cohortState(db: pg.Pool, ids: string[]): Promise<CohortState> {
  const { rows } = await db.query(
    `SELECT COUNT(*)::int AS users,
            COALESCE(SUM("creditsTotal"), 0)::bigint AS "creditsTotal",
            COALESCE(SUM("creditsUsed"), 0)::bigint AS "creditsUsed",
            COALESCE(SUM("creditsReserved"), 0)::bigint AS "creditsReserved",
            COUNT(*) FILTER (WHERE overdrawn)::int AS "overdrawnUsers",
            COALESCE(-SUM(remaining) FILTER (WHERE overdrawn), 0)::bigint AS "overdraftCredits",
            (SELECT COUNT(*) FROM "CreditTransaction" t WHERE t."userId" = ANY($1::uuid[]) AND t.type = 'USAGE')::int AS "usageRows"
     FROM (
       SELECT u.*, u."creditsTotal" - u."creditsUsed" - u."creditsReserved" AS remaining,
              u."creditsTotal" - u."creditsUsed" - u."creditsReserved" < 0
                AND NOT EXISTS (SELECT 1 FROM "CreditTransaction" c WHERE c."walletId" = u.id
                                AND c.type IN ('REFUND_CLAWBACK', 'DISPUTE_CLAWBACK')) AS overdrawn
       FROM "Wallet" u WHERE u."userId" = ANY($1::uuid[])
     ) AS u`,
    [ids],
  );
  const row = rows[0];
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, Number(value)]),
  ) as unknown as CohortState;
}

export interface InvariantReport {
  /** Users whose creditsTotal − creditsUsed ≠ SUM(ledger amounts). */
  ledgerMismatches: number;
  /** Wallets whose creditsReserved ≠ the sum of their PENDING holds or of their grants' held credits. */
  reservedMismatches: number;
  /** Orders credited by more than one PURCHASE row. */
  doublePurchases: number;
  /** All users with remaining < 0 that no clawback explains. */
  overdrawnUsers: number;
}

/** The ledger invariants (docs/architecture.md, "Data model and invariants") over the whole benchmark database. */
export async function checkInvariants(db: pg.Pool): Promise<InvariantReport> {
  const one = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
  return {
    ledgerMismatches: await one(`
      SELECT COUNT(*)::int AS n FROM "Wallet" u
      LEFT JOIN (SELECT "walletId", SUM(amount)::bigint AS total FROM "CreditTransaction" GROUP BY "walletId") l ON l."walletId" = u.id
      WHERE u."creditsTotal" - u."creditsUsed" <> COALESCE(l.total, 0)`),
    reservedMismatches: await one(`
      SELECT COUNT(*)::int AS n FROM "Wallet" u
      LEFT JOIN (SELECT "walletId", SUM(amount)::bigint AS held FROM "Reservation" WHERE status = 'PENDING' GROUP BY "walletId") r ON r."walletId" = u.id
      LEFT JOIN (SELECT "walletId", SUM(held)::bigint AS held FROM "CreditGrant" GROUP BY "walletId") g ON g."walletId" = u.id
      WHERE u."creditsReserved" <> COALESCE(r.held, 0) OR u."creditsReserved" <> COALESCE(g.held, 0)`),
    doublePurchases: await one(`
      SELECT COUNT(*)::int AS n FROM (SELECT "orderId" FROM "CreditTransaction" WHERE type = 'PURCHASE' GROUP BY "orderId" HAVING COUNT(*) > 1) d`),
    overdrawnUsers: await one(`
      SELECT COUNT(*)::int AS n FROM "Wallet" u
      WHERE u."creditsTotal" - u."creditsUsed" - u."creditsReserved" < 0
        AND NOT EXISTS (SELECT 1 FROM "CreditTransaction" c WHERE c."walletId" = u.id AND c.type IN ('REFUND_CLAWBACK', 'DISPUTE_CLAWBACK'))`),
  };
}
