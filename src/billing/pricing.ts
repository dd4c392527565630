import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';

/**
 * The one place that turns credits into a price (docs/api.md, "Buying credits"). Everything is in integer cents, so
 * no float ever touches money; the client never sends a price, only a number of credits.
 */

/** ISO 4217, lower-case, as Stripe and the Order table store it. */
export const CURRENCY = 'usd';

/** The largest purchase in one checkout. */
export const MAX_CREDITS_PER_ORDER = 50_000;

/** The seed's three cards, in units (1 unit = CREDITS_PER_UNIT credits): 50, 100 and 250 credits by default. */
const PACK_UNITS: readonly number[] = [1, 2, 5];

/**
 * Per-unit price by volume, highest threshold first: 5+ units $8.00, 2–4 units $9.00, 1 unit $10.00.
 * The whole order gets the tier's unit price (no mixing of tiers inside one order).
 */
export interface PriceTier {
  minUnits: number;
  /** Cents per unit for an order of at least `minUnits` units. */
  unitAmount: number;
}

const UNIT_PRICE_TIERS: readonly PriceTier[] = [
  { minUnits: 5, unitAmount: 800 },
  { minUnits: 2, unitAmount: 900 },
  { minUnits: 1, unitAmount: 1000 },
];

export interface Price {
  credits: number;
  units: number;
  /** Cents per unit at this volume. */
  unitAmount: number;
  /** Cents for the whole order. */
  amount: number;
  currency: typeof CURRENCY;
}

/** Prices a number of credits that `validateCredits` accepted. */
export function priceCredits(credits: number, creditsPerUnit: number): Price {
  const units = credits / creditsPerUnit;
  if (!Number.isSafeInteger(units) || units < 1) {
    // A programming error, not a client one: callers validate first.
    throw new RangeError(`${credits} credits is not a positive multiple of ${creditsPerUnit}`);
  }
  const tier = UNIT_PRICE_TIERS.find((candidate) => units >= candidate.minUnits)!;
  return { credits, units, unitAmount: tier.unitAmount, amount: units * tier.unitAmount, currency: CURRENCY };
}

/**
 * Accepts only a JSON number that is a positive integer multiple of the unit, at most 50,000.
 * It takes `unknown` on purpose: strings (`"50"`), `null`, arrays and a missing field are refused
 * here too, with the same INVALID_CREDITS code, instead of being coerced by a transformer first.
 */
export function validateCredits(raw: unknown, creditsPerUnit: number): number {
  if (
    typeof raw !== 'number' ||
    !Number.isSafeInteger(raw) ||
    raw <= 0 ||
    raw > MAX_CREDITS_PER_ORDER ||
    raw % creditsPerUnit !== 0
  ) {
    throw new AppException(
      ErrorCode.INVALID_CREDITS,
      `credits must be a positive integer multiple of ${creditsPerUnit}, at most ${MAX_CREDITS_PER_ORDER}`,
    );
  }
  return raw;
}

/** The volume tiers, smallest order first, as the pricing page shows them. */
export function listTiers(): PriceTier[] {
  return UNIT_PRICE_TIERS.map((tier) => ({ ...tier })).toReversed();
}

/**
 * `?credits=` arrives as a string: only plain decimal digits become a number (Number() would also take
 * '0x64', '1e2' or ' 100 '); anything else is handed on as it is, for `validateCredits` to refuse with
 * the same INVALID_CREDITS as a checkout.
 */
export function parseCreditsQuery(raw: unknown): unknown {
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

/** The packs offered on the pricing page; a pack above the per-order maximum (huge units) is left out. */
export function listPacks(creditsPerUnit: number): Price[] {
  return PACK_UNITS.map((units) => units * creditsPerUnit)
    .filter((credits) => credits <= MAX_CREDITS_PER_ORDER)
    .map((credits) => priceCredits(credits, creditsPerUnit));
}
