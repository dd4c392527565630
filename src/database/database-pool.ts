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
  readonly pool: ClosablePool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new ClosablePool({
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
    if (!this.pool.ended) await this.pool.close();
  }
}

/**
 * A pg.Pool whose `close()` resolves once every connection it opened has closed. pg-pool's own `end()`
 * resolves as soon as it has told its idle clients to end, while their backends may still be running: a
 * database stopped or dropped (`DROP DATABASE … WITH (FORCE)`) in that window terminates them, and each
 * emits an 'error' from a client the pool no longer watches. The pool's 'remove' events cannot be counted
 * instead: a client that never connected (an outage at shutdown) is dropped without one. So the pool keeps
 * the clients that connected, and `close()` waits for each one's 'end'.
 */
export class ClosablePool extends pg.Pool {
  private readonly connected = new Set<pg.PoolClient>();

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => {
      this.connected.add(client);
      client.once('end', () => this.connected.delete(client));
    });
  }

  async close(): Promise<void> {
    const closed = [...this.connected].map(
      (client) => new Promise<void>((resolve) => client.once('end', () => resolve())),
    );
    await this.end();
    await Promise.all(closed);
  }
}
