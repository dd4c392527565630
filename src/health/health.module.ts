import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { DatabasePingRepository } from './database-ping.repository.js';
import { HealthService } from './health.service.js';
import { RedisPing } from './redis-ping.js';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [HealthService, DatabasePingRepository, RedisPing],
})
export class HealthModule {}
