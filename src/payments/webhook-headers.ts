import type { IncomingHttpHeaders } from 'node:http';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';

/**
 * One header as a single string. Node lower-cases header names; a repeated header arrives as an
 * array (or joined), which no provider sends, so it is treated like a missing one.
 */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The one answer to every verification failure: no detail that could help a forger or leak a secret. */
export function invalidSignature(): AppException {
  return new AppException(ErrorCode.INVALID_SIGNATURE, 'Webhook signature verification failed');
}
