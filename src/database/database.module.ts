import { Global, Module } from '@nestjs/common';
import { databaseProviders } from './database-connection.provider.js';
import { DatabasePool } from './database-pool.js';
import { PrismaService } from './prisma.service.js';
import { SqlDatabase } from './sql-database.js';

/**
 * Global on purpose, the NestJS convention for the connection: every repository of every module needs
 * PrismaService, so importing it everywhere would add lines, not information. Only repositories inject it.
 */
@Global()
@Module({
  providers: [...databaseProviders, DatabasePool, PrismaService, SqlDatabase],
  exports: [DatabasePool, PrismaService, SqlDatabase],
})
export class DatabaseModule {}
