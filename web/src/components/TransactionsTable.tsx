import type { Transaction } from '../api/queries.js';
import { formatCredits, formatDateTime } from './format.js';

const TYPE_LABELS: Record<string, string> = {
  PURCHASE: 'Purchase',
  USAGE: 'Usage',
  GRANT: 'Grant',
  ADJUSTMENT: 'Adjustment',
  REFUND_CLAWBACK: 'Refund',
  DISPUTE_CLAWBACK: 'Dispute',
  DISPUTE_RESTORE: 'Dispute won',
};

/** Ledger rows, newest first. When the API adds the grants a row touched, a column slots in here. */
export function TransactionsTable({ items, caption }: { items: Transaction[]; caption: string }) {
  if (items.length === 0) return <p className="muted">No transactions yet.</p>;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col" className="numeric">
              Credits
            </th>
            <th scope="col" className="numeric">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{formatDateTime(item.createdAt)}</td>
              <td>{TYPE_LABELS[item.type] ?? item.type}</td>
              <td>{item.description}</td>
              <td className={`numeric ${item.amount < 0 ? 'negative' : 'positive'}`}>
                {item.amount > 0 ? '+' : ''}
                {formatCredits(item.amount)}
              </td>
              <td className="numeric">{formatCredits(item.balanceAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
