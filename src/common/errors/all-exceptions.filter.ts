import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  Optional,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { MetricsService } from '../../metrics/metrics.service.js';
import { AppException } from './app-exception.js';
import { ERROR_STATUS, ErrorCode } from './error-code.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * The one place that turns any error into the contract's error body `{statusCode, code, message, ...}`.
 * Whatever is not an HttpException is logged with the request id and answered 500 INTERNAL_ERROR,
 * so no stack trace, SQL or SDK message ever reaches a client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(@Optional() private readonly metrics?: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: request.id, path: request.originalUrl?.split('?')[0] },
        'Request failed',
      );
    }
    if (body.code === ErrorCode.INSUFFICIENT_CREDITS && body.statusCode === HttpStatus.PAYMENT_REQUIRED)
      this.metrics?.creditRefused();
    if (response.headersSent) return;
    // The first request with this key is still running: a retry a second later usually finds its reply.
    if (body.code === ErrorCode.IDEMPOTENCY_IN_PROGRESS) response.setHeader('Retry-After', '1');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof AppException) return exception.getResponse() as ErrorBody;
    // Nest's Express adapter wraps body-parser errors in an HttpException (a SyntaxError becomes a
    // BadRequestException) and keeps the original as `cause`: look there first, or malformed JSON
    // would be answered VALIDATION_FAILED with the parser's message.
    const bodyParserError = fromBodyParserError(
      exception instanceof HttpException ? exception.cause : exception,
    );
    if (bodyParserError) return bodyParserError;
    if (exception instanceof HttpException) return fromHttpException(exception, request);
    // A write for the authenticated user failed its foreign key: the account was deleted after its token
    // was issued. The credentials no longer stand for anyone.
    if (isMissingUserReference(exception))
      return error(ErrorCode.UNAUTHORIZED, 'The account of these credentials no longer exists');
    return error(ErrorCode.INTERNAL_ERROR, 'Internal server error');
  }
}

function error(code: ErrorCode, message: string, extras: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: ERROR_STATUS[code], code, message, ...extras };
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHORIZED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Nest's own exceptions (routing 404, guards' 403, the ValidationPipe's 400, throttler's 429). */
function fromHttpException(exception: HttpException, request: Request): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const code =
    CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED);
  if (status === HttpStatus.NOT_FOUND && /^Cannot \w+ /.test(exception.message)) {
    // originalUrl, not path: under the /api prefix router `path` has the prefix stripped.
    return { statusCode: status, code, message: `Route ${request.method} ${routePath(request)} not found` };
  }
  if (status >= 500) return { statusCode: status, code, message: 'Internal server error' };
  // The throttler's own message names its class ("ThrottlerException: Too Many Requests").
  if (status === HttpStatus.TOO_MANY_REQUESTS)
    return { statusCode: status, code, message: 'Too many requests; try again later' };
  const details =
    typeof response === 'object' && response !== null
      ? (response as { details?: unknown }).details
      : undefined;
  const message =
    typeof response === 'object' &&
    response !== null &&
    typeof (response as { message?: unknown }).message === 'string'
      ? (response as { message: string }).message
      : exception.message;
  return details === undefined
    ? { statusCode: status, code, message }
    : { statusCode: status, code, message, details };
}

export function routePath(request: Request): string {
  return (request.originalUrl ?? request.url).split('?')[0];
}

/** Errors thrown by express.json() before any route runs. */
function fromBodyParserError(exception: unknown): ErrorBody | undefined {
  const candidate = exception as { type?: string; status?: number } | null;
  if (candidate?.type === 'entity.too.large')
    return error(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body exceeds 1 MB');
  if (candidate?.type === 'entity.parse.failed')
    return error(ErrorCode.MALFORMED_JSON, 'Request body is not valid JSON');
  if (candidate?.type === 'encoding.unsupported' || candidate?.type === 'charset.unsupported') {
    return error(ErrorCode.VALIDATION_FAILED, 'Unsupported request encoding');
  }
  if (candidate?.type === 'request.aborted') return error(ErrorCode.VALIDATION_FAILED, 'Request aborted');
  return undefined;
}

/**
 * A foreign-key violation of a `…_userId_fkey` constraint, however it surfaced: PostgreSQL's own error (the
 * hand-written SQL), Prisma's P2003, or a raw Prisma query's P2010 wrapping SQLSTATE 23503.
 */
function isMissingUserReference(exception: unknown): boolean {
  for (let current = exception, hops = 0; current && hops < 4; hops += 1) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      meta?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    const asText = (value: unknown) => (typeof value === 'string' ? value : '');
    const text = `${asText(candidate.constraint)} ${JSON.stringify(candidate.meta ?? {})} ${asText(candidate.message)}`;
    const foreignKey =
      candidate.code === '23503' ||
      candidate.code === 'P2003' ||
      (candidate.code === 'P2010' && text.includes('23503'));
    if (foreignKey) return /userId_fkey|\buserId\b/.test(text);
    current = candidate.cause;
  }
  return false;
}
