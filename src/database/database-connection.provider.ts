import { Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type EmbeddedDatabase, redactDatabaseUrl, startEmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migration-runner.js';

/** The URL of a reachable, migrated database: DATABASE_URL, or an embedded PostgreSQL started here. */
export const DATABASE_URL = Symbol('DATABASE_URL');

/** Owns the embedded PostgreSQL (when one was started) and stops it after Prisma has disconnected. */
@Injectable()
class EmbeddedDatabaseHolder implements OnApplicationShutdown {
  database?: EmbeddedDatabase;

  async onApplicationShutdown(): Promise<void> {
    await this.database?.stop();
  }
}

const databaseUrlProvider: Provider = {
  provide: DATABASE_URL,
  inject: [APP_CONFIG, EmbeddedDatabaseHolder],
  async useFactory(config: AppConfig, holder: EmbeddedDatabaseHolder): Promise<string> {
    const logger = new Logger('Database');
    let url = config.databaseUrl;
    if (!url) {
      holder.database = await startEmbeddedPostgres({
        dataDir: config.embeddedDataDir,
        database: 'forge_credits',
        persistent: true,
        warn: (message) => logger.warn(message),
      });
      url = holder.database.url;
      logger.log(
        `DATABASE_URL is unset: started the embedded PostgreSQL at ${redactDatabaseUrl(url)} (data in ${config.embeddedDataDir})`,
      );
    }
    if (config.migrateOnBoot) {
      const { applied } = await runMigrations(url, undefined, (message) => logger.log(message));
      if (applied.length) logger.log(`Applied ${applied.length} migration(s)`);
    }
    return url;
  },
};

export const databaseProviders = [EmbeddedDatabaseHolder, databaseUrlProvider];
