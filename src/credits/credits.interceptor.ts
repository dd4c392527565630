import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { idempotentClaimOf } from '../common/idempotency/idempotent-claim.js';
import { replayedHeaders } from '../common/idempotency/idempotent-claim.js';
import { IDEMPOTENCY_TTL_SECONDS } from '../common/idempotency/idempotency.repository.js';
import {
  CREDITS_COST_HEADER,
  CREDITS_REMAINING_HEADER,
  type CreditPolicy,
  CreditPolicyMetadata,
} from './credit-policy.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { spendLimitReached } from '../organizations/spend-limit.js';
import { walletContextOf } from '../organizations/wallet-context.js';
import { CreditsRepository } from './credits.repository.js';

/**
 * Hold → run → settle or void, around a route marked with @RequiresCredits.
 * Runs after the authentication guard (interceptors always follow guards), so `request.user` is set.
 * The happy path costs two statements: the conditional hold and the settle.
 */
@Injectable()
export class CreditsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(CreditsInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly credits: CreditsRepository,
    private readonly metrics: MetricsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.get(CreditPolicyMetadata, context.getHandler());
    if (!policy) return next.handle();
    const http = context.switchToHttp();
    return from(this.run(policy, http.getRequest<Request>(), http.getResponse<Response>(), next));
  }

  private async run(
    policy: CreditPolicy,
    request: Request,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const user = request.user as AuthenticatedUser;
    // The wallet named by X-Organization-Id (or an organization key) is found by the hold statement itself.
    const organizationId = walletContextOf(request)?.organizationId ?? null;
    const spender = { userId: user.id, apiKeyId: user.apiKeyId ?? null };
    const route = `${request.method} ${request.route?.path ?? request.path}`;
    const hold = await this.credits.hold(
      organizationId ? { ...spender, organizationId } : { ...spender, walletId: user.walletId },
      policy.reserve,
      route,
      policy.holdTtlSeconds,
    );
    if (!hold.held) {
      if (organizationId && hold.remaining === null)
        throw new AppException(ErrorCode.NOT_FOUND, 'Organization not found');
      // No personal wallet: the token outlived its user (the wallet goes with the account).
      if (hold.remaining === null)
        throw new AppException(ErrorCode.UNAUTHORIZED, 'The account of these credentials no longer exists');
      const remaining = hold.remaining ?? 0;
      response.setHeader(CREDITS_COST_HEADER, String(policy.reserve));
      response.setHeader(CREDITS_REMAINING_HEADER, String(remaining));
      if (hold.spendLimit) throw spendLimitReached(hold.spendLimit);
      throw new AppException(
        ErrorCode.INSUFFICIENT_CREDITS,
        `This request needs ${policy.reserve} credits; ${remaining} remaining`,
        { required: policy.reserve, remaining },
      );
    }
    this.metrics.creditHeld();

    const actor = { ...spender, walletId: hold.walletId };
    let result: unknown;
    let charge: number;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      charge = policy.settle ? clampCharge(policy.settle(result), policy.reserve) : policy.reserve;
    } catch (error) {
      await this.credits.void(hold.walletId, hold.reservationId);
      this.metrics.creditVoided();
      throw error;
    }

    // With an Idempotency-Key, the settle stores the response too: one commit for both (see StoredResponse).
    const claim = idempotentClaimOf(request);
    const settled = await this.credits.settle(
      actor,
      hold.reservationId,
      charge,
      claim && {
        recordId: claim.recordId,
        userId: claim.userId,
        status: response.statusCode,
        body: result,
        headers: replayedHeaders(response, ['location']),
        ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
      },
      hold.scope,
    );
    if (settled) this.metrics.creditSettled();
    if (claim && settled) claim.storedWithCharge = true;
    if (!settled) {
      // The hold outlived its expiry and the sweeper released it: the work is done but nothing is charged.
      // Raise the route's holdTtlSeconds above its slowest request if this shows up in the logs.
      this.logger.warn(
        { reservationId: hold.reservationId, route },
        'Hold expired before settle; request not charged',
      );
    }
    response.setHeader(CREDITS_COST_HEADER, String(settled?.charged ?? 0));
    // Without a settle, the best figure at hand is the balance at hold time plus the released hold.
    response.setHeader(
      CREDITS_REMAINING_HEADER,
      String(settled?.remaining ?? hold.remaining + policy.reserve),
    );
    return result;
  }
}

function clampCharge(charge: number, reserve: number): number {
  if (!Number.isFinite(charge)) return reserve;
  return Math.min(Math.max(Math.ceil(charge), 0), reserve);
}
