import { Reflector } from '@nestjs/core';

/**
 * How long the first request with a key may run before the key is free again (its request is presumed
 * dead). Routes may set it; @RequiresCredits sets it just above its hold's expiry, so a retry can never
 * run while the first request still holds credits.
 */
export const IdempotencyLease = Reflector.createDecorator<number>();

export const DEFAULT_IDEMPOTENCY_LEASE_SECONDS = 10 * 60;
