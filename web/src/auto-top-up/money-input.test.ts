import { describe, expect, it } from 'vitest';
import { majorUnitsText, minorUnitsOf } from './money-input.js';

describe('a monthly limit typed in dollars', () => {
  it.each([
    ['50', 5000],
    ['49.99', 4999],
    ['49.9', 4990],
    ['0.07', 7],
    [' 100 ', 10_000],
    ['19,50', 1950],
    // 0.29 * 100 is 28.999999999999996 in floating point: read from the digits, it stays 29 cents.
    ['0.29', 29],
    ['1.13', 113],
  ])('reads %j as %i cents', (text, cents) => {
    expect(minorUnitsOf(text)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '1.234', '1e3', '.5', '5.', '$5'])('refuses %j', (text) => {
    expect(minorUnitsOf(text)).toBeNull();
  });

  it.each([
    [5000, '50'],
    [4999, '49.99'],
    [4990, '49.90'],
    [7, '0.07'],
  ])('writes %i cents back as %j, which reads as the same cents', (cents, text) => {
    expect(majorUnitsText(cents)).toBe(text);
    expect(minorUnitsOf(majorUnitsText(cents))).toBe(cents);
  });
});
