import type { Request, Response } from 'express';
import type { StoredHeaders } from './idempotency.repository.js';

/**
 * The Idempotency-Key claim of a request in flight, shared with the interceptor that charges it: the
 * credit settle stores the response in its own statement (charge and stored response commit together),
 * and then the idempotency interceptor has nothing left to store.
 */
export interface IdempotentClaim {
  recordId: string;
  userId: string;
  /** Set by whoever stored the response together with the charge. */
  storedWithCharge: boolean;
}

const claims = new WeakMap<Request, IdempotentClaim>();

export function attachIdempotentClaim(request: Request, claim: IdempotentClaim): void {
  claims.set(request, claim);
}

export function idempotentClaimOf(request: Request): IdempotentClaim | undefined {
  return claims.get(request);
}

/** Headers that are part of "the same response" for a replay. */
const REPLAYED_HEADERS = ['x-credits-cost', 'x-credits-remaining', 'location'];

export function replayedHeaders(
  response: Response,
  names: readonly string[] = REPLAYED_HEADERS,
): StoredHeaders {
  const headers: StoredHeaders = {};
  for (const name of names) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
