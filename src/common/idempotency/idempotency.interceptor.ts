import { createHash } from 'node:crypto';
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
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { walletSelectorOf } from '../../organizations/wallet-context.js';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { DEFAULT_IDEMPOTENCY_LEASE_SECONDS, IdempotencyLease } from './idempotency-lease.js';
import { attachIdempotentClaim, type IdempotentClaim, replayedHeaders } from './idempotent-claim.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** 1–255 printable ASCII characters. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
/** How often a key whose release failed (the database was down) is released again. */
const RELEASE_RETRY_MS = 1_000;

/**
 * `Idempotency-Key` for authenticated POST routes (see @Idempotent). The first request's status, body and
 * credit headers are kept for 24 hours per (user, key); a retry gets them back without running the
 * handler again, so it is not charged again. While the first is running: 409 IDEMPOTENCY_IN_PROGRESS.
 * Same key with another request: 422 IDEMPOTENCY_KEY_REUSED. A request that fails keeps nothing, so it
 * can be retried; one that died mid-way frees its key when its lease ends.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly records: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    const lease =
      this.reflector.get(IdempotencyLease, context.getHandler()) ?? DEFAULT_IDEMPOTENCY_LEASE_SECONDS;
    return from(this.handle(request, context.switchToHttp().getResponse<Response>(), key, lease, next));
  }

  private async handle(
    request: Request,
    response: Response,
    key: string | string[],
    lease: number,
    next: CallHandler,
  ): Promise<unknown> {
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      throw new AppException(
        ErrorCode.INVALID_IDEMPOTENCY_KEY,
        'Idempotency-Key must be 1 to 255 printable ASCII characters',
      );
    }
    const user = request.user as AuthenticatedUser;
    const claim = await this.records.claim(user.id, key, fingerprint(request), lease);
    switch (claim.outcome) {
      case 'in-progress':
        throw new AppException(
          ErrorCode.IDEMPOTENCY_IN_PROGRESS,
          'A request with this Idempotency-Key is still being processed',
        );
      case 'mismatch':
        throw new AppException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used with a different request',
        );
      case 'completed':
        for (const [name, value] of Object.entries(claim.headers)) response.setHeader(name, value);
        response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
        return claim.body;
    }

    const shared: IdempotentClaim = { recordId: claim.recordId, userId: user.id, storedWithCharge: false };
    attachIdempotentClaim(request, shared);
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // Unless the charge committed with its stored response (then the release finds nothing to free),
      // nothing was charged: the key is freed for a retry.
      await this.release(claim.recordId, Date.now() + lease * 1000);
      throw error;
    }
    if (shared.storedWithCharge) return body;
    try {
      await this.records.complete(claim.recordId, response.statusCode, body, replayedHeaders(response));
    } catch (error) {
      // The work is done and charged: answer it. Releasing the key here would let a retry charge again;
      // left IN_PROGRESS, the key answers 409 until its lease ends.
      this.logger.error({ err: error, recordId: claim.recordId }, 'Could not store the idempotent response');
    }
    return body;
  }

  /**
   * Frees the key now or, when the database cannot be reached (the request probably failed for that very
   * reason), every second until it can — so the key is usable within seconds of the database returning
   * rather than at the end of its lease. Releasing only ever deletes an IN_PROGRESS record by its id, so
   * it never frees a key whose response was stored.
   */
  private async release(recordId: string, giveUpAt: number): Promise<void> {
    try {
      await this.records.release(recordId);
    } catch (error) {
      if (Date.now() >= giveUpAt) {
        this.logger.warn(
          { err: error, recordId },
          'Could not release an idempotency key; its lease frees it',
        );
        return;
      }
      setTimeout(() => void this.release(recordId, giveUpAt), RELEASE_RETRY_MS).unref();
    }
  }
}

/**
 * Same method, same route, same wallet, same JSON body (whitespace aside): the same request. The wallet
 * is part of it, so a key reused for another wallet is 422, never the other wallet's replay.
 */
function fingerprint(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.route?.path ?? request.path}\n${walletSelectorOf(request)}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}
