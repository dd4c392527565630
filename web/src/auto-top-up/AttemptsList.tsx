import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { type AutoTopUpAttempt, IN_FLIGHT_ATTEMPT_STATUSES, useAutoTopUpAttempts } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Pager } from '../components/Pager.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';
import { attemptStatusText } from './status-text.js';

const PAGE_SIZE = 10;

/** The attempts as the API lists them (newest first), in a table that scrolls inside itself on a phone. */
export function AttemptsTable({ items, currency }: { items: AutoTopUpAttempt[]; currency: string }) {
  if (items.length === 0) return <p className="muted">No top-ups yet.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Auto top-ups" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col" className="numeric">
              Credits
            </th>
            <th scope="col" className="numeric">
              Price
            </th>
            <th scope="col">Outcome</th>
            <th scope="col">Order</th>
          </tr>
        </thead>
        <tbody>
          {items.map((attempt) => (
            <tr key={attempt.id} data-status={attempt.status}>
              <td>{formatDateTime(attempt.createdAt)}</td>
              <td className="numeric">{formatCredits(attempt.credits)}</td>
              <td className="numeric">{formatMoney(attempt.amount, currency)}</td>
              <td>{attemptStatusText(attempt)}</td>
              <td>
                {attempt.orderId ? (
                  <Link to={`/orders/${attempt.orderId}`}>Order …{attempt.orderId.slice(-6)}</Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
      <Pager
        label="Auto top-up pages"
        page={pages.page}
        hasPrevious={pages.hasPrevious}
        hasNext={Boolean(attempts.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => attempts.data?.nextCursor && pages.next(attempts.data.nextCursor)}
      />
    </>
  );
}
