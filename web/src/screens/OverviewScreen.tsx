import { Link } from 'react-router';
import { useBalance, useTransactions } from '../api/queries.js';
import { CreditsDisplay } from '../components/CreditsDisplay.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { TransactionsTable } from '../components/TransactionsTable.js';

/**
 * The balance and what moved it. Panels that wait for their API slot in here: paid and promotional
 * credits and "expiring soon" (GET /api/credits/balance gains them with wallets and grants), and the
 * 30-day usage chart (components/UsageChart, fed by GET /api/credits/usage?groupBy=day).
 */
export function OverviewScreen() {
  const balance = useBalance();
  const recent = useTransactions(5);

  return (
    <Screen title="Overview">
      <div className="grid">
        <article className="card" aria-labelledby="balance-title">
          <h2 id="balance-title">Balance</h2>
          {balance.data && (
            <>
              <CreditsDisplay remaining={balance.data.remaining} />
              <dl className="stats">
                <div>
                  <dt>Bought and granted</dt>
                  <dd>{formatCredits(balance.data.creditsTotal)}</dd>
                </div>
                <div>
                  <dt>Used</dt>
                  <dd>{formatCredits(balance.data.creditsUsed)}</dd>
                </div>
                <div>
                  <dt>Held by requests in flight</dt>
                  <dd>{formatCredits(balance.data.creditsReserved)}</dd>
                </div>
              </dl>
            </>
          )}
          {balance.isPending && <p className="muted">Loading…</p>}
          <ErrorNotice error={balance.error} />
        </article>
      </div>
      <article className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent transactions</h2>
        {recent.data && <TransactionsTable items={recent.data.items} caption="Recent transactions" />}
        <ErrorNotice error={recent.error} />
        <p>
          <Link to="/transactions">All transactions</Link>
        </p>
      </article>
    </Screen>
  );
}
