import { Prisma } from '../../src/generated/prisma/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlDatabase } from '../../src/database/sql-database.js';
import { createUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface PreparedRow {
  statement: string;
  executions: number;
  generic: number;
}

/**
 * The credit statements are parsed and planned once per pooled connection (src/database/sql-client.ts).
 * With a pool of one connection, pg_prepared_statements of that session is the whole service's.
 */
describe('prepared statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DATABASE_POOL_SIZE: '1' } });
  });
  afterAll(() => t.close());

  async function preparedOnTheConnection(): Promise<PreparedRow[]> {
    return t.app.get(SqlDatabase).query<PreparedRow>(Prisma.sql`
      SELECT statement, (generic_plans + custom_plans)::int AS executions, generic_plans::int AS generic
      FROM pg_prepared_statements WHERE name LIKE ${'forge_%'}`);
  }

  it('hold and settle are prepared once and then run on a cached generic plan', async () => {
    const user = await createUser(t, { credits: 200 });
    const before = await preparedOnTheConnection();
    for (let request = 0; request < 12; request++) {
      await t.http
        .post('/api/ai/generate')
        .set(user.auth)
        .send({ prompt: `request ${request}` })
        .expect(201);
    }
    const after = await preparedOnTheConnection();
    const ran = (row: PreparedRow) =>
      row.executions - (before.find((earlier) => earlier.statement === row.statement)?.executions ?? 0);
    const hold = after.find((row) => row.statement.includes('INSERT INTO "Reservation"'));
    const settle = after.find((row) => row.statement.includes("SET status = 'SETTLED'"));
    // One prepared statement each, executed once per request: parsed once, not twelve times.
    expect(hold && ran(hold)).toBe(12);
    expect(settle && ran(settle)).toBe(12);
    // After PostgreSQL's five custom plans it keeps the generic one: no planning per request.
    expect(hold!.generic).toBeGreaterThan(0);
    expect(settle!.generic).toBeGreaterThan(0);
  });

  it('a statement without parameters is not prepared (it may hold several commands)', async () => {
    await t.app.get(SqlDatabase).query(Prisma.sql`SELECT 1 AS one`);
    const prepared = await preparedOnTheConnection();
    expect(prepared.some((row) => row.statement.trim() === 'SELECT 1 AS one')).toBe(false);
  });
});
