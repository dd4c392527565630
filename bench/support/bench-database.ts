import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

// BENCH_DATABASE lets two checkouts on one server benchmark side by side.
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'forge_bench';

export interface BenchDatabase {
  /** The benchmark's own database: the service, pgbench and the checks all use it. */
  url: string;
  kind: 'server' | 'embedded';
  version: string;
  close(): Promise<void>;
}

/**
 * A database of its own for every run, so a benchmark never touches the e2e tests' databases: with
 * DATABASE_URL, `forge_bench` on that server, dropped and created again; without it, a new embedded
 * PostgreSQL in a temporary directory, removed afterwards.
 */
export async function openBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  if (databaseUrl) {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    } finally {
      await client.end();
    }
    const url = new URL(databaseUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    return {
      url: url.toString(),
      kind: 'server',
      version: await serverVersion(url.toString()),
      close: async () => {},
    };
  }
  const root = await mkdtemp(join(tmpdir(), 'forge-bench-pg-'));
  // mkdtemp makes it 0700; run as root, PostgreSQL runs as `postgres` and must reach the cluster below it.
  await chmod(root, 0o755);
  const embedded = await startEmbeddedPostgres({
    dataDir: join(root, 'postgres'),
    database: BENCH_DATABASE,
    persistent: false,
  });
  return {
    url: embedded.url,
    kind: 'embedded',
    version: await serverVersion(embedded.url),
    async close() {
      await embedded.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0].version.split(' on ')[0];
  } finally {
    await client.end();
  }
}
