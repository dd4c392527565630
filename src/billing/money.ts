/**
 * Money for people to read (ledger descriptions, the sandbox page): `18.00 USD`. Amounts are integer minor
 * units everywhere else; every currency the service sells in has two decimals.
 */
export function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
}
