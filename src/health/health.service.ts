import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabasePingRepository } from './database-ping.repository.js';
import { RedisPing } from './redis-ping.js';

/** A dependency that does not answer within this is as good as down for a load balancer. */
const PING_TIMEOUT_MS = 2_000;

export type DependencyStatus = 'up' | 'down';

export interface Readiness {
  ready: boolean;
  database: DependencyStatus;
  /** Only when REDIS_URL is set. */
  redis?: DependencyStatus;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabasePingRepository,
    private readonly redis: RedisPing,
  ) {}

  /** The database, and Redis when configured, asked at once (terminus indicators with a timeout each). */
  async readiness(): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      this.probe('database', () => this.database.ping()),
      this.redis.configured ? this.probe('redis', () => this.redis.ping()) : undefined,
    ]);
    return {
      ready: database === 'up' && (redis === undefined || redis === 'up'),
      database,
      ...(redis === undefined ? {} : { redis }),
    };
  }

  private async probe(key: string, ping: () => Promise<void>): Promise<DependencyStatus> {
    const result = await this.indicators.check(key).attempt(ping).withTimeout(PING_TIMEOUT_MS);
    return result[key]?.status === 'up' ? 'up' : 'down';
  }
}
