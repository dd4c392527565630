import type { Transaction } from '../api/queries.js';
import { type Column, DataTable } from './DataTable.js';
import { formatCredits, formatDateTime } from './format.js';

const TYPE_LABELS: Record<Transaction['type'], string> = {
  PURCHASE: 'Purchase',
  USAGE: 'Usage',
  GRANT: 'Grant',
  ADJUSTMENT: 'Adjustment',
  REFUND_CLAWBACK: 'Refund',
  DISPUTE_CLAWBACK: 'Dispute',
  DISPUTE_RESTORE: 'Dispute won',
  EXPIRATION: 'Expired',
  TRANSFER_IN: 'Transfer in',
  TRANSFER_OUT: 'Transfer out',
  USAGE_REVERSAL: 'Usage reversed',
  DEBT_PAYMENT: 'Debt paid',
};

const CATEGORY_LABELS = { PAID: 'paid', PROMOTIONAL: 'promotional' } as const;

function signed(credits: number): string {
  return `${credits > 0 ? '+' : ''}${formatCredits(credits)}`;
}

/**
 * Where a row's credits came from or went: one line per grant it touched (signed, as the API gives
 * them), then what paid or added debt. These add up to the row's amount; nothing is summed here.
 */
export function MovementGrants({ item }: { item: Transaction }) {
  const lines = [
    ...item.grants.map(
      (grant) =>
        `${signed(grant.amount)} ${CATEGORY_LABELS[grant.category]} grant …${grant.grantId.slice(-4)}`,
    ),
    ...(item.debtPaid > 0 ? [`${formatCredits(item.debtPaid)} paid debt`] : []),
    ...(item.debtAdded > 0 ? [`${formatCredits(item.debtAdded)} added to debt`] : []),
  ];
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list plain-list--compact">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

const COLUMNS: Column<Transaction>[] = [
  { header: 'When', cell: (item) => formatDateTime(item.createdAt) },
  { header: 'Type', cell: (item) => TYPE_LABELS[item.type] },
  { header: 'Description', cell: (item) => item.description },
  {
    header: 'Credits',
    numeric: true,
    cell: (item) => signed(item.amount),
    cellClass: (item) => (item.amount < 0 ? 'negative' : 'positive'),
  },
  { header: 'Balance', numeric: true, cell: (item) => formatCredits(item.balanceAfter) },
  { header: 'Grants', cell: (item) => <MovementGrants item={item} /> },
];

/** Ledger rows, newest first, with the grants each one touched. */
export function TransactionsTable({ items, caption }: { items: Transaction[]; caption: string }) {
  return (
    <DataTable
      label={caption}
      caption={caption}
      columns={COLUMNS}
      rows={items}
      empty="No transactions yet."
    />
  );
}
