import { formatMoney } from '../../billing/money.js';
import { isOpenCheckout } from '../../billing/order-state.js';
import type { OrderStatus } from '../../generated/prisma/enums.js';

/** The sandbox's checkout page: a few lines of HTML, no script, every value escaped. */

export interface SandboxCheckoutView {
  sessionId: string;
  credits: number;
  amount: number;
  currency: string;
  status: OrderStatus;
}

function escape(value: string | number): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}</style>
</head><body>
<p><strong>Sandbox</strong> — no real money moves here.</p>
${body}
</body></html>`;
}

export function renderCheckoutPage(view: SandboxCheckoutView): string {
  const action = `/api/payments/sandbox/checkout/${encodeURIComponent(view.sessionId)}`;
  const open = isOpenCheckout(view.status);
  const body = open
    ? `<h1>${escape(view.credits)} credits</h1>
<p>Price: <strong>${escape(formatMoney(view.amount, view.currency))}</strong></p>
<form method="post" action="${escape(action)}/pay" style="display:inline"><button type="submit">Pay</button></form>
<form method="post" action="${escape(action)}/cancel" style="display:inline"><button type="submit">Cancel</button></form>`
    : `<h1>${escape(view.credits)} credits</h1><p>This checkout is closed (order ${escape(view.status)}).</p>`;
  return page('Sandbox checkout', body);
}

/** `back` is the order's return URL: a real provider redirects there; the sandbox offers a link. */
export function renderResultPage(
  title: string,
  message: string,
  back?: { href: string; label: string },
): string {
  const link = back ? `\n<p><a href="${escape(back.href)}">${escape(back.label)}</a></p>` : '';
  return page(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>${link}`);
}
