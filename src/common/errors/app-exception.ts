import { HttpException, type HttpStatus } from '@nestjs/common';
import { CONTEXT_STATUS, ERROR_STATUS, type ErrorContext, ErrorCode } from './error-code.js';

/** Extra fields a code may carry in its body, e.g. `required`/`remaining` for INSUFFICIENT_CREDITS. */
export type ErrorExtras = Record<string, unknown>;

/**
 * The one domain exception. Throw it with a code; the global filter turns it into
 * `{statusCode, code, message, ...extras}` with the status the code maps to.
 */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessage(code),
    readonly extras: ErrorExtras = {},
    /** Only for the codes whose status depends on the operation (see CONTEXT_STATUS). */
    context?: ErrorContext,
  ) {
    const status = statusOf(code, context);
    super({ statusCode: status, code, message, ...extras }, status);
  }
}

function statusOf(code: ErrorCode, context: ErrorContext | undefined): HttpStatus {
  if (context === undefined) return ERROR_STATUS[code];
  const status = CONTEXT_STATUS[code]?.[context];
  // A programming error: the error map is the only place that gives a code a second status.
  if (status === undefined) throw new Error(`${code} has no status for the context ${context}`);
  return status;
}

function defaultMessage(code: ErrorCode): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
}
