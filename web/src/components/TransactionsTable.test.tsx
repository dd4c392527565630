import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../api/queries.js';
import { MovementGrants } from './TransactionsTable.js';

function row(overrides: Partial<Transaction>): Transaction {
  return {
    id: 'b3f1c1de-0000-4000-8000-000000000001',
    type: 'USAGE',
    amount: -10,
    balanceAfter: 0,
    description: 'Usage: POST /api/ai/generate',
    orderId: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    grants: [],
    debtPaid: 0,
    debtAdded: 0,
    actorUserId: null,
    apiKeyId: null,
    ...overrides,
  };
}

describe('MovementGrants', () => {
  it('lists each grant a row touched, signed as the API gives it, with its kind', () => {
    const html = renderToStaticMarkup(
      <MovementGrants
        item={row({
          grants: [
            { grantId: 'aaaaaaaa-0000-4000-8000-00000000abcd', category: 'PROMOTIONAL', amount: -4 },
            { grantId: 'aaaaaaaa-0000-4000-8000-00000000ef01', category: 'PAID', amount: -6 },
          ],
        })}
      />,
    );
    expect(html).toBe(
      '<ul class="plain-list plain-list--compact"><li>-4 promotional grant …abcd</li><li>-6 paid grant …ef01</li></ul>',
    );
  });

  it('says what paid debt and what a clawback added to it', () => {
    const purchase = renderToStaticMarkup(
      <MovementGrants
        item={row({
          type: 'PURCHASE',
          amount: 100,
          grants: [{ grantId: 'aaaaaaaa-0000-4000-8000-000000001234', category: 'PAID', amount: 70 }],
          debtPaid: 30,
        })}
      />,
    );
    expect(purchase).toContain('<li>+70 paid grant …1234</li><li>30 paid debt</li>');
    const clawback = renderToStaticMarkup(
      <MovementGrants item={row({ type: 'REFUND_CLAWBACK', amount: -50, debtAdded: 50 })} />,
    );
    expect(clawback).toContain('<li>50 added to debt</li>');
  });

  it('shows a dash for a row that touched no grant', () => {
    expect(renderToStaticMarkup(<MovementGrants item={row({ amount: 0 })} />)).toContain('—');
  });
});
