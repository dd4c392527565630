/**
 * A limit the customer types in the currency's main unit ("50", "49.99") as the API's minor units,
 * read from the digits so no float rounding can move a cent; null for anything else. This is the
 * customer's own number, not a price: prices come from the API.
 */
export function minorUnitsOf(text: string): number | null {
  const match = /^(\d{1,8})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The other way, for the field's starting value: 5000 → "50", 4999 → "49.99". */
export function majorUnitsText(minor: number): string {
  const cents = minor % 100;
  return cents === 0 ? String(minor / 100) : `${Math.floor(minor / 100)}.${String(cents).padStart(2, '0')}`;
}
