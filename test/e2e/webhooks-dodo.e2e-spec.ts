import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, createOrder, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DODO_WEBHOOK_KEY, leakedSecrets, postDodo, sentSecrets } from '../support/webhook-requests.js';
import {
  dodoDisputeEvent,
  dodoPaymentEvent,
  dodoRefundEvent,
  newWebhookId,
} from '../support/webhook-signers.js';

/**
 * docs/api.md, "Payment webhooks", with Dodo Payments: Standard Webhooks signatures made by the `standardwebhooks` library and
 * verified by the dodopayments SDK; refunds and disputes linked to the order by `payment_id`; the paid
 * amount is total minus tax.
 */

const DODO_ENV = {
  DODO_PAYMENTS_API_KEY: 'dodo_test_webhooks_suite_key',
  DODO_PAYMENTS_WEBHOOK_KEY: DODO_WEBHOOK_KEY,
  DODO_CREDITS_PRODUCT_ID: 'pdt_credits',
  // Never called by these tests (reconciliation has its own suite); a closed port fails fast if it were.
  DODO_PAYMENTS_BASE_URL: 'http://127.0.0.1:9',
};

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: DODO_ENV, captureLogs: true });
  sentSecrets.add(DODO_ENV.DODO_PAYMENTS_API_KEY);
});
afterAll(() => t?.close());

async function user(credits = 0): Promise<TestUser> {
  const created = await createUser(t, { credits });
  sentSecrets.add(created.token);
  return created;
}

function succeeded(
  order: { id: string; providerSessionId: string | null; amount: number },
  extra: { paymentId?: string; tax?: number; amount?: number; currency?: string } = {},
) {
  return dodoPaymentEvent('payment.succeeded', {
    paymentId: extra.paymentId ?? `pay_${order.id.replaceAll('-', '').slice(0, 20)}`,
    checkoutSessionId: order.providerSessionId!,
    orderId: order.id,
    amount: extra.amount ?? order.amount,
    tax: extra.tax,
    currency: extra.currency,
  });
}

function inbox(eventId: string) {
  return t.prisma.webhookEvent.findUnique({ where: { provider_eventId: { provider: 'dodo', eventId } } });
}

function ledgerOf(orderId: string) {
  return t.prisma.creditTransaction.findMany({
    where: { orderId },
    orderBy: [{ createdAt: 'asc' }, { amount: 'desc' }],
  });
}

function orderRow(id: string) {
  return t.prisma.order.findUniqueOrThrow({ where: { id } });
}

async function paidOrder() {
  const buyer = await user();
  const order = await createOrder(t, buyer.id, { provider: 'dodo' });
  const event = succeeded(order);
  await postDodo(t, event).expect(200);
  return { buyer, order, paymentId: event.data.payment_id };
}

describe('payment.succeeded', () => {
  it('the same delivery (one webhook-id) posted 20 times concurrently credits once; every answer is 200', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    const event = succeeded(order);
    const id = newWebhookId();
    const date = new Date();
    const responses = await Promise.all(Array.from({ length: 20 }, () => postDodo(t, event, { id, date })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect(await ledgerOf(order.id)).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PAID',
      providerPaymentId: event.data.payment_id,
    });
    expect(await inbox(id)).toMatchObject({ status: 'PROCESSED', type: 'payment.succeeded' });
  });

  it('the same payment in two deliveries (two webhook-ids) credits once', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    const event = succeeded(order);
    await Promise.all([postDodo(t, event).expect(200), postDodo(t, event).expect(200)]);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('compares total minus tax with the order: with tax it credits, a short total does not', async () => {
    const buyer = await user();
    const taxed = await createOrder(t, buyer.id, { provider: 'dodo' });
    await postDodo(t, succeeded(taxed, { tax: 162 })).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);

    const short = await createOrder(t, buyer.id, { provider: 'dodo' });
    const id = newWebhookId();
    await postDodo(t, succeeded(short, { amount: 1000 }), { id }).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect((await orderRow(short.id)).status).toBe('PENDING');
    expect(await inbox(id)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/Amount mismatch/),
    });
  });

  it('payment.failed → FAILED; a later successful attempt in the same checkout still credits', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    await postDodo(
      t,
      dodoPaymentEvent('payment.failed', {
        checkoutSessionId: order.providerSessionId!,
        orderId: order.id,
        amount: 1800,
      }),
    ).expect(200);
    expect((await orderRow(order.id)).status).toBe('FAILED');
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    await postDodo(t, succeeded(order)).expect(200);
    expect((await orderRow(order.id)).status).toBe('PAID');
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('an unknown payment → 200, FAILED; an unknown type → 200, IGNORED', async () => {
    const id = newWebhookId();
    await postDodo(
      t,
      dodoPaymentEvent('payment.succeeded', { amount: 1800, checkoutSessionId: 'cks_unknown' }),
      { id },
    ).expect(200);
    expect((await inbox(id))?.status).toBe('FAILED');
    const other = newWebhookId();
    await postDodo(
      t,
      { business_id: 'bus_fake', type: 'subscription.active', timestamp: new Date().toISOString(), data: {} },
      { id: other },
    ).expect(200);
    expect((await inbox(other))?.status).toBe('IGNORED');
  });
});

describe('Standard Webhooks signature', () => {
  async function rejected(request: ReturnType<typeof postDodo>) {
    const before = await t.prisma.webhookEvent.count();
    const response = await request.expect(400);
    expect(response.body).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(await t.prisma.webhookEvent.count()).toBe(before);
  }

  async function freshEvent() {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    return { buyer, event: succeeded(order) };
  }

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
    'missing %s → 400, nothing written',
    async (header) => {
      const { event } = await freshEvent();
      await rejected(postDodo(t, event, { omit: header }));
    },
  );

  // The tolerance is 300 s. A request only ages on its way, so "too old" can sit 1 s past the limit; the
  // cases that must not age past it keep 30 s of margin, since a loaded machine takes seconds to deliver.
  it('timestamp 330 s in the future or 301 s old → 400; 270 s old → 200', async () => {
    const { buyer, event } = await freshEvent();
    await rejected(postDodo(t, event, { date: new Date(Date.now() + 330_000) }));
    await rejected(postDodo(t, event, { date: new Date(Date.now() - 301_000) }));
    await postDodo(t, event, { date: new Date(Date.now() - 270_000) }).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('a changed webhook-id (a replayed delivery under a new id) → 400', async () => {
    const { event } = await freshEvent();
    await rejected(postDodo(t, event, { idInstead: newWebhookId() }));
  });

  it('a wrong key → 400', async () => {
    const { event } = await freshEvent();
    await rejected(
      postDodo(t, event, { key: `whsec_${Buffer.from('not-the-key-at-all').toString('base64')}` }),
    );
  });

  it('the key works with and without its whsec_ prefix, on both sides', async () => {
    const bare = DODO_WEBHOOK_KEY.slice('whsec_'.length);
    const first = await freshEvent();
    await postDodo(t, first.event, { key: bare }).expect(200);
    expect((await balanceOf(t, first.buyer.id)).remaining).toBe(100);

    const unprefixed = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: { ...DODO_ENV, DODO_PAYMENTS_WEBHOOK_KEY: bare },
    });
    try {
      for (const key of [bare, DODO_WEBHOOK_KEY]) {
        const next = await freshEvent();
        await postDodo(unprefixed, next.event, { key }).expect(200);
        expect((await balanceOf(t, next.buyer.id)).remaining).toBe(100);
      }
    } finally {
      await unprefixed.close();
    }
  });
});

describe('refunds and disputes by payment_id', () => {
  it('refund.succeeded claws back in proportion; two partial refunds are two rows; a duplicate does nothing', async () => {
    const { buyer, order, paymentId } = await paidOrder();
    const first = dodoRefundEvent({ paymentId, amount: 900, isPartial: true, refundId: 'ref_one' });
    const id = newWebhookId();
    await postDodo(t, first, { id }).expect(200);
    await postDodo(t, first, { id }).expect(200);
    // The same refund under another delivery id is the same refund.
    await postDodo(t, first).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(50);
    await postDodo(
      t,
      dodoRefundEvent({ paymentId, amount: 900, isPartial: true, refundId: 'ref_two' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    const rows = (await ledgerOf(order.id)).filter((row) => row.type === 'REFUND_CLAWBACK');
    expect(rows.map((row) => row.amount)).toEqual([-50, -50]);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: 1800,
      creditsClawedBack: 100,
    });
  });

  it('a refund that includes tax never claws back more than the order’s credits', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    const payment = succeeded(order, { tax: 162 });
    await postDodo(t, payment).expect(200);
    await postDodo(t, dodoRefundEvent({ paymentId: payment.data.payment_id, amount: 1962 })).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect((await orderRow(order.id)).creditsClawedBack).toBe(100);
  });

  it('refunds are a share of what was paid, tax included: 1800 + 162 tax, two refunds of 981 take exactly 50 each', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id, { provider: 'dodo' });
    expect(order).toMatchObject({ credits: 100, amount: 1800 });
    const payment = succeeded(order, { tax: 162 });
    const paymentId = payment.data.payment_id;
    await postDodo(t, payment).expect(200);
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', amount: 1800, amountPaid: 1962 });
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);

    // Half of what was paid. A share of the pre-tax price would be floor(100 × 981 / 1800) = 54.
    await postDodo(
      t,
      dodoRefundEvent({ paymentId, amount: 981, isPartial: true, refundId: 'ref_tax_1' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(50);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: 981,
      creditsClawedBack: 50,
    });

    await postDodo(
      t,
      dodoRefundEvent({ paymentId, amount: 981, isPartial: true, refundId: 'ref_tax_2' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      amountPaid: 1962,
      refundedAmount: 1962,
      creditsClawedBack: 100,
    });
    const clawbacks = (await ledgerOf(order.id)).filter((row) => row.type === 'REFUND_CLAWBACK');
    expect(clawbacks.map((row) => row.amount)).toEqual([-50, -50]);
  });

  it('dispute.opened then dispute.won nets to 0', async () => {
    const { buyer, order, paymentId } = await paidOrder();
    await postDodo(
      t,
      dodoDisputeEvent('dispute.opened', { paymentId, amount: 1800, disputeId: 'dis_a' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect((await orderRow(order.id)).status).toBe('DISPUTED');
    await postDodo(
      t,
      dodoDisputeEvent('dispute.won', { paymentId, amount: 1800, disputeId: 'dis_a' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect((await orderRow(order.id)).status).toBe('PAID');
    const movements = (await ledgerOf(order.id))
      .filter((row) => row.type !== 'PURCHASE')
      .map((row) => row.amount);
    expect(movements.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('dispute.lost keeps the clawback', async () => {
    const { buyer, paymentId } = await paidOrder();
    await postDodo(
      t,
      dodoDisputeEvent('dispute.opened', { paymentId, amount: 1800, disputeId: 'dis_b' }),
    ).expect(200);
    await postDodo(
      t,
      dodoDisputeEvent('dispute.lost', { paymentId, amount: 1800, disputeId: 'dis_b' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
  });

  it('a refund and a dispute before the payment are remembered: the payment nets to 0, the balance never negative', async () => {
    for (const early of ['refund', 'dispute'] as const) {
      const buyer = await user();
      const order = await createOrder(t, buyer.id, { provider: 'dodo' });
      const payment = succeeded(order);
      const paymentId = payment.data.payment_id;
      const earlyId = newWebhookId();
      const event =
        early === 'refund'
          ? dodoRefundEvent({ paymentId, amount: 1800 })
          : dodoDisputeEvent('dispute.opened', { paymentId, amount: 1800 });
      await postDodo(t, event, { id: earlyId }).expect(200);
      expect((await inbox(earlyId))?.status).toBe('IGNORED');
      expect((await balanceOf(t, buyer.id)).remaining).toBe(0);

      await postDodo(t, payment).expect(200);
      expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
      expect((await inbox(earlyId))?.status).toBe('PROCESSED');
      expect((await orderRow(order.id)).status).toBe(early === 'refund' ? 'REFUNDED' : 'DISPUTED');
      const balances = (await ledgerOf(order.id)).map((row) => row.balanceAfter);
      expect(Math.min(...balances)).toBeGreaterThanOrEqual(0);
    }
  });

  it('a refund or dispute racing its payment is never lost: 30 concurrent pairs all net to 0', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const buyer = await user();
        const order = await createOrder(t, buyer.id, { provider: 'dodo' });
        const payment = succeeded(order);
        const paymentId = payment.data.payment_id;
        const clawback =
          i % 2 === 0
            ? dodoRefundEvent({ paymentId, amount: 1800 })
            : dodoDisputeEvent('dispute.opened', { paymentId, amount: 1800 });
        return { buyer, order, payment, clawback };
      }),
    );
    // Each pair is posted at the same instant; which of the two commits first differs from pair to pair.
    const responses = await Promise.all(
      pairs.flatMap(({ payment, clawback }) => [postDodo(t, payment), postDodo(t, clawback)]),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    for (const { buyer, order } of pairs) {
      expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
      expect((await orderRow(order.id)).creditsClawedBack).toBe(100);
    }
    const waiting = await t.prisma.webhookEvent.count({
      where: { provider: 'dodo', awaitingPaymentId: { not: null } },
    });
    expect(waiting).toBe(0);
  });
});

describe('logs', () => {
  it('hold no webhook key, signature, API key or token', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(leakedSecrets(t.logs)).toEqual([]);
  });
});
