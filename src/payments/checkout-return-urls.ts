/**
 * Where a provider sends the customer back: the web app's order page under PUBLIC_URL (served by this
 * service, see docs of the web app in web/README.md), which follows the order until it is paid. The
 * `checkout` query parameter only tells the page which way the customer left; credits never depend on
 * it — only a verified webhook or reconciliation credits an order.
 */
export interface CheckoutReturnUrls {
  success: string;
  cancel: string;
}

export function checkoutReturnUrls(publicUrl: string, orderId: string): CheckoutReturnUrls {
  const order = `${publicUrl.replace(/\/$/, '')}/orders/${encodeURIComponent(orderId)}`;
  return { success: `${order}?checkout=success`, cancel: `${order}?checkout=cancelled` };
}
