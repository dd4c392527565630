import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { runMigrations } from '../../src/database/migration-runner.js';
import { adminUrl, dropDatabase, withClient } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL (any database); each test file creates its own database on that server. */
    serverUrl: string;
    /** A migrated database that test files clone with CREATE DATABASE … TEMPLATE. */
    templateDatabase: string;
  }
}

/**
 * Once per `npm test`: find a PostgreSQL server (DATABASE_URL, else a throw-away embedded one),
 * and migrate a template database that every test file clones, which takes milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: `.data/test-postgres-${process.pid}`,
        database: 'postgres',
        persistent: false,
      });
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url;
  const templateDatabase = `forge_template_${process.pid}`;

  await withClient(adminUrl(serverUrl), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${templateDatabase}"`);
    await client.query(`CREATE DATABASE "${templateDatabase}"`);
  });
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await runMigrations(templateUrl.toString());

  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await dropDatabase(serverUrl, templateDatabase);
    await embedded?.stop();
  };
}
