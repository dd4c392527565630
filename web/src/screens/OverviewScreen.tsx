import { Link } from 'react-router';
import { useBalance, useDailyUsage, useTransactions } from '../api/queries.js';
import { CreditsDisplay } from '../components/CreditsDisplay.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { ExpiringSoonList } from '../components/ExpiringSoonList.js';
import { formatCredits } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { TransactionsTable } from '../components/TransactionsTable.js';
import { UsageChart } from '../components/UsageChart.js';
import { useSelectedOrganization } from '../organizations/use-selected-organization.js';

/** The balance of the selected wallet: what is left and of which kind, what expires soon, the month's spend, the latest rows. */
export function OverviewScreen() {
  const balance = useBalance();
  const usage = useDailyUsage();
  const recent = useTransactions(5);
  const organization = useSelectedOrganization();

  return (
    <Screen title="Overview">
      <p className="muted" data-testid="wallet-name">
        {organization ? `${organization.name}’s wallet` : 'Your personal wallet'}
      </p>
      <div className="grid">
        <article className="card" aria-labelledby="balance-title">
          <h2 id="balance-title">Balance</h2>
          {balance.data && (
            <>
              <CreditsDisplay remaining={balance.data.remaining} />
              <dl className="stats" data-testid="balance-kinds">
                <div>
                  <dt>Paid</dt>
                  <dd data-testid="paid">{formatCredits(balance.data.paid)}</dd>
                </div>
                <div>
                  <dt>Promotional</dt>
                  <dd data-testid="promotional">{formatCredits(balance.data.promotional)}</dd>
                </div>
                <div>
                  <dt>Held by requests in flight</dt>
                  <dd>{formatCredits(balance.data.creditsReserved)}</dd>
                </div>
                {balance.data.debt > 0 && (
                  <div>
                    <dt>Owed (paid first from the next credits)</dt>
                    <dd>{formatCredits(balance.data.debt)}</dd>
                  </div>
                )}
              </dl>
            </>
          )}
          {balance.isPending && <p className="muted">Loading…</p>}
          <ErrorNotice error={balance.error} />
        </article>
        <article className="card" aria-labelledby="expiring-title">
          <h2 id="expiring-title">Expiring soon</h2>
          {balance.data && <ExpiringSoonList grants={balance.data.expiringSoon} />}
          <p>
            <Link to="/grants">All grants</Link>
          </p>
        </article>
      </div>
      <article className="card" aria-labelledby="usage-title">
        <h2 id="usage-title">Usage</h2>
        {usage.data && <UsageChart days={usage.data.items} />}
        {usage.isPending && <p className="muted">Loading…</p>}
        <ErrorNotice error={usage.error} />
      </article>
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
