import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { DATABASE_URL } from './database-connection.provider.js';

/** The Prisma client on node-postgres (no native engine). Only repositories inject it (DESIGN.md §6). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    super({
      adapter: new PrismaPg({
        connectionString: databaseUrl,
        max: config.databasePoolSize,
        // Fail a request quickly instead of queueing forever when the database is unreachable.
        connectionTimeoutMillis: 5_000,
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
