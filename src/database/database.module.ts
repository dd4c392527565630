import { Global, Module } from '@nestjs/common';
import { databaseProviders } from './database-connection.provider.js';
import { PrismaService } from './prisma.service.js';

/**
 * Global on purpose, the NestJS convention for the connection: every repository of every module needs
 * PrismaService, so importing it everywhere would add lines, not information. Only repositories inject it.
 */
@Global()
@Module({
  providers: [...databaseProviders, PrismaService],
  exports: [PrismaService],
})
export class DatabaseModule {}
