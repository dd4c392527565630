import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { type Grant, type GrantStatusFilter, useGrants } from '../api/queries.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime } from '../components/format.js';
import { Pager } from '../components/Pager.js';
import { Screen } from '../components/Screen.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';

const PAGE_SIZE = 20;

const FILTERS: { value: GrantStatusFilter; label: string }[] = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'EXPIRED', label: 'Expired' },
  { value: 'DEPLETED', label: 'Used up' },
  { value: 'VOIDED', label: 'Voided' },
  { value: 'ALL', label: 'All' },
];

const SOURCE_LABELS: Record<string, string> = {
  PURCHASE: 'Purchase',
  AUTO_TOP_UP: 'Auto top-up',
  ADMIN_GRANT: 'Granted',
  SIGNUP_BONUS: 'Signup bonus',
  TRANSFER: 'Transfer',
  DISPUTE_RESTORE: 'Dispute won',
  MIGRATION: 'Earlier balance',
};

const COLUMNS: Column<Grant>[] = [
  { header: 'Received', cell: (grant) => formatDateTime(grant.createdAt) },
  { header: 'Source', cell: (grant) => SOURCE_LABELS[grant.source] ?? grant.source },
  { header: 'Kind', cell: (grant) => (grant.category === 'PAID' ? 'Paid' : 'Promotional') },
  { header: 'Amount', numeric: true, cell: (grant) => formatCredits(grant.amount) },
  { header: 'Left', numeric: true, cell: (grant) => formatCredits(grant.remaining) },
  { header: 'Held', numeric: true, cell: (grant) => formatCredits(grant.held) },
  { header: 'Expires', cell: (grant) => (grant.expiresAt ? formatDateTime(grant.expiresAt) : 'Never') },
  { header: 'Status', cell: (grant) => grant.status },
];

/**
 * The wallet's grants (lots) in the order the service draws them down. A new filter starts again at
 * its first page: the screen below is keyed by the filter, so its cursor stack starts empty.
 */
export function GrantsScreen() {
  const [status, setStatus] = useState<GrantStatusFilter>('ACTIVE');
  return (
    <Screen title="Grants">
      <p className="muted">Every credit arrives as a grant; spending draws them down in the order listed.</p>
      <RadioGroup
        className="filters"
        value={status}
        onChange={(value) => setStatus(value as GrantStatusFilter)}
        orientation="horizontal"
      >
        <Label>Show</Label>
        {FILTERS.map((filter) => (
          <Radio key={filter.value} value={filter.value} className="radio">
            {filter.label}
          </Radio>
        ))}
      </RadioGroup>
      <GrantPages key={status} status={status} />
    </Screen>
  );
}

function GrantPages({ status }: { status: GrantStatusFilter }) {
  const pages = useKeysetPages();
  const grants = useGrants(status, PAGE_SIZE, pages.cursor);

  return (
    <>
      <ErrorNotice error={grants.error} />
      {grants.data && (
        <DataTable label="Grants" columns={COLUMNS} rows={grants.data.items} empty="No grants here." />
      )}
      <Pager label="Grants pages" pages={pages} nextCursor={grants.data?.nextCursor} />
    </>
  );
}
