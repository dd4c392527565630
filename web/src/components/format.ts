/**
 * Formatting only: every amount shown comes from the API in minor units; nothing here prices anything.
 * Whole amounts drop the cents, as the seed's cards do ($10, $18, $40).
 */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: amount % 100 === 0 ? 0 : 2,
  }).format(amount / 100);
}

export function formatCredits(credits: number): string {
  return new Intl.NumberFormat('en-US').format(credits);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
