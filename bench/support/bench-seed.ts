import { JwtService } from '@nestjs/jwt';
import type pg from 'pg';
import type { AccessTokenClaims } from '../../src/auth/authenticated-user.js';
import { appendLedgerMovement } from '../../src/credits/ledger-movement.js';
import { poolSqlClient, type SqlClient } from '../../src/database/sql-client.js';

/**
 * Benchmark users have ids derived from a number (`00000000-0000-4000-8000-<group><n>`), so that pgbench,
 * which has integer variables only, can pick "a random user among 1,000" with `random(1, 1000)`.
 */
function benchUserId(group: number, n: number): string {
  return `00000000-0000-4000-8000-${String(group * 100_000_000_000 + n).padStart(12, '0')}`;
}

export interface Cohort {
  name: string;
  group: number;
  size: number;
  ids: string[];
  tokens: string[];
}

export class BenchSeeder {
  private readonly sql: SqlClient;
  private readonly jwt: JwtService;

  constructor(
    private readonly db: pg.Pool,
    jwtSecret: string,
  ) {
    this.sql = poolSqlClient(db);
    this.jwt = new JwtService({ secret: jwtSecret, signOptions: { expiresIn: 4 * 3600 } });
  }

  /**
   * `size` users with `credits` each. The users are inserted in one statement with empty balances; the
   * credits are then granted through the service's own appendLedgerMovement (a GRANT ledger row and
   * creditsTotal in one statement), so the ledger invariant holds from the start.
   */
  async cohort(name: string, group: number, size: number, credits: number, first = 1): Promise<Cohort> {
    await this.db.query(
      `INSERT INTO "User" (id, email, "passwordHash", name)
       SELECT ('00000000-0000-4000-8000-' || lpad(($1::bigint * 100000000000 + n)::text, 12, '0'))::uuid,
              'bench-' || $2 || '-' || n || '@example.com', 'bench: no password', 'Bench ' || $2 || ' ' || n
       FROM generate_series($3::int, $4::int) AS n`,
      [group, name, first, first + size - 1],
    );
    const ids = Array.from({ length: size }, (_, i) => benchUserId(group, first + i));
    if (credits > 0) {
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const userId = ids[next++];
          const entry = await appendLedgerMovement(this.sql, {
            userId,
            type: 'GRANT',
            amount: credits,
            reference: `bench-grant:${userId}`,
            description: 'Benchmark grant',
          });
          if (!entry) throw new Error(`grant to ${userId} found no user`);
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
        } satisfies AccessTokenClaims),
      ),
    );
    return { name, group, size, ids, tokens };
  }

  async close(): Promise<void> {
    // The pool belongs to the caller.
  }
}
