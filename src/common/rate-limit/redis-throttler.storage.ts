import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';
import { Redis } from 'ioredis';

/**
 * Hit counters in Redis, so that every instance of the service counts against the same limit.
 * Written here because the maintained package (@nest-lab/throttler-storage-redis) declares peer
 * dependencies that stop at NestJS 11; the whole job is one Lua script run atomically by Redis.
 *
 * A fixed window per key: the first hit starts the window, and a key over its limit is blocked for
 * `blockDuration`. Keys are hashed by @nestjs/throttler already (no client IP in Redis in clear).
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return { hits, ttl, blockTtl }`;

export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(url: string) {
    // lazyConnect: the first command opens the connection, so the offline queue must stay on (without it that
    // command would fail at once). While Redis is away a queued command waits for one reconnection attempt
    // (maxRetriesPerRequest: 1) and then fails, so the guard answers 500 instead of waiting for Redis to return.
    this.redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      keyPrefix: 'forge-credits:throttle:',
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const [hits, ttlMs, blockTtlMs] = (await this.redis.eval(
      INCREMENT,
      2,
      `${throttlerName}:${key}:hits`,
      `${throttlerName}:${key}:blocked`,
      ttl,
      limit,
      Math.max(blockDuration, 1),
    )) as [number, number, number];
    const isBlocked = blockTtlMs > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(Math.ceil(ttlMs / 1000), 0),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockTtlMs / 1000) : 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
