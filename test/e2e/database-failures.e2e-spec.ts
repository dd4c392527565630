import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabasePool } from '../../src/database/database-pool.js';
import { SqlDatabase } from '../../src/database/sql-database.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('a database connection that dies inside a transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('fails that transaction only: no crash, and the pool serves the next one', async () => {
    // If the dying connection's 'error' event went unhandled, Vitest would report it and fail the run.
    const sql = t.app.get(SqlDatabase);
    const failed = sql.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
      await t.app.get(DatabasePool).pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query(Prisma.sql`SELECT 1`);
    });
    await expect(failed).rejects.toThrow();
    const [{ answer }] = await sql.transaction((tx) =>
      tx.query<{ answer: number }>(Prisma.sql`SELECT 42 AS answer`),
    );
    expect(answer).toBe(42);
    await t.http.get('/api/health').expect(200);
  });
});
