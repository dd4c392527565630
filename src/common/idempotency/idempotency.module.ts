import { Module } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository.js';

/**
 * Import it where @Idempotent() (or @RequiresCredits(), which installs the same interceptor) is used:
 * Nest builds a route's interceptors in the route's own module, so IdempotencyInterceptor resolves its
 * repository there. The interceptor itself needs no export for the same reason.
 */
@Module({
  providers: [IdempotencyRepository],
  exports: [IdempotencyRepository],
})
export class IdempotencyModule {}
