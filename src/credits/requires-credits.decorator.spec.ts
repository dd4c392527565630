import { Controller, Module, Post } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { NestFactory, Reflector } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { AuthenticationGuard } from '../auth/guards/authentication.guard.js';
import { IdempotencyInterceptor } from '../common/idempotency/idempotency.interceptor.js';
import { IdempotencyRepository } from '../common/idempotency/idempotency.repository.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { CreditPolicyMetadata, DEFAULT_HOLD_TTL_SECONDS } from './credit-policy.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import { CreditsRepository } from './credits.repository.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { WalletContextGuard } from '../organizations/wallet-context.guard.js';
import { RequiresCredits } from './requires-credits.decorator.js';

const settleByLength = (result: { text: string }) => result.text.length;

@Controller('priced')
class PricedController {
  @Post('fixed')
  @RequiresCredits(10)
  fixed() {}

  @Post('variable')
  @RequiresCredits<{ text: string }>({ reserve: 20, settle: settleByLength, holdTtlSeconds: 30 })
  variable() {}

  @Post('free')
  free() {}
}

/** Only the OpenAPI document is built here; no request reaches the interceptors' repositories. */
@Module({
  controllers: [PricedController],
  providers: [
    { provide: CreditsRepository, useValue: {} },
    { provide: IdempotencyRepository, useValue: {} },
    { provide: MetricsService, useValue: {} },
    { provide: OrganizationsRepository, useValue: {} },
  ],
})
class PricedModule {}

describe('@RequiresCredits', () => {
  const reflector = new Reflector();

  it('writes typed metadata: a fixed cost, or a hold with its settle function and expiry', () => {
    expect(reflector.get(CreditPolicyMetadata, PricedController.prototype.fixed)).toEqual({
      reserve: 10,
      settle: undefined,
      holdTtlSeconds: DEFAULT_HOLD_TTL_SECONDS,
    });
    expect(reflector.get(CreditPolicyMetadata, PricedController.prototype.variable)).toEqual({
      reserve: 20,
      settle: settleByLength,
      holdTtlSeconds: 30,
    });
    expect(reflector.get(CreditPolicyMetadata, PricedController.prototype.free)).toBeUndefined();
  });

  it('authenticates first (a guard), then idempotency, then the credit hold (interceptors, outermost first)', () => {
    // Then the wallet: X-Organization-Id is parsed by WalletContextGuard (the hold checks membership).
    expect(Reflect.getMetadata(GUARDS_METADATA, PricedController.prototype.fixed)).toEqual([
      AuthenticationGuard,
      WalletContextGuard,
    ]);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, PricedController.prototype.fixed)).toEqual([
      IdempotencyInterceptor,
      CreditsInterceptor,
    ]);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, PricedController.prototype.free)).toBeUndefined();
  });

  it.each([0, -5, 1.5, Number.NaN])('refuses a reserve of %s when the route is declared', (reserve) => {
    expect(() => RequiresCredits(reserve)).toThrow(/reserve must be a positive integer/);
  });

  it('documents the 402 response, the x-credits-cost extension, the headers and Idempotency-Key', async () => {
    const app = await NestFactory.create(PricedModule, { logger: false, abortOnError: false });
    try {
      const document = SwaggerModule.createDocument(app, {
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
      });
      const fixed = document.paths['/priced/fixed'].post!;
      expect(fixed['x-credits-cost' as keyof typeof fixed]).toEqual({
        reserve: 10,
        settle: 'fixed',
        holdTtlSeconds: 300,
      });
      expect(fixed.responses['402']).toMatchObject({
        description: expect.stringContaining('INSUFFICIENT_CREDITS'),
        headers: { 'X-Credits-Cost': expect.any(Object), 'X-Credits-Remaining': expect.any(Object) },
      });
      expect(fixed.responses['401']).toBeDefined();
      expect(fixed.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
      );
      const variable = document.paths['/priced/variable'].post!;
      expect(variable['x-credits-cost' as keyof typeof variable]).toEqual({
        reserve: 20,
        settle: 'variable',
        holdTtlSeconds: 30,
      });
      const free = document.paths['/priced/free'].post!;
      expect(free.responses['402']).toBeUndefined();
      expect(free['x-credits-cost' as keyof typeof free]).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('@Idempotent() together with @RequiresCredits()', () => {
  it('is refused when the class is defined (at startup), in either order', () => {
    expect(() => {
      class Twice {
        @RequiresCredits(1)
        @Idempotent()
        route() {}
      }
      return Twice;
    }).toThrow(/@RequiresCredits\(\) and @Idempotent\(\) both handle Idempotency-Key/);
    expect(() => {
      class Twice {
        @Idempotent()
        @RequiresCredits(1)
        route() {}
      }
      return Twice;
    }).toThrow(/@Idempotent\(\) and @RequiresCredits\(\) both handle Idempotency-Key/);
  });

  it('each alone is fine', () => {
    class Alone {
      @Idempotent()
      keyed() {}

      @RequiresCredits(1)
      priced() {}
    }
    expect(Alone).toBeDefined();
  });
});
