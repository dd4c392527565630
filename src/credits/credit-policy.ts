import { Reflector } from '@nestjs/core';

/**
 * What a route costs. A fixed cost holds and charges `reserve`; a variable one holds `reserve` and
 * charges `settle(result)` — clamped to [0, reserve] — once the handler has produced its result.
 */
export interface CreditPolicy<TResult = unknown> {
  reserve: number;
  settle?: (result: TResult) => number;
  /** How long the hold lives if the request dies mid-way; the sweeper voids it after that. */
  holdTtlSeconds: number;
}

export const DEFAULT_HOLD_TTL_SECONDS = 5 * 60;

/** Typed route metadata written by @RequiresCredits and read by CreditsInterceptor. */
export const CreditPolicyMetadata = Reflector.createDecorator<CreditPolicy>();

export const CREDITS_COST_HEADER = 'X-Credits-Cost';
export const CREDITS_REMAINING_HEADER = 'X-Credits-Remaining';
