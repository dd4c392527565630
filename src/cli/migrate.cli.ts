/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL
 * when it is unset (the same database `npm start` uses).
 */
import { loadAppConfig } from '../config/app-config.js';
import { loadEnvironmentFile } from '../config/environment-file.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { MigrationError, runMigrations } from '../database/migration-runner.js';

loadEnvironmentFile();
const config = loadAppConfig(process.env);
const embedded = config.databaseUrl
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      database: 'forge_credits',
      persistent: true,
    });
try {
  const { applied, alreadyApplied } = await runMigrations(
    config.databaseUrl ?? embedded!.url,
    undefined,
    console.log,
  );
  console.log(`${applied.length} migration(s) applied, ${alreadyApplied.length} already applied.`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
