import { Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHandler, FakeResponse, fakeRequest, httpContext } from '../../test/support/fake-http.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { DEFAULT_HOLD_TTL_SECONDS } from './credit-policy.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import {
  type CreditActor,
  CreditsRepository,
  type HoldResult,
  type SettleResult,
} from './credits.repository.js';
import { RequiresCredits } from './requires-credits.decorator.js';

/**
 * One user's balance in memory, with the repository's contract: a hold takes credits out of `remaining`
 * only when enough are there; settle charges up to the hold and gives back the rest; void gives it all back.
 */
class FakeCreditsRepository {
  readonly log: string[];
  /** The sweeper's effect: the hold expired before the handler finished. */
  holdsExpireBeforeSettle = false;
  private readonly pending = new Map<string, number>();
  private nextId = 1;

  constructor(
    public remaining: number,
    log: string[],
  ) {
    this.log = log;
  }

  async hold(_actor: CreditActor, amount: number, route: string, ttlSeconds: number): Promise<HoldResult> {
    this.log.push(`hold ${amount} on ${route} for ${ttlSeconds}s`);
    if (this.remaining < amount) return { held: false, remaining: this.remaining };
    const reservationId = `hold-${this.nextId++}`;
    this.pending.set(reservationId, amount);
    this.remaining -= amount;
    return {
      held: true,
      reservationId,
      walletId: 'wallet-1',
      remaining: this.remaining,
      scope: { organizationWallet: false, grantMayExpireDuringHold: false },
    };
  }

  async settle(
    _actor: CreditActor,
    reservationId: string,
    charge: number,
  ): Promise<SettleResult | undefined> {
    this.log.push(`settle ${reservationId} charging ${charge}`);
    const held = this.pending.get(reservationId);
    if (held === undefined || this.holdsExpireBeforeSettle) return undefined;
    this.pending.delete(reservationId);
    this.remaining += held - charge;
    return { charged: charge, remaining: this.remaining };
  }

  async void(_walletId: string, reservationId: string): Promise<boolean> {
    this.log.push(`void ${reservationId}`);
    const held = this.pending.get(reservationId);
    if (held === undefined) return false;
    this.pending.delete(reservationId);
    this.remaining += held;
    return true;
  }
}

class PricedController {
  @RequiresCredits(10)
  fixed(): void {}

  @RequiresCredits({ reserve: 20, settle: (result: { chars: number }) => result.chars, holdTtlSeconds: 30 })
  variable(): void {}

  free(): void {}
}

type Route = (...args: never[]) => unknown;

describe('CreditsInterceptor', () => {
  let log: string[];
  let credits: FakeCreditsRepository;
  let interceptor: CreditsInterceptor;

  beforeEach(() => {
    log = [];
    credits = new FakeCreditsRepository(100, log);
    interceptor = new CreditsInterceptor(
      new Reflector(),
      credits as unknown as CreditsRepository,
      new MetricsService(),
    );
  });

  async function send(
    route: Route,
    handler: FakeHandler,
  ): Promise<{ body: unknown; response: FakeResponse }> {
    const response = new FakeResponse().status(201);
    const request = fakeRequest({ path: '/api/ai/generate', route: { path: '/api/ai/generate' } });
    const context = httpContext(request, response, PricedController, route);
    const body = await lastValueFrom(interceptor.intercept(context, handler), { defaultValue: undefined });
    return { body, response };
  }

  const handlerAnswering = (result: unknown) => new FakeHandler({ result }, () => log.push('handler'));
  const handlerFailing = (error: unknown) => new FakeHandler({ error }, () => log.push('handler'));

  it('is built by Nest from its constructor parameter types (decorator metadata is emitted)', () => {
    expect(Reflect.getMetadata('design:paramtypes', CreditsInterceptor)).toEqual([
      Reflector,
      CreditsRepository,
      MetricsService,
    ]);
  });

  it('holds the cost before the handler runs, charges it once on success and sends the credit headers', async () => {
    const { body, response } = await send(
      PricedController.prototype.fixed,
      handlerAnswering({ output: 'ok' }),
    );
    expect(body).toEqual({ output: 'ok' });
    expect(log).toEqual([
      `hold 10 on POST /api/ai/generate for ${DEFAULT_HOLD_TTL_SECONDS}s`,
      'handler',
      'settle hold-1 charging 10',
    ]);
    expect(credits.remaining).toBe(90);
    expect(response.getHeader('X-Credits-Cost')).toBe('10');
    expect(response.getHeader('X-Credits-Remaining')).toBe('90');
  });

  it('answers 402 INSUFFICIENT_CREDITS with required and remaining when the balance is short; the handler does not run', async () => {
    credits.remaining = 9;
    const handler = handlerAnswering('never');
    const error = await send(PricedController.prototype.fixed, handler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({ code: ErrorCode.INSUFFICIENT_CREDITS, status: 402 });
    expect((error as AppException).getResponse()).toMatchObject({ required: 10, remaining: 9 });
    expect(handler.calls).toBe(0);
    expect(log).toEqual([`hold 10 on POST /api/ai/generate for ${DEFAULT_HOLD_TTL_SECONDS}s`]);
    expect(credits.remaining).toBe(9);
  });

  it('voids the hold when the handler fails: nothing is charged and the error goes on unchanged', async () => {
    const failure = new Error('the feature broke');
    await expect(send(PricedController.prototype.fixed, handlerFailing(failure))).rejects.toBe(failure);
    expect(log).toEqual([
      `hold 10 on POST /api/ai/generate for ${DEFAULT_HOLD_TTL_SECONDS}s`,
      'handler',
      'void hold-1',
    ]);
    expect(credits.remaining).toBe(100);
  });

  it('holds the reserve of a variable cost and charges what settle() says of the result, releasing the rest', async () => {
    const { response } = await send(PricedController.prototype.variable, handlerAnswering({ chars: 7 }));
    expect(log).toEqual(['hold 20 on POST /api/ai/generate for 30s', 'handler', 'settle hold-1 charging 7']);
    expect(credits.remaining).toBe(93);
    expect(response.getHeader('X-Credits-Cost')).toBe('7');
    expect(response.getHeader('X-Credits-Remaining')).toBe('93');
  });

  it.each([
    ['above the reserve', 50, 20],
    ['negative', -3, 0],
    ['fractional (rounded up)', 2.1, 3],
    ['not a number', Number.NaN, 20],
  ])(
    'never charges outside [0, reserve]: a settle() result %s charges %s → %s',
    async (_, chars, charged) => {
      await send(PricedController.prototype.variable, handlerAnswering({ chars }));
      expect(log.at(-1)).toBe(`settle hold-1 charging ${charged}`);
    },
  );

  it('voids the hold when settle() itself throws', async () => {
    const route = PricedController.prototype.variable;
    await expect(send(route, handlerAnswering(null))).rejects.toBeInstanceOf(TypeError);
    expect(log.at(-1)).toBe('void hold-1');
    expect(credits.remaining).toBe(100);
  });

  it('answers the finished work uncharged when the hold expired before settle', async () => {
    credits.holdsExpireBeforeSettle = true;
    const warned = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { body, response } = await send(PricedController.prototype.fixed, handlerAnswering('late'));
    expect(body).toBe('late');
    expect(response.getHeader('X-Credits-Cost')).toBe('0');
    expect(warned).toHaveBeenCalledOnce();
    warned.mockRestore();
  });

  it('leaves a route without @RequiresCredits alone', async () => {
    const { body } = await send(PricedController.prototype.free, handlerAnswering('free'));
    expect(body).toBe('free');
    expect(log).toEqual(['handler']);
  });
});
