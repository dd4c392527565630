import { Global, Module } from '@nestjs/common';
import { databaseProviders } from './database-connection.provider.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  providers: [...databaseProviders, PrismaService],
  exports: [PrismaService],
})
export class DatabaseModule {}
