/**
 * Money in a verified event is trusted only as a non-negative integer of minor units. A signed event can
 * still carry nonsense (a refund of −2000 would make a later real refund claw nothing back; `tax: -100`
 * would credit an order that was underpaid), so every amount a mapper reads goes through here, and any
 * bad one makes the whole event FAILED (`PaymentEvent.problem`) instead of being dropped or trusted.
 */
export class EventAmounts {
  private readonly bad: string[] = [];

  /** The amount, or undefined when absent (null or missing); a present one that is not a count of minor units is noted. */
  read(field: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    this.bad.push(`${field} ${typeof value === 'number' ? value : JSON.stringify(value)}`);
    return undefined;
  }

  /** The reason for `PaymentEvent.problem`, when any amount was bad. */
  get problem(): string | undefined {
    return this.bad.length > 0
      ? `Negative or non-integer amount in the event: ${this.bad.join(', ')}`
      : undefined;
  }
}
