import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * A connection of the readiness check's own to REDIS_URL (when set): the rate limiter's client queues and
 * retries, which is right for it and wrong for a probe that must answer "down" within its timeout.
 */
@Injectable()
export class RedisPing implements OnApplicationShutdown {
  private readonly redis?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis =
      config.redisUrl === undefined
        ? undefined
        : new Redis(config.redisUrl, {
            lazyConnect: true,
            connectTimeout: 1_000,
            maxRetriesPerRequest: 0,
            // Keep trying in the background (the probe asks again), at most every 2 s.
            retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
          });
    // Reported by the probe; without a listener ioredis would print every reconnection error.
    this.redis?.on('error', () => {});
  }

  get configured(): boolean {
    return this.redis !== undefined;
  }

  async ping(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.redis.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') this.redis.disconnect();
  }
}
