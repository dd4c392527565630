import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { type AutoTopUpAttempt, IN_FLIGHT_ATTEMPT_STATUSES, useAutoTopUpAttempts } from '../api/queries.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Pager } from '../components/Pager.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';
import { attemptStatusText } from './status-text.js';

const PAGE_SIZE = 10;

function columns(currency: string): Column<AutoTopUpAttempt>[] {
  return [
    { header: 'When', cell: (attempt) => formatDateTime(attempt.createdAt) },
    { header: 'Credits', numeric: true, cell: (attempt) => formatCredits(attempt.credits) },
    { header: 'Price', numeric: true, cell: (attempt) => formatMoney(attempt.amount, currency) },
    { header: 'Outcome', cell: attemptStatusText },
    {
      header: 'Order',
      cell: (attempt) =>
        attempt.orderId ? (
          <Link to={`/orders/${attempt.orderId}`}>Order …{attempt.orderId.slice(-6)}</Link>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
}

/** The attempts as the API lists them (newest first), in a table that scrolls inside itself on a phone. */
export function AttemptsTable({ items, currency }: { items: AutoTopUpAttempt[]; currency: string }) {
  return (
    <DataTable
      label="Auto top-ups"
      columns={columns(currency)}
      rows={items}
      empty="No top-ups yet."
      rowAttributes={(attempt) => ({ 'data-status': attempt.status })}
    />
  );
}

/**
 * The wallet's attempts, page by page. While one is in flight the list asks again every 2 s; once it
 * has an outcome, the balance and the rule (its last attempt) are asked for again, so the credits a
 * top-up bought appear without a reload.
 */
export function AttemptsList({ currency }: { currency: string }) {
  const pages = useKeysetPages();
  const attempts = useAutoTopUpAttempts(PAGE_SIZE, pages.cursor, true);
  const queryClient = useQueryClient();
  const items = attempts.data?.items ?? [];
  const inFlight = items.some((attempt) => IN_FLIGHT_ATTEMPT_STATUSES.includes(attempt.status));
  const wasInFlight = useRef(false);

  useEffect(() => {
    if (wasInFlight.current && !inFlight) {
      for (const queryKey of [['balance'], ['auto-top-up'], ['transactions'], ['orders']])
        void queryClient.invalidateQueries({ queryKey, exact: queryKey[0] === 'auto-top-up' });
    }
    wasInFlight.current = inFlight;
  }, [inFlight, queryClient]);

  return (
    <>
      <ErrorNotice error={attempts.error} />
      {attempts.data && <AttemptsTable items={items} currency={currency} />}
      <Pager label="Auto top-up pages" pages={pages} nextCursor={attempts.data?.nextCursor} />
    </>
  );
}
