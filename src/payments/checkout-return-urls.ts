/**
 * Where a provider sends the customer back. The service has no web front end, so both land on the
 * order resource under PUBLIC_URL; a front end that proxies `/api` (or a reverse proxy rewriting
 * these paths) can render the outcome. The `checkout` query parameter only tells the page which
 * way the customer left; credits never depend on it — only a verified webhook or reconciliation
 * credits an order.
 */
export interface CheckoutReturnUrls {
  success: string;
  cancel: string;
}

export function checkoutReturnUrls(publicUrl: string, orderId: string): CheckoutReturnUrls {
  const order = `${publicUrl.replace(/\/$/, '')}/api/billing/orders/${encodeURIComponent(orderId)}`;
  return { success: `${order}?checkout=success`, cancel: `${order}?checkout=cancelled` };
}
