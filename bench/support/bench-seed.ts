import { JwtService } from '@nestjs/jwt';
import type pg from 'pg';
import type { AccessTokenClaims } from '../../src/auth/authenticated-user.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { poolSqlClient, type SqlClient } from '../../src/database/sql-client.js';
import type { SqlDatabase } from '../../src/database/sql-database.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';

/**
 * Benchmark users have ids derived from a number (`00000000-0000-4000-8000-<group><n>`), so that pgbench,
 * which has integer variables only, can pick "a random user among 1,000" with `random(1, 1000)`.
 */
function benchUserId(group: number, n: number): string {
  return `00000000-0000-4000-8000-${String(group * 100_000_000_000 + n).padStart(12, '0')}`;
}

/** The personal wallet of benchUserId(group, n): the same number, so pgbench can name both. */
function benchWalletId(group: number, n: number): string {
  return `00000000-0000-4000-9000-${String(group * 100_000_000_000 + n).padStart(12, '0')}`;
}

/**
 * How a cohort's credits are held: `one` PAID grant, or `three` — a third PROMOTIONAL expiring in 30
 * days (drawn first), a third PAID, the rest PAID — as a wallet with a bonus and two purchases looks.
 */
export type GrantLayout = 'one' | 'three';

const DAY_MS = 86_400_000;

function grantsOf(layout: GrantLayout, credits: number) {
  if (layout === 'one') return [{ amount: credits, category: 'PAID' as const, expiresAt: null }];
  const third = Math.floor(credits / 3);
  return [
    { amount: third, category: 'PROMOTIONAL' as const, expiresAt: new Date(Date.now() + 30 * DAY_MS) },
    { amount: third, category: 'PAID' as const, expiresAt: null },
    { amount: credits - 2 * third, category: 'PAID' as const, expiresAt: null },
  ];
}

export interface Cohort {
  name: string;
  group: number;
  size: number;
  ids: string[];
  walletIds: string[];
  tokens: string[];
}

export class BenchSeeder {
  private readonly sql: SqlClient;
  private readonly jwt: JwtService;
  private readonly ledger: LedgerRepository;

  constructor(
    private readonly db: pg.Pool,
    jwtSecret: string,
  ) {
    this.sql = poolSqlClient(db);
    // The service's own ledger code, on the benchmark's pool (grants made here never expire).
    this.ledger = new LedgerRepository(
      this.sql as unknown as SqlDatabase,
      { grants: { expiryNoticeDays: 7 } } as unknown as AppConfig,
      new OutboxRepository({ events: { lowBalanceThresholds: [10] } } as unknown as AppConfig),
    );
    this.jwt = new JwtService({ secret: jwtSecret, signOptions: { expiresIn: 4 * 3600 } });
  }

  /**
   * `size` users with `credits` each. The users and their personal wallets are inserted in two statements
   * with empty balances; the credits are then granted through the service's own LedgerRepository (a
   * grant, its GRANT ledger row and creditsTotal in one statement), so the invariants hold from the start.
   */
  async cohort(
    name: string,
    group: number,
    size: number,
    credits: number,
    first = 1,
    layout: GrantLayout = 'one',
  ): Promise<Cohort> {
    await this.db.query(
      `INSERT INTO "User" (id, email, "passwordHash", name)
       SELECT ('00000000-0000-4000-8000-' || lpad(($1::bigint * 100000000000 + n)::text, 12, '0'))::uuid,
              'bench-' || $2 || '-' || n || '@example.com', 'bench: no password', 'Bench ' || $2 || ' ' || n
       FROM generate_series($3::int, $4::int) AS n`,
      [group, name, first, first + size - 1],
    );
    await this.db.query(
      `INSERT INTO "Wallet" (id, "ownerType", "userId", "updatedAt")
       SELECT ('00000000-0000-4000-9000-' || lpad(($1::bigint * 100000000000 + n)::text, 12, '0'))::uuid, 'USER',
              ('00000000-0000-4000-8000-' || lpad(($1::bigint * 100000000000 + n)::text, 12, '0'))::uuid, now()
       FROM generate_series($2::int, $3::int) AS n`,
      [group, first, first + size - 1],
    );
    const ids = Array.from({ length: size }, (_, i) => benchUserId(group, first + i));
    const walletIds = Array.from({ length: size }, (_, i) => benchWalletId(group, first + i));
    if (credits > 0) {
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const walletId = walletIds[next++];
          for (const [i, grant] of grantsOf(layout, credits).entries()) {
            const entry = await this.ledger.credit(
              {
                walletId,
                type: 'GRANT',
                amount: grant.amount,
                reference: `bench-grant-${i}`,
                description: 'Benchmark grant',
                grant: { source: 'ADMIN_GRANT', category: grant.category, expiresAt: grant.expiresAt },
              },
              this.sql,
            );
            if (!entry) throw new Error(`grant to ${walletId} found no wallet`);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    }
    const tokens = await Promise.all(
      ids.map((id, i) =>
        this.jwt.signAsync({
          sub: id,
          email: `bench-${name}-${first + i}@example.com`,
          role: 'USER',
          wid: walletIds[i],
        } satisfies AccessTokenClaims),
      ),
    );
    return { name, group, size, ids, walletIds, tokens };
  }

  /**
   * `perWallet` PROMOTIONAL grants of `amount` credits in each of the cohort's wallets, all expiring at
   * `expiresAt`, written in one statement with their GRANT rows, allocations and creditsTotal (the
   * invariants hold): the expiry scenario's 100,000 grants, seeded in seconds rather than minutes.
   */
  async expiringGrants(cohort: Cohort, perWallet: number, amount: number, expiresAt: Date): Promise<number> {
    const { rows } = await this.db.query<{ grants: number }>(
      `WITH grants AS (
         INSERT INTO "CreditGrant" (id, "walletId", source, category, amount, remaining, priority, "expiresAt", status, reference)
         SELECT gen_random_uuid(), w.id, 'ADMIN_GRANT', 'PROMOTIONAL', $3, $3, 50, $4, 'ACTIVE', 'bench-expiring-' || k
         FROM unnest($1::uuid[]) AS w(id), generate_series(1, $2::int) AS k
         RETURNING id, "walletId", reference
       ), entries AS (
         INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", reference, description)
         SELECT gen_random_uuid(), g."walletId", w."userId", 'GRANT', $3, w."creditsTotal" - w."creditsUsed", g.reference,
                'Benchmark expiring grant'
         FROM grants g JOIN "Wallet" w ON w.id = g."walletId"
         RETURNING id, "walletId", reference
       ), allocations AS (
         INSERT INTO "GrantAllocation" ("transactionId", "grantId", "walletId", amount)
         SELECT e.id, g.id, g."walletId", $3 FROM entries e JOIN grants g ON g."walletId" = e."walletId" AND g.reference = e.reference
       ), totals AS (
         UPDATE "Wallet" w SET "creditsTotal" = w."creditsTotal" + $2::int * $3::int, "updatedAt" = now()
         WHERE w.id = ANY($1::uuid[])
       )
       SELECT COUNT(*)::int AS grants FROM grants`,
      [cohort.walletIds, perWallet, amount, expiresAt],
    );
    return rows[0]?.grants ?? 0;
  }

  async close(): Promise<void> {
    // The pool belongs to the caller.
  }
}
