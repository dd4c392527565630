import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { OPEN_ORDER_STATUSES, useFollowedOrder } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Screen } from '../components/Screen.js';

const STATUS_TEXT: Record<string, string> = {
  PENDING: 'Waiting for the payment…',
  AWAITING_PAYMENT: 'The payment is on its way…',
  PAID: 'Paid: the credits are on your balance.',
  FAILED: 'The payment failed; nothing was charged.',
  EXPIRED: 'The checkout expired or was cancelled; nothing was charged.',
  REFUNDED: 'Refunded.',
  PARTIALLY_REFUNDED: 'Partly refunded.',
  DISPUTED: 'Disputed.',
};

/**
 * Where the provider sends the customer back (`?checkout=success|cancelled`) and the order's own page:
 * it follows the order until the provider's webhook has decided, then refreshes the balance.
 */
export function OrderScreen() {
  const { orderId = '' } = useParams();
  const [search] = useSearchParams();
  const order = useFollowedOrder(orderId);
  const queryClient = useQueryClient();
  const status = order.data?.status;
  const open = status !== undefined && OPEN_ORDER_STATUSES.includes(status);

  useEffect(() => {
    if (status && !open) {
      void queryClient.invalidateQueries({ queryKey: ['balance'] });
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    }
  }, [status, open, queryClient]);

  return (
    <Screen title="Order">
      {search.get('checkout') === 'cancelled' && open && (
        <p className="notice">You left the checkout; the order closes when the provider says so.</p>
      )}
      <ErrorNotice error={order.error} />
      {order.data && (
        <article className="card">
          <p
            className={`order-status order-status--${order.data.status.toLowerCase()}`}
            role="status"
            data-testid="order-status"
          >
            {STATUS_TEXT[order.data.status] ?? order.data.status}
          </p>
          <dl className="stats">
            <div>
              <dt>Credits</dt>
              <dd>{formatCredits(order.data.credits)}</dd>
            </div>
            <div>
              <dt>Price</dt>
              <dd>{formatMoney(order.data.amount, order.data.currency)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{order.data.status}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(order.data.createdAt)}</dd>
            </div>
          </dl>
          <p>
            <Link to="/">Back to the overview</Link> · <Link to="/orders">All orders</Link>
          </p>
        </article>
      )}
    </Screen>
  );
}
