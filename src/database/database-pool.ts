import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DATABASE_URL } from './database-connection.provider.js';

/**
 * The one connection pool of the process, shared by Prisma's client (PrismaService) and the hand-written
 * SQL (SqlDatabase). Every statement outside a transaction is one `pool.query` call, one round trip,
 * which lets tests and benchmarks count round trips on the hot path.
 */
@Injectable()
export class DatabasePool implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Database');
  readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: config.databasePoolSize,
      // Fail a request quickly instead of queueing forever when the database is unreachable.
      connectionTimeoutMillis: 5_000,
    });
    // A connection dropped while idle in the pool (a database restart, a terminated backend) is discarded
    // by pg and replaced on the next checkout; without a listener the event would crash the process.
    this.pool.on('error', (error) => this.logger.warn(`Idle database connection closed: ${error.message}`));
  }

  /** After Prisma disconnected (onModuleDestroy), before an embedded PostgreSQL stops (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.pool.ended) await endPool(this.pool);
  }
}

/**
 * Ends a pool and resolves once every connection has closed. pg-pool's own `end()` resolves as soon as it
 * has told its idle clients to end, while their backends may still be running: a database stopped or
 * dropped (`DROP DATABASE … WITH (FORCE)`) in that window terminates them, and each emits an 'error' from
 * a client the pool no longer watches. Waiting for the pool's 'remove' of each client closes that window.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  const closing = pool.totalCount;
  let closed = 0;
  const allClosed = new Promise<void>((resolve) => {
    if (closing === 0) resolve();
    pool.on('remove', () => {
      if (++closed === closing) resolve();
    });
  });
  await pool.end();
  await allClosed;
}
