import { useTransactions } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Pager } from '../components/Pager.js';
import { Screen } from '../components/Screen.js';
import { TransactionsTable } from '../components/TransactionsTable.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';

const PAGE_SIZE = 20;

export function TransactionsScreen() {
  const pages = useKeysetPages();
  const transactions = useTransactions(PAGE_SIZE, pages.cursor);

  return (
    <Screen title="Transactions">
      <ErrorNotice error={transactions.error} />
      {transactions.data && <TransactionsTable items={transactions.data.items} caption="Transactions" />}
      <Pager label="Transactions pages" pages={pages} nextCursor={transactions.data?.nextCursor} />
    </Screen>
  );
}
