import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AutoTopUpAttempt } from '../api/queries.js';
import { AttemptsTable } from './AttemptsList.js';
import { attemptStatusText, cardText, RULE_STATUS_TEXT } from './status-text.js';

const ORDER = '1e29958d-aca3-4f79-b5ef-16a2c51ae15b';

function attempt(overrides: Partial<AutoTopUpAttempt>): AutoTopUpAttempt {
  return {
    id: crypto.randomUUID(),
    status: 'SUCCEEDED',
    credits: 100,
    amount: 1800,
    orderId: ORDER,
    failureCode: null,
    createdAt: '2026-12-01T12:00:00.000Z',
    ...overrides,
  };
}

function rows(html: string): string[] {
  return [...html.matchAll(/<tr data-status="(\w+)">(.*?)<\/tr>/g)].map((match) =>
    match[2].replaceAll(/<[^>]+>/g, '|').replaceAll(/\|+/g, '|'),
  );
}

describe('AttemptsTable', () => {
  it('keeps the API’s order (newest first), prices from the attempt, a link to its order when it has one', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <AttemptsTable
          currency="usd"
          items={[
            attempt({ status: 'CHARGING', orderId: null, createdAt: '2026-12-01T13:00:00.000Z' }),
            attempt({ credits: 250, amount: 4000 }),
            attempt({ status: 'FAILED', failureCode: 'card_declined', orderId: null }),
          ]}
        />
      </MemoryRouter>,
    );
    expect(rows(html)).toEqual([
      expect.stringMatching(/\|100\|\$18\|Charging the card…\|—\|$/),
      expect.stringMatching(/\|250\|\$40\|Paid: credits added\|Order …1ae15b\|$/),
      expect.stringMatching(/\|100\|\$18\|Declined \(card_declined\)\|—\|$/),
    ]);
    expect(html).toContain(`href="/orders/${ORDER}"`);
  });

  it('says so when there is none', () => {
    expect(renderToStaticMarkup(<AttemptsTable currency="usd" items={[]} />)).toBe(
      '<p class="muted">No top-ups yet.</p>',
    );
  });
});

describe('the plain words', () => {
  it('explain every rule status, and how to get out of the two that stop top-ups', () => {
    expect(RULE_STATUS_TEXT.REQUIRES_ACTION.meaning).toMatch(/Buy credits once with .*Save this card/);
    expect(RULE_STATUS_TEXT.DISABLED_AFTER_FAILURES.meaning).toMatch(/declined three times in a row/);
    expect(RULE_STATUS_TEXT.DISABLED_AFTER_FAILURES.meaning).toMatch(/turn auto top-up on again/);
  });

  it('name a decline’s code only for a decline', () => {
    expect(attemptStatusText({ status: 'FAILED', failureCode: 'insufficient_funds' })).toBe(
      'Declined (insufficient_funds)',
    );
    expect(attemptStatusText({ status: 'REQUIRES_ACTION', failureCode: 'authentication_required' })).toBe(
      'Not charged: the bank wants you to confirm',
    );
  });

  it('show a card as its brand and last four digits, or its provider when it gave neither', () => {
    expect(cardText({ provider: 'stripe', brand: 'visa', last4: '4242' })).toBe('Visa •••• 4242');
    expect(cardText({ provider: 'dodo', brand: null, last4: null })).toBe('Card saved with dodo');
  });
});
