import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClosablePool, DatabasePool } from '../../src/database/database-pool.js';
import { SqlDatabase } from '../../src/database/sql-database.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { adminUrl, databaseUrl, withClient } from '../support/databases.js';
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

describe('a pool ended just before its database goes away', () => {
  it('has closed every connection by then: none is terminated and none emits an error', async () => {
    const serverUrl = inject('serverUrl');
    let errors = 0;
    // pg-pool's own end() resolves before the backends exit; a forced drop right after it terminated some
    // of 20 connections in most rounds (an 'error' each, which crashed a test file's process in CI).
    // The drop goes out on a connection already open, as the next statement after the end.
    await withClient(adminUrl(serverUrl), async (admin) => {
      for (let round = 0; round < 5; round++) {
        const name = `forge_test_pool_end_${round}_${process.pid}`;
        await admin.query(`CREATE DATABASE "${name}"`);
        const pool = new ClosablePool({ connectionString: databaseUrl(serverUrl, name), max: 20 });
        pool.on('error', () => errors++);
        await Promise.all(Array.from({ length: 20 }, () => pool.query('SELECT pg_sleep(0.01)')));
        await pool.close();
        await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
        // A terminated backend's message reaches its client a moment later.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    expect(errors).toBe(0);
  });
});

describe('a pool closed while the database is unreachable', () => {
  it('closes once its connection attempt has failed, instead of waiting for it forever', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const pool = new ClosablePool({ connectionString: `postgresql://postgres@127.0.0.1:${port}/none` });
    const query = pool.query('SELECT 1');
    // Resolving at all is the assertion: a close that waits for this attempt's 'remove' never does.
    await pool.close();
    await expect(query).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
