import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { IdempotencyLease } from '../common/idempotency/idempotency-lease.js';
import { IdempotencyInterceptor } from '../common/idempotency/idempotency.interceptor.js';
import { ApiIdempotencyKey, InstallsIdempotency } from '../common/idempotency/idempotent.decorator.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { OrganizationRight } from '../organizations/organization-policy.js';
import { WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import {
  CREDITS_COST_HEADER,
  CREDITS_REMAINING_HEADER,
  type CreditPolicy,
  CreditPolicyMetadata,
  DEFAULT_HOLD_TTL_SECONDS,
} from './credit-policy.js';
import { CreditsInterceptor } from './credits.interceptor.js';

export interface VariableCost<TResult> {
  /** Credits held before the handler runs: the most the request may cost. */
  reserve: number;
  /** The actual cost, from the handler's result; clamped to [0, reserve], the rest is released. */
  settle?: (result: TResult) => number;
  /** Default 300 s. Set it above the route's slowest request. */
  holdTtlSeconds?: number;
}

/**
 * Puts a price on a route:
 *
 * ```ts
 * @Post('generate')
 * @RequiresCredits(10)
 * generate(@Body() body: GenerateDto) { ... }
 * ```
 *
 * The route becomes authenticated; before the handler runs, `reserve` credits are held atomically
 * (402 INSUFFICIENT_CREDITS and the handler does not run when the balance is short); on success the cost
 * is charged with one USAGE ledger row; on any error the hold is voided. An `Idempotency-Key` header
 * makes retries safe. Interceptor order matters: idempotency (outer) replays a stored response before
 * any credits are held.
 */
export function RequiresCredits<TResult = unknown>(cost: number | VariableCost<TResult>): MethodDecorator {
  const policy = toPolicy(cost);
  return applyDecorators(
    // Stored type-erased: the interceptor hands settle() the very result this route returns.
    CreditPolicyMetadata(policy as CreditPolicy),
    // A retry with the same Idempotency-Key must never run while the first request still holds credits.
    IdempotencyLease(policy.holdTtlSeconds + 60),
    // Authenticated, and X-Organization-Id spends from an organization's wallet: the hold statement checks
    // membership, role and the member's spend limit itself.
    WalletScoped(OrganizationRight.SPEND, { resolvedByHold: true }),
    InstallsIdempotency('@RequiresCredits()'),
    UseInterceptors(IdempotencyInterceptor, CreditsInterceptor),
    ApiIdempotencyKey(),
    ApiExtension('x-credits-cost', {
      reserve: policy.reserve,
      settle: policy.settle ? 'variable' : 'fixed',
      holdTtlSeconds: policy.holdTtlSeconds,
    }),
    ApiResponse({
      status: 402,
      type: ErrorResponseDto,
      description: `INSUFFICIENT_CREDITS: needs ${policy.reserve} credits; the body adds \`required\` and \`remaining\``,
      headers: creditHeaders,
    }),
    ApiResponse({
      status: 403,
      type: ErrorResponseDto,
      description:
        'SPEND_LIMIT_REACHED: your spend limit in the organization is used up for the period; the body adds `limit`, `used`, `period` and `resetsAt`',
      headers: creditHeaders,
    }),
  );
}

const creditHeaders = {
  [CREDITS_COST_HEADER]: {
    description: 'Credits charged by this request (on 402: what it would need)',
    schema: { type: 'integer' },
  },
  [CREDITS_REMAINING_HEADER]: {
    description: 'Credits remaining after this request',
    schema: { type: 'integer' },
  },
};

function toPolicy<TResult>(cost: number | VariableCost<TResult>): CreditPolicy<TResult> {
  const {
    reserve,
    settle,
    holdTtlSeconds = DEFAULT_HOLD_TTL_SECONDS,
  } = typeof cost === 'number' ? { reserve: cost } : cost;
  // A mistake here is a programming error: fail at startup, when the decorator is evaluated.
  if (!Number.isSafeInteger(reserve) || reserve <= 0)
    throw new Error(`@RequiresCredits: reserve must be a positive integer, got ${reserve}`);
  if (!Number.isSafeInteger(holdTtlSeconds) || holdTtlSeconds <= 0) {
    throw new Error(`@RequiresCredits: holdTtlSeconds must be a positive integer, got ${holdTtlSeconds}`);
  }
  return { reserve, settle, holdTtlSeconds };
}
