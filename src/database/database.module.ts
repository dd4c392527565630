import { Global, Module } from '@nestjs/common';
import { databaseProviders } from './database-connection.provider.js';
import { DatabasePool } from './database-pool.js';
import { PrismaService } from './prisma.service.js';
import { SqlDatabase } from './sql-database.js';

@Global()
@Module({
  providers: [...databaseProviders, DatabasePool, PrismaService, SqlDatabase],
  exports: [DatabasePool, PrismaService, SqlDatabase],
})
export class DatabaseModule {}
