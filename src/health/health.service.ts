import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabasePingRepository } from './database-ping.repository.js';

/** A database that does not answer within this is as good as down for a load balancer. */
const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabasePingRepository,
  ) {}

  async isDatabaseUp(): Promise<boolean> {
    const result = await this.indicators
      .check('database')
      .attempt(() => this.database.ping())
      .withTimeout(PING_TIMEOUT_MS);
    return result.database?.status === 'up';
  }
}
