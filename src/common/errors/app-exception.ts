import { HttpException, type HttpStatus } from '@nestjs/common';
import { ERROR_STATUS, ErrorCode } from './error-code.js';

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
    /** Only where the contract answers one code with another status (an admin's 422 INSUFFICIENT_CREDITS). */
    status: HttpStatus = ERROR_STATUS[code],
  ) {
    super({ statusCode: status, code, message, ...extras }, status);
  }
}

function defaultMessage(code: ErrorCode): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
}
