import { describe, expect, it } from 'vitest';
import { formatMoney } from './format.js';

describe('formatMoney', () => {
  it('shows whole amounts as the seed’s cards do, and cents otherwise', () => {
    expect(formatMoney(1000, 'usd')).toBe('$10');
    expect(formatMoney(1800, 'usd')).toBe('$18');
    expect(formatMoney(4000, 'usd')).toBe('$40');
    expect(formatMoney(850, 'usd')).toBe('$8.50');
    expect(formatMoney(800_000, 'usd')).toBe('$8,000');
  });
});
