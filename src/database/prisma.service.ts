import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { DatabasePool } from './database-pool.js';

/**
 * The Prisma client on node-postgres (no native engine), on the shared DatabasePool. Only repositories
 * inject it; the hot paths' hand-written SQL goes through SqlDatabase instead (see sql-client.ts).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(database: DatabasePool) {
    super({ adapter: new PrismaPg(database.pool, { disposeExternalPool: false }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
