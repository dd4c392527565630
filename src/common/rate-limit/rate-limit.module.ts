import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/** Named 'default' so the guard sends the standard `Retry-After` header (other names get a suffix). */
const AUTH_THROTTLER = 'default';

/**
 * Rate limits for the routes that attract brute force (login, registration). In memory by default;
 * with REDIS_URL, shared by every instance. Credit-charged routes are limited by credits, and payment
 * webhooks are never limited (a provider's retries must always get through). Imported by the modules
 * whose routes carry @RateLimited() (its ThrottlerGuard is built in the route's module and needs the storage).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: AUTH_THROTTLER, ttl: 60_000, limit: config.authRateLimitPerMinute, blockDuration: 60_000 },
        ],
        storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
