import { Link } from 'react-router';
import { useOrders } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Pager } from '../components/Pager.js';
import { Screen } from '../components/Screen.js';
import { useKeysetPages } from '../components/use-keyset-pages.js';

const PAGE_SIZE = 20;

export function OrdersScreen() {
  const pages = useKeysetPages();
  const orders = useOrders(PAGE_SIZE, pages.cursor);
  const items = orders.data?.items ?? [];

  return (
    <Screen title="Orders">
      <ErrorNotice error={orders.error} />
      {orders.data && items.length === 0 && <p className="muted">No orders yet.</p>}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Orders" tabIndex={0}>
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
                <th scope="col">Provider</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/orders/${order.id}`}>{formatDateTime(order.createdAt)}</Link>
                  </td>
                  <td className="numeric">{formatCredits(order.credits)}</td>
                  <td className="numeric">{formatMoney(order.amount, order.currency)}</td>
                  <td>{order.provider}</td>
                  <td>{order.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Orders pages"
        page={pages.page}
        hasPrevious={pages.hasPrevious}
        hasNext={Boolean(orders.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => orders.data?.nextCursor && pages.next(orders.data.nextCursor)}
      />
    </Screen>
  );
}
