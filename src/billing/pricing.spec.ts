import { describe, expect, it } from 'vitest';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { listPacks, priceCredits, validateCredits } from './pricing.js';

describe('priceCredits', () => {
  it.each([
    [50, 1, 1000],
    [100, 2, 1800],
    [150, 3, 2700],
    [200, 4, 3600],
    [250, 5, 4000],
    [500, 10, 8000],
    [50_000, 1000, 800_000],
  ])('%i credits = %i units = %i cents', (credits, units, amount) => {
    expect(priceCredits(credits, 50)).toMatchObject({ credits, units, amount, currency: 'usd' });
  });

  it('applies the tier of the whole order to every unit', () => {
    expect(priceCredits(200, 50).unitAmount).toBe(900);
    expect(priceCredits(250, 50).unitAmount).toBe(800);
  });

  it('follows CREDITS_PER_UNIT', () => {
    expect(priceCredits(100, 100)).toMatchObject({ units: 1, amount: 1000 });
    expect(priceCredits(500, 100)).toMatchObject({ units: 5, amount: 4000 });
  });

  it('refuses credits that were not validated', () => {
    expect(() => priceCredits(75, 50)).toThrow(RangeError);
    expect(() => priceCredits(0, 50)).toThrow(RangeError);
  });
});

describe('validateCredits', () => {
  it.each([50, 100, 150, 50_000])('accepts %j', (value) => {
    expect(validateCredits(value, 50)).toBe(value);
  });

  it.each([
    75,
    0,
    -50,
    50.5,
    '50',
    1e21,
    null,
    [],
    undefined,
    {},
    true,
    Number.NaN,
    50_050,
    Number.POSITIVE_INFINITY,
  ])('refuses %j with INVALID_CREDITS', (value) => {
    let thrown: unknown;
    try {
      validateCredits(value, 50);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppException);
    expect((thrown as AppException).code).toBe(ErrorCode.INVALID_CREDITS);
    expect((thrown as AppException).getStatus()).toBe(400);
  });

  it('caps at the largest multiple of the unit up to 50,000', () => {
    expect(validateCredits(49_800, 300)).toBe(49_800);
    expect(() => validateCredits(50_100, 300)).toThrow(AppException);
  });
});

describe('listPacks', () => {
  it('lists the seed cards: 50, 100 and 250 credits', () => {
    expect(listPacks(50).map(({ credits, units, amount }) => ({ credits, units, amount }))).toEqual([
      { credits: 50, units: 1, amount: 1000 },
      { credits: 100, units: 2, amount: 1800 },
      { credits: 250, units: 5, amount: 4000 },
    ]);
  });

  it('leaves out a pack above the per-order maximum', () => {
    expect(listPacks(20_000).map((pack) => pack.credits)).toEqual([20_000, 40_000]);
  });
});
