import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../http/error-response.dto.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Accept an `Idempotency-Key` header on this route (which must be authenticated).
 * @RequiresCredits includes it; use it alone on other POST routes (checkout sessions).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    InstallsIdempotency('@Idempotent()'),
    UseInterceptors(IdempotencyInterceptor),
    ApiIdempotencyKey(),
  );
}

const INSTALLED_BY = Symbol('idempotency-installed-by');

/**
 * Marks the route as having the idempotency interceptor, and refuses a second one at startup (when the
 * decorators are evaluated): @Idempotent() beside @RequiresCredits() — which includes it — would install
 * the interceptor twice, and the inner one's claim would find the outer's and answer 409 forever.
 */
export function InstallsIdempotency(by: string): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const previous = Reflect.getMetadata(INSTALLED_BY, handler) as string | undefined;
    if (previous) {
      throw new Error(
        `${String(key)}: ${by} and ${previous} both handle Idempotency-Key; use one (@RequiresCredits() already accepts the header)`,
      );
    }
    Reflect.defineMetadata(INSTALLED_BY, by, handler);
    return descriptor;
  };
}

/** The OpenAPI half of @Idempotent, for decorators that install the interceptor themselves. */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Retries with the same key get the first response again (kept 24 h) and are not charged twice.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
    ApiConflictResponse({
      type: ErrorResponseDto,
      description: 'IDEMPOTENCY_IN_PROGRESS: the first request with this key is still running',
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorResponseDto,
      description: 'IDEMPOTENCY_KEY_REUSED: the key was used with a different body',
    }),
  );
}
