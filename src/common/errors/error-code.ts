import { HttpStatus } from '@nestjs/common';

/**
 * Every error code the API can answer with, and its HTTP status: the one place to look up what a
 * client may see. The body is always `{statusCode, code, message, ...extra}` (docs/api.md, "Error codes").
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED = 'UNAUTHORIZED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  FORBIDDEN = 'FORBIDDEN',
  /** Enabling auto top-up without a saved payment method. */
  NO_SAVED_PAYMENT_METHOD = 'NO_SAVED_PAYMENT_METHOD',
  /** The provider is not set up to charge a saved method off-session. */
  AUTO_TOP_UP_UNSUPPORTED = 'AUTO_TOP_UP_UNSUPPORTED',
  NOT_FOUND = 'NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  INSUFFICIENT_CREDITS = 'INSUFFICIENT_CREDITS',
  /** A grant that would take a wallet's creditsTotal past the largest integer the counters hold. */
  BALANCE_LIMIT_EXCEEDED = 'BALANCE_LIMIT_EXCEEDED',
  /** An organization member's spend limit for the period is used up (the body adds limit, used, period, resetsAt). */
  SPEND_LIMIT_REACHED = 'SPEND_LIMIT_REACHED',
  /** Deleting an organization whose wallet still has credits (or debt). */
  WALLET_NOT_EMPTY = 'WALLET_NOT_EMPTY',
  /** Deleting an organization while requests hold its credits. */
  HOLDS_PENDING = 'HOLDS_PENDING',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  /** The change would leave an organization without an OWNER. */
  LAST_OWNER = 'LAST_OWNER',
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A request's charge that support already put back (once per reservation). */
  ALREADY_REVERSED = 'ALREADY_REVERSED',
  INVALID_IDEMPOTENCY_KEY = 'INVALID_IDEMPOTENCY_KEY',
  IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY_IN_PROGRESS',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  INVALID_CREDITS = 'INVALID_CREDITS',
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  PAYMENT_PROVIDER_ERROR = 'PAYMENT_PROVIDER_ERROR',
  INVALID_SIGNATURE = 'INVALID_SIGNATURE',
  WEBHOOK_PROCESSING_FAILED = 'WEBHOOK_PROCESSING_FAILED',
  INVALID_ENDPOINT_URL = 'INVALID_ENDPOINT_URL',
  ALREADY_DELIVERED = 'ALREADY_DELIVERED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_JSON]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNAUTHORIZED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NO_SAVED_PAYMENT_METHOD]: HttpStatus.CONFLICT,
  [ErrorCode.AUTO_TOP_UP_UNSUPPORTED]: HttpStatus.CONFLICT,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.INSUFFICIENT_CREDITS]: HttpStatus.PAYMENT_REQUIRED,
  [ErrorCode.BALANCE_LIMIT_EXCEEDED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SPEND_LIMIT_REACHED]: HttpStatus.FORBIDDEN,
  [ErrorCode.WALLET_NOT_EMPTY]: HttpStatus.CONFLICT,
  [ErrorCode.HOLDS_PENDING]: HttpStatus.CONFLICT,
  [ErrorCode.ALREADY_MEMBER]: HttpStatus.CONFLICT,
  [ErrorCode.LAST_OWNER]: HttpStatus.CONFLICT,
  [ErrorCode.INVALID_CURSOR]: HttpStatus.BAD_REQUEST,
  [ErrorCode.ALREADY_REVERSED]: HttpStatus.CONFLICT,
  [ErrorCode.INVALID_IDEMPOTENCY_KEY]: HttpStatus.BAD_REQUEST,
  [ErrorCode.IDEMPOTENCY_IN_PROGRESS]: HttpStatus.CONFLICT,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.INVALID_CREDITS]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PROVIDER_UNAVAILABLE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYMENT_PROVIDER_ERROR]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.INVALID_SIGNATURE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.WEBHOOK_PROCESSING_FAILED]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.INVALID_ENDPOINT_URL]: HttpStatus.BAD_REQUEST,
  [ErrorCode.ALREADY_DELIVERED]: HttpStatus.CONFLICT,
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * Where the contract answers one code with another status, by the kind of operation: INSUFFICIENT_CREDITS
 * is 402 on a priced route (payment would fix it) but 422 on a movement between wallets or an admin
 * adjustment (the request itself cannot be carried out). Every other code has exactly one status.
 */
export type ErrorContext = 'credit-movement';

export const CONTEXT_STATUS: Partial<Record<ErrorCode, Record<ErrorContext, HttpStatus>>> = {
  [ErrorCode.INSUFFICIENT_CREDITS]: { 'credit-movement': HttpStatus.UNPROCESSABLE_ENTITY },
};
