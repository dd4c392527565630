import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  runMigrations,
} from '../../src/database/migration-runner.js';
import { createEmptyDatabase, databaseUrl, dropDatabase, withClient } from '../support/databases.js';

/**
 * The migration runner against real, empty databases: it must apply what `prisma migrate deploy` would,
 * record it the way Prisma does, and leave the database untouched when a migration fails.
 */

const serverUrl = inject('serverUrl');
const created: string[] = [];
const tempDirs: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = await createEmptyDatabase(serverUrl);
  created.push(name);
  return databaseUrl(serverUrl, name);
}

/** The migration directories of the repository, read independently of the runner. */
async function repositoryMigrations(): Promise<{ name: string; checksum: string }[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash('sha256')
        .update(await readFile(join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql')))
        .digest('hex'),
    })),
  );
}

/** A copy of prisma/migrations plus extra migrations, in a temporary directory. */
async function migrationsDirWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'forge-migrations-'));
  tempDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function tablesOf(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  });
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function migrationRows(url: string): Promise<MigrationRow[]> {
  return withClient(
    url,
    async (client) =>
      (await client.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows,
  );
}

let migrations: { name: string; checksum: string }[];
beforeAll(async () => {
  migrations = await repositoryMigrations();
  expect(migrations.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await Promise.all(created.map((name) => dropDatabase(serverUrl, name)));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('migration runner', () => {
  it('applies every migration to an empty database, then none on a second run', async () => {
    const url = await emptyDatabase();
    const first = await runMigrations(url);
    expect(first).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: [] });
    expect(await tablesOf(url)).toEqual(
      expect.arrayContaining([
        '_prisma_migrations',
        'User',
        'CreditTransaction',
        'Order',
        'Reservation',
        'ApiKey',
        'WebhookEvent',
      ]),
    );

    const rowsAfterFirst = await migrationRows(url);
    const second = await runMigrations(url);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.map((m) => m.name) });
    expect(await migrationRows(url)).toEqual(rowsAfterFirst);
  });

  it('records each migration in _prisma_migrations the way `prisma migrate deploy` does', async () => {
    const url = await emptyDatabase();
    const before = new Date();
    await runMigrations(url);

    const rows = await migrationRows(url);
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [index, row] of rows.entries()) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      // Prisma's checksum: the sha256 of migration.sql, as 64 lower-case hex digits.
      expect(row.checksum).toBe(migrations[index].checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.started_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 60_000);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }

    // The table itself has Prisma's columns and types, so the CLI can take over.
    const columns = await withClient(
      url,
      async (client) =>
        (
          await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
            `SELECT column_name, data_type, is_nullable FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY column_name`,
          )
        ).rows,
    );
    expect(columns).toEqual([
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
    ]);
  });

  it('rolls a broken migration back completely, leaves no trace, and names it in the error', async () => {
    const broken = '29990101000000_broken_on_purpose';
    const dir = await migrationsDirWith({
      // The first statement succeeds; the second fails. Neither may remain.
      [broken]:
        'CREATE TABLE "Trace" ("id" INTEGER);\nALTER TABLE "User" ADD COLUMN "trace" TEXT;\nSELECT * FROM "NoSuchTable";\n',
    });
    const url = await emptyDatabase();

    const error = await runMigrations(url, dir).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe(broken);
    expect((error as MigrationError).message).toContain(broken);
    expect((error as MigrationError).message).toMatch(/NoSuchTable/);

    // The migrations before it are applied and recorded; the broken one left nothing behind.
    expect(await tablesOf(url)).not.toContain('Trace');
    const userColumns = await withClient(
      url,
      async (client) =>
        (
          await client.query(
            `SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'trace'`,
          )
        ).rowCount,
    );
    expect(userColumns).toBe(0);
    expect((await migrationRows(url)).map((row) => row.migration_name)).toEqual(
      migrations.map((m) => m.name),
    );

    // Nothing blocks a fixed version of it: no failed row was left that would need resolving by hand.
    await writeFile(join(dir, broken, 'migration.sql'), 'CREATE TABLE "Trace" ("id" INTEGER);\n');
    expect(await runMigrations(url, dir)).toEqual({
      applied: [broken],
      alreadyApplied: migrations.map((m) => m.name),
    });
    expect(await tablesOf(url)).toContain('Trace');
  });

  it('refuses to run past a migration that Prisma recorded as failed, naming it', async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const failedName = '29990101000000_failed_elsewhere';
    await withClient(url, (client) =>
      client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES (gen_random_uuid()::text, repeat('0', 64), $1, now(), 0)`,
        [failedName],
      ),
    );
    await expect(runMigrations(url)).rejects.toThrow(failedName);
  });

  it('applies each migration once when two runners start at the same time', async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([runMigrations(url), runMigrations(url)]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(migrations.map((m) => m.name).sort());
    expect(await migrationRows(url)).toHaveLength(migrations.length);
  });

  it('`npm run db:migrate` (migrate.cli) migrates DATABASE_URL, and exits 1 naming a broken migration', async () => {
    // The CLI reads prisma/migrations under its working directory: run it in a copy with a broken one added.
    const broken = '29990101000000_cli_broken';
    const dir = await mkdtemp(join(tmpdir(), 'forge-cli-'));
    tempDirs.push(dir);
    await mkdir(join(dir, 'prisma'));
    await cp(await migrationsDirWith({}), join(dir, 'prisma', 'migrations'), { recursive: true });
    const url = await emptyDatabase();
    const cli = (cwd: string) =>
      promisify(execFile)(resolve('node_modules/.bin/tsx'), [resolve('src/cli/migrate.cli.ts')], {
        cwd,
        env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
      });

    const ok = await cli(dir);
    expect(ok.stdout).toContain(`${migrations.length} migration(s) applied, 0 already applied.`);
    expect((await migrationRows(url)).map((row) => row.migration_name)).toEqual(
      migrations.map((m) => m.name),
    );

    await mkdir(join(dir, 'prisma', 'migrations', broken));
    await writeFile(join(dir, 'prisma', 'migrations', broken, 'migration.sql'), 'SELECT 1 / 0;\n');
    const failed = await cli(dir).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`Migration ${broken} failed`);
    expect(failed?.stderr).not.toContain(new URL(url).password || 'no-password-in-url');
  });
});
