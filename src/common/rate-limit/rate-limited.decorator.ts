import { applyDecorators, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../http/error-response.dto.js';

/** Counts requests per client IP against AUTH_RATE_LIMIT_PER_MINUTE; over it: 429 TOO_MANY_REQUESTS. */
export function RateLimited(): MethodDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description: 'TOO_MANY_REQUESTS: retry after the Retry-After header',
    }),
  );
}
