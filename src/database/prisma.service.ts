import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { DATABASE_URL } from './database-connection.provider.js';
import { inTransaction, poolSqlClient, type SqlClient } from './sql-client.js';

/** The Prisma client on node-postgres (no native engine). Only repositories inject it (docs/architecture.md, "Modules"). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly logger = new Logger('Database');

  /**
   * The connection pool under Prisma. Every statement outside a transaction is one `pool.query` call,
   * one round trip, which lets tests and benchmarks count round trips on the hot path.
   */
  readonly pool: pg.Pool;

  /** Hand-written SQL on the same pool, for the hot paths (see sql-client.ts). */
  readonly sql: SqlClient;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: config.databasePoolSize,
      // Fail a request quickly instead of queueing forever when the database is unreachable.
      connectionTimeoutMillis: 5_000,
    });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
    // A connection dropped while idle in the pool (a database restart, a terminated backend) is discarded
    // by pg and replaced on the next checkout; without a listener the event would crash the process.
    pool.on('error', (error) => this.logger.warn(`Idle database connection closed: ${error.message}`));
    this.sql = poolSqlClient(pool);
  }

  /** One READ COMMITTED transaction of hand-written SQL (see sql-client.ts). */
  sqlTransaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    // Prisma ends the pool only if it ever connected through it; the hot paths may be all that ran.
    if (!this.pool.ended) await this.pool.end();
  }
}
