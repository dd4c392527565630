import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** 1–255 printable ASCII characters. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for authenticated POST routes (see @Idempotent). The first request's status and body
 * are kept for 24 hours per (user, key); a retry gets them back without running the handler again,
 * so it is not charged again. While the first is running: 409 IDEMPOTENCY_IN_PROGRESS. Same key with
 * another request: 422 IDEMPOTENCY_KEY_REUSED. A request that fails keeps nothing, so it can be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    return from(this.handle(request, context.switchToHttp().getResponse<Response>(), key, next));
  }

  private async handle(request: Request, response: Response, key: string | string[], next: CallHandler): Promise<unknown> {
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      throw new AppException(ErrorCode.INVALID_IDEMPOTENCY_KEY, 'Idempotency-Key must be 1 to 255 printable ASCII characters');
    }
    const user = request.user as AuthenticatedUser;
    const claim = await this.records.claim(user.id, key, fingerprint(request));
    switch (claim.outcome) {
      case 'in-progress':
        throw new AppException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this Idempotency-Key is still being processed');
      case 'mismatch':
        throw new AppException(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request');
      case 'completed':
        response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
        return claim.body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.records.complete(claim.recordId, response.statusCode, body);
      return body;
    } catch (error) {
      await this.records.release(claim.recordId);
      throw error;
    }
  }
}

/** Same method, same route, same JSON body (whitespace aside): the same request. */
function fingerprint(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.route?.path ?? request.path}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

