import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { DATABASE_URL } from './database-connection.provider.js';

/** The Prisma client on node-postgres (no native engine). Only repositories inject it (DESIGN.md §6). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /**
   * The connection pool under Prisma. Every statement outside a transaction is one `pool.query` call,
   * one round trip, which lets tests and benchmarks count round trips on the hot path.
   */
  readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: config.databasePoolSize,
      // Fail a request quickly instead of queueing forever when the database is unreachable.
      connectionTimeoutMillis: 5_000,
    });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
