import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { type GrantStatusFilter, useGrants } from '../api/queries.js';
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
  const items = grants.data?.items ?? [];

  return (
    <>
      <ErrorNotice error={grants.error} />
      {grants.data && items.length === 0 && <p className="muted">No grants here.</p>}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Grants" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col" className="numeric">
                  Left
                </th>
                <th scope="col" className="numeric">
                  Held
                </th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((grant) => (
                <tr key={grant.id}>
                  <td>{formatDateTime(grant.createdAt)}</td>
                  <td>{SOURCE_LABELS[grant.source] ?? grant.source}</td>
                  <td>{grant.category === 'PAID' ? 'Paid' : 'Promotional'}</td>
                  <td className="numeric">{formatCredits(grant.amount)}</td>
                  <td className="numeric">{formatCredits(grant.remaining)}</td>
                  <td className="numeric">{formatCredits(grant.held)}</td>
                  <td>{grant.expiresAt ? formatDateTime(grant.expiresAt) : 'Never'}</td>
                  <td>{grant.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Grants pages"
        page={pages.page}
        hasPrevious={pages.hasPrevious}
        hasNext={Boolean(grants.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => grants.data?.nextCursor && pages.next(grants.data.nextCursor)}
      />
    </>
  );
}
