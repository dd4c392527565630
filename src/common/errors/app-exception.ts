import { HttpException } from '@nestjs/common';
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
  ) {
    super({ statusCode: ERROR_STATUS[code], code, message, ...extras }, ERROR_STATUS[code]);
  }
}

function defaultMessage(code: ErrorCode): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
}
