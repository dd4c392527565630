import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../http/error-response.dto.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Accept an `Idempotency-Key` header on this route (which must be authenticated).
 * @RequiresCredits includes it; use it alone on other POST routes (checkout sessions).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(UseInterceptors(IdempotencyInterceptor), ApiIdempotencyKey());
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
