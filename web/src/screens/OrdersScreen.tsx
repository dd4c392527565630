import { Link } from 'react-router';
import { type Order, useOrders } from '../api/queries.js';
import { type Column, DataTable } from '../components/DataTable.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Pager } from '../components/Pager.js';
import { Screen } from '../components/Screen.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';

const PAGE_SIZE = 20;

const COLUMNS: Column<Order>[] = [
  {
    header: 'When',
    cell: (order) => <Link to={`/orders/${order.id}`}>{formatDateTime(order.createdAt)}</Link>,
  },
  { header: 'Credits', numeric: true, cell: (order) => formatCredits(order.credits) },
  { header: 'Price', numeric: true, cell: (order) => formatMoney(order.amount, order.currency) },
  { header: 'Provider', cell: (order) => order.provider },
  { header: 'Status', cell: (order) => order.status },
];

export function OrdersScreen() {
  const pages = useKeysetPages();
  const orders = useOrders(PAGE_SIZE, pages.cursor);

  return (
    <Screen title="Orders">
      <ErrorNotice error={orders.error} />
      {orders.data && (
        <DataTable label="Orders" columns={COLUMNS} rows={orders.data.items} empty="No orders yet." />
      )}
      <Pager label="Orders pages" pages={pages} nextCursor={orders.data?.nextCursor} />
    </Screen>
  );
}
