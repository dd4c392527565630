import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, createOrder, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  leakedSecrets,
  paidStripeOrder,
  postStripe,
  sentSecrets,
  STRIPE_WEBHOOK_SECRET,
} from '../support/webhook-requests.js';
import {
  stripeChargeRefundedEvent,
  stripeCheckoutEvent,
  stripeDisputeEvent,
  stripeEvent,
} from '../support/webhook-signers.js';

/**
 * docs/api.md, "Payment webhooks", with Stripe: real `Stripe-Signature` headers made by the
 * SDK's own helper and verified by the SDK, a real PostgreSQL, concurrency on real connections. The app
 * runs with captured logs; the last test proves no secret, signature or token reached them.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    env: { STRIPE_SECRET_KEY: 'sk_test_webhooks_suite', STRIPE_WEBHOOK_SECRET },
    captureLogs: true,
  });
  sentSecrets.add('sk_test_webhooks_suite');
});
afterAll(() => t?.close());

async function user(credits = 0): Promise<TestUser> {
  const created = await createUser(t, { credits });
  sentSecrets.add(created.token);
  return created;
}

function completed(
  order: { id: string; providerSessionId: string | null; amount: number },
  extra: Record<string, unknown> = {},
) {
  return stripeCheckoutEvent('checkout.session.completed', {
    id: order.providerSessionId!,
    orderId: order.id,
    amountTotal: order.amount,
    ...extra,
  });
}

function ledgerOf(orderId: string) {
  return t.prisma.creditTransaction.findMany({
    where: { orderId },
    orderBy: [{ createdAt: 'asc' }, { amount: 'desc' }],
  });
}

function inbox(eventId: string) {
  return t.prisma.webhookEvent.findUnique({ where: { provider_eventId: { provider: 'stripe', eventId } } });
}

function orderRow(id: string) {
  return t.prisma.order.findUniqueOrThrow({ where: { id } });
}

/** A user with a paid 100-credit order (PaymentIntent `pi`), through a real webhook. */
async function paidOrder(options: { credits?: number; amount?: number; startCredits?: number } = {}) {
  const buyer = await user(options.startCredits ?? 0);
  return { buyer, ...(await paidStripeOrder(t, buyer.id, options)) };
}

describe('exactly once', () => {
  it('the same checkout.session.completed posted 20 times concurrently credits once; every answer is 200', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const event = completed(order);
    const responses = await Promise.all(Array.from({ length: 20 }, () => postStripe(t, event)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.every((r) => r.body.received === true)).toBe(true);

    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    const rows = await ledgerOf(order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'PURCHASE', amount: 100, reference: `order:${order.id}` });
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PAID',
      providerPaymentId: event.data.object.payment_intent,
    });
    expect(await inbox(event.id)).toMatchObject({ status: 'PROCESSED', attempts: 1, error: null });
    expect(await t.prisma.webhookEvent.count({ where: { eventId: event.id } })).toBe(1);
  });

  it('completed (paid) and async_payment_succeeded, in either order, credit once', async () => {
    for (const firstAsync of [false, true]) {
      const buyer = await user();
      const order = await createOrder(t, buyer.id);
      const session = {
        id: order.providerSessionId!,
        orderId: order.id,
        amountTotal: 1800,
        paymentIntent: 'pi_same',
      };
      const events = [
        stripeCheckoutEvent('checkout.session.completed', session),
        stripeCheckoutEvent('checkout.session.async_payment_succeeded', session),
      ];
      if (firstAsync) events.reverse();
      for (const event of events) await postStripe(t, event).expect(200);
      expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
      expect(await ledgerOf(order.id)).toHaveLength(1);
      expect((await orderRow(order.id)).status).toBe('PAID');
    }
  });

  it('completed unpaid → AWAITING_PAYMENT; async_payment_succeeded credits; the unpaid one arriving last changes nothing', async () => {
    for (const unpaidLast of [false, true]) {
      const buyer = await user();
      const order = await createOrder(t, buyer.id);
      const session = {
        id: order.providerSessionId!,
        orderId: order.id,
        amountTotal: 1800,
        paymentIntent: 'pi_async',
      };
      const unpaid = stripeCheckoutEvent('checkout.session.completed', {
        ...session,
        paymentStatus: 'unpaid',
      });
      const succeeded = stripeCheckoutEvent('checkout.session.async_payment_succeeded', session);
      if (!unpaidLast) {
        await postStripe(t, unpaid).expect(200);
        expect(await orderRow(order.id)).toMatchObject({
          status: 'AWAITING_PAYMENT',
          providerPaymentId: 'pi_async',
        });
        expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
      }
      await postStripe(t, succeeded).expect(200);
      if (unpaidLast) await postStripe(t, unpaid).expect(200);
      expect((await orderRow(order.id)).status).toBe('PAID');
      expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
      expect(await ledgerOf(order.id)).toHaveLength(1);
    }
  });

  it('completed unpaid then async_payment_failed → nothing credited, order FAILED', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const session = { id: order.providerSessionId!, orderId: order.id, amountTotal: 1800 };
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', { ...session, paymentStatus: 'unpaid' }),
    ).expect(200);
    await postStripe(t, stripeCheckoutEvent('checkout.session.async_payment_failed', session)).expect(200);
    expect((await orderRow(order.id)).status).toBe('FAILED');
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect(await ledgerOf(order.id)).toHaveLength(0);
  });

  it('expired → EXPIRED; an expired or failed event never downgrades a PAID order', async () => {
    const buyer = await user();
    const open = await createOrder(t, buyer.id);
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.expired', {
        id: open.providerSessionId!,
        orderId: open.id,
        amountTotal: 1800,
      }),
    ).expect(200);
    expect((await orderRow(open.id)).status).toBe('EXPIRED');

    const { order } = await paidOrder();
    const session = { id: order.providerSessionId!, orderId: order.id, amountTotal: 1800 };
    await postStripe(t, stripeCheckoutEvent('checkout.session.expired', session)).expect(200);
    await postStripe(t, stripeCheckoutEvent('checkout.session.async_payment_failed', session)).expect(200);
    expect((await orderRow(order.id)).status).toBe('PAID');
    expect(await ledgerOf(order.id)).toHaveLength(1);
  });

  it('finds the order by session id when the metadata carries no orderId', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', { id: order.providerSessionId!, amountTotal: 1800 }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('two application instances receiving the same event at once credit once', async () => {
    const second = await createTestApp({
      databaseUrl: t.databaseUrl,
      env: { STRIPE_SECRET_KEY: 'sk_test_webhooks_suite', STRIPE_WEBHOOK_SECRET },
    });
    try {
      const buyer = await user();
      const order = await createOrder(t, buyer.id);
      const event = completed(order);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => postStripe(i % 2 === 0 ? t : second, event)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
      expect(await ledgerOf(order.id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('what does not match is not credited', () => {
  it.each([
    ['amount', { amountTotal: 1700 }, /Amount mismatch/],
    ['currency', { currency: 'eur' }, /mismatch/],
  ])(
    'a different %s → 200, no credit, event FAILED with the reason, order unchanged',
    async (_name, change, error) => {
      const buyer = await user();
      const order = await createOrder(t, buyer.id);
      const event = stripeCheckoutEvent('checkout.session.completed', {
        id: order.providerSessionId!,
        orderId: order.id,
        amountTotal: 1800,
        ...change,
      });
      await postStripe(t, event).expect(200);
      expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
      expect(await ledgerOf(order.id)).toHaveLength(0);
      const after = await orderRow(order.id);
      expect(after).toMatchObject({
        status: 'PENDING',
        providerPaymentId: null,
        refundedAmount: 0,
        creditsClawedBack: 0,
      });
      expect(after.updatedAt).toEqual(order.updatedAt);
      const row = await inbox(event.id);
      expect(row?.status).toBe('FAILED');
      expect(row?.error).toMatch(error);

      // A redelivery does not make it right either (and is still answered 200: it is an admin's case).
      await postStripe(t, event).expect(200);
      expect(await inbox(event.id)).toMatchObject({ status: 'FAILED', attempts: 2 });
      expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    },
  );

  it('credits come from the stored order: a session for another order’s amount cannot buy more credits', async () => {
    const buyer = await user();
    const small = await createOrder(t, buyer.id, { credits: 50, amount: 1000 });
    // An event naming the 50-credit order but paying the price of 250 credits is a mismatch, not 250 credits.
    const event = stripeCheckoutEvent('checkout.session.completed', {
      id: small.providerSessionId!,
      orderId: small.id,
      amountTotal: 4000,
    });
    await postStripe(t, event).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
  });

  it('unknown session id → 200, FAILED (no matching order), nothing credited', async () => {
    const before = await t.prisma.creditTransaction.count();
    const event = stripeCheckoutEvent('checkout.session.completed', {
      id: 'cs_test_nobody_knows',
      amountTotal: 1800,
    });
    await postStripe(t, event).expect(200, { received: true });
    expect(await inbox(event.id)).toMatchObject({ status: 'FAILED', error: 'No matching order' });
    expect(await t.prisma.creditTransaction.count()).toBe(before);
  });

  it('an orderId in metadata that is not a uuid, or another provider’s order, is not an order', async () => {
    const buyer = await user();
    const sandboxOrder = await createOrder(t, buyer.id, { provider: 'sandbox' });
    for (const orderId of ['not-a-uuid', sandboxOrder.id]) {
      const event = stripeCheckoutEvent('checkout.session.completed', {
        id: 'cs_test_other',
        orderId,
        amountTotal: 1800,
      });
      await postStripe(t, event).expect(200);
      expect((await inbox(event.id))?.status).toBe('FAILED');
    }
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
  });

  it('unknown event type → 200, IGNORED', async () => {
    const event = stripeEvent('customer.created', { id: 'cus_123', object: 'customer' });
    await postStripe(t, event).expect(200, { received: true });
    expect(await inbox(event.id)).toMatchObject({ status: 'IGNORED', type: 'customer.created' });
  });
});

describe('Stripe-Signature', () => {
  async function rejected(request: ReturnType<typeof postStripe>) {
    const before = await t.prisma.webhookEvent.count();
    const response = await request.expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_SIGNATURE' });
    expect(await t.prisma.webhookEvent.count()).toBe(before);
  }

  async function freshEvent() {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    return { buyer, order, event: completed(order) };
  }

  it('a pretty-printed body signed as sent → 200 and credited', async () => {
    const { buyer, event } = await freshEvent();
    await postStripe(t, event, { pretty: true }).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('the same event re-serialized after signing → 400, nothing written', async () => {
    const { buyer, event } = await freshEvent();
    await rejected(postStripe(t, event, { pretty: true, sendInstead: JSON.stringify(event) }));
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
  });

  it('wrong secret → 400', async () => {
    const { event } = await freshEvent();
    await rejected(postStripe(t, event, { secret: 'whsec_someone_else' }));
  });

  it('missing header → 400', async () => {
    const { event } = await freshEvent();
    await rejected(postStripe(t, event, { omitSignature: true }));
  });

  // The tolerance is 300 s. A request only ages on its way, so "too old" can sit 1 s past the limit; the
  // cases that must not age past it keep 30 s of margin, since a loaded machine takes seconds to deliver.
  it('timestamp 301 s old → 400; 270 s old → 200', async () => {
    const { buyer, event } = await freshEvent();
    const now = Math.floor(Date.now() / 1000);
    await rejected(postStripe(t, event, { timestamp: now - 301 }));
    await postStripe(t, event, { timestamp: now - 270 }).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('timestamp 330 s in the future → 400', async () => {
    const { event } = await freshEvent();
    await rejected(postStripe(t, event, { timestamp: Math.floor(Date.now() / 1000) + 330 }));
  });

  it('two v1 entries, only the second valid (a secret being rolled) → 200', async () => {
    const { buyer, event } = await freshEvent();
    await postStripe(t, event, { leadingInvalidSignature: true }).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
  });

  it('a body that is not JSON → 400, nothing written', async () => {
    const before = await t.prisma.webhookEvent.count();
    await t.http
      .post('/api/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=00')
      .send('{"id":')
      .expect(400);
    expect(await t.prisma.webhookEvent.count()).toBe(before);
  });
});

describe('a failure inside processing', () => {
  async function rejectLedgerWrites() {
    await t.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_reject_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger write rejected by the test'; END $$`);
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_reject_ledger BEFORE INSERT ON "CreditTransaction" FOR EACH ROW EXECUTE FUNCTION test_reject_ledger()`,
    );
  }
  async function acceptLedgerWrites() {
    await t.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_reject_ledger ON "CreditTransaction"`);
  }

  it('→ 500, nothing half-written, the event kept FAILED; the redelivery credits once', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const event = completed(order);
    await rejectLedgerWrites();
    try {
      const response = await postStripe(t, event).expect(500);
      expect(response.body).toMatchObject({ code: 'WEBHOOK_PROCESSING_FAILED' });
      expect(JSON.stringify(response.body)).not.toMatch(/ledger write rejected|SELECT|INSERT/);
    } finally {
      await acceptLedgerWrites();
    }
    // Rolled back: the order is untouched, no ledger row, no balance; the inbox keeps the failure.
    expect(await orderRow(order.id)).toMatchObject({ status: 'PENDING', providerPaymentId: null });
    expect(await ledgerOf(order.id)).toHaveLength(0);
    expect((await balanceOf(t, buyer.id)).creditsTotal).toBe(0);
    const failed = await inbox(event.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed?.error).toMatch(/ledger write rejected by the test/);

    // The provider retries: a FAILED event is not a duplicate.
    await postStripe(t, event).expect(200);
    await postStripe(t, event).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect(await ledgerOf(order.id)).toHaveLength(1);
    expect(await inbox(event.id)).toMatchObject({ status: 'PROCESSED', attempts: 2, error: null });
  });

  it('20 concurrent deliveries while the database rejects: all 500, then one redelivery credits once', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const event = completed(order);
    await rejectLedgerWrites();
    try {
      const responses = await Promise.all(Array.from({ length: 20 }, () => postStripe(t, event)));
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(500));
    } finally {
      await acceptLedgerWrites();
    }
    expect(await inbox(event.id)).toMatchObject({ status: 'FAILED', attempts: 20 });
    const retries = await Promise.all(Array.from({ length: 5 }, () => postStripe(t, event)));
    expect(retries.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect(await ledgerOf(order.id)).toHaveLength(1);
  });
});

describe('refunds', () => {
  function refund(pi: string, amountRefunded: number, refundAmount?: number, refundId?: string) {
    return stripeChargeRefundedEvent({
      paymentIntent: pi,
      amount: 1800,
      amountRefunded,
      refundAmount,
      refundId,
    });
  }

  it('a full refund of an unspent pack takes the credits back in one row; the duplicate does nothing more', async () => {
    const { buyer, order, pi } = await paidOrder({ startCredits: 5 });
    const event = refund(pi, 1800, 1800, 're_full');
    await postStripe(t, event).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(5);
    await postStripe(t, event).expect(200);
    // The same refund in another event (Stripe may send charge.refunded again) is not a second refund.
    await postStripe(t, refund(pi, 1800, 1800, 're_full')).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(5);
    const rows = (await ledgerOf(order.id)).filter((row) => row.type === 'REFUND_CLAWBACK');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: -100, reference: 'refund:stripe:re_full' });
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: 1800,
      creditsClawedBack: 100,
    });
  });

  it('two partial refunds → two rows summing to the proportional credits', async () => {
    const { buyer, order, pi } = await paidOrder();
    // What was paid is the session's amount_total: the same as the order's amount, so shares are unchanged.
    expect((await orderRow(order.id)).amountPaid).toBe(1800);
    await postStripe(t, refund(pi, 600, 600, 're_p1')).expect(200);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      amountPaid: 1800,
      refundedAmount: 600,
      creditsClawedBack: 33,
    });
    await postStripe(t, refund(pi, 1200, 600, 're_p2')).expect(200);
    const rows = (await ledgerOf(order.id)).filter((row) => row.type === 'REFUND_CLAWBACK');
    expect(rows.map((row) => row.amount).sort((a, b) => a - b)).toEqual([-33, -33].sort((a, b) => a - b));
    // floor(100 × 1200 / 1800) = 66 credits for $12.00 of $18.00.
    expect((await balanceOf(t, buyer.id)).remaining).toBe(34);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: 1200,
      creditsClawedBack: 66,
    });
    // The rest: cumulative, never more than the order's credits.
    await postStripe(t, refund(pi, 1800, 600, 're_p3')).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({ status: 'REFUNDED', creditsClawedBack: 100 });
  });

  it('partial refunds arriving out of order still claw back the cumulative share', async () => {
    const { buyer, pi } = await paidOrder();
    await postStripe(t, refund(pi, 1200, 600, 're_second')).expect(200);
    await postStripe(t, refund(pi, 600, 600, 're_first')).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(34);
  });

  it('a refund after the credits were spent leaves a debt: credit routes answer 402 until a new purchase', async () => {
    const { buyer, pi } = await paidOrder();
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/api/ai/generate')
        .set(buyer.auth)
        .send({ prompt: `spend ${i}` })
        .expect(201);
    }
    expect((await balanceOf(t, buyer.id)).remaining).toBe(70);
    await postStripe(t, refund(pi, 1800)).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(-30);
    const refused = await t.http
      .post('/api/ai/generate')
      .set(buyer.auth)
      .send({ prompt: 'in debt' })
      .expect(402);
    expect(refused.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', remaining: -30 });

    const next = await createOrder(t, buyer.id);
    await postStripe(t, completed(next)).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(70);
    await t.http.post('/api/ai/generate').set(buyer.auth).send({ prompt: 'topped up' }).expect(201);
  });

  it('a refund before the payment is remembered, and the payment then credits only what is not refunded (net 0)', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const session = {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 1800,
      paymentIntent: 'pi_refund_first',
    };
    // An async payment names its PaymentIntent before it settles…
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', { ...session, paymentStatus: 'unpaid' }),
    ).expect(200);
    // …and the refund overtakes the success event.
    await postStripe(t, refund('pi_refund_first', 1800, 1800, 're_early')).expect(200);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: 1800,
      creditsClawedBack: 100,
    });
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);

    await postStripe(t, stripeCheckoutEvent('checkout.session.async_payment_succeeded', session)).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({ status: 'REFUNDED' });
    const purchase = (await ledgerOf(order.id)).find((row) => row.type === 'PURCHASE');
    expect(purchase?.amount).toBe(0);
  });

  it('a refund whose payment is not linked to any order yet is applied when the payment arrives (net 0, never negative)', async () => {
    const buyer = await user();
    const order = await createOrder(t, buyer.id);
    const early = refund('pi_unknown_yet', 1800, 1800, 're_orphan');
    await postStripe(t, early).expect(200);
    expect((await inbox(early.id))?.status).toBe('IGNORED');
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);

    await postStripe(t, completed(order, { paymentIntent: 'pi_unknown_yet' })).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({ status: 'REFUNDED', creditsClawedBack: 100 });
    expect((await inbox(early.id))?.status).toBe('PROCESSED');
    const types = (await ledgerOf(order.id)).map((row) => `${row.type}:${row.amount}`);
    expect(types).toEqual(['PURCHASE:100', 'REFUND_CLAWBACK:-100']);
    // Redelivering the refund now is a duplicate.
    await postStripe(t, early).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
  });

  it('a refund in another currency is not applied (FAILED for an admin)', async () => {
    const { buyer, pi } = await paidOrder();
    const event = stripeChargeRefundedEvent({
      paymentIntent: pi,
      amount: 1800,
      amountRefunded: 1800,
      currency: 'eur',
    });
    await postStripe(t, event).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(100);
    expect((await inbox(event.id))?.status).toBe('FAILED');
  });
});

describe('disputes', () => {
  it('opened → the credits are clawed back; won → restored', async () => {
    const { buyer, order, pi } = await paidOrder({ startCredits: 7 });
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.created', { paymentIntent: pi, amount: 1800, disputeId: 'dp_won' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(7);
    expect(await orderRow(order.id)).toMatchObject({ status: 'DISPUTED', creditsClawedBack: 100 });
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.closed', {
        paymentIntent: pi,
        amount: 1800,
        disputeId: 'dp_won',
        status: 'won',
      }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(107);
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', creditsClawedBack: 0 });
    const types = (await ledgerOf(order.id)).map((row) => `${row.type}:${row.amount}`);
    expect(types).toEqual(['PURCHASE:100', 'DISPUTE_CLAWBACK:-100', 'DISPUTE_RESTORE:100']);
  });

  it('lost → the clawback stays', async () => {
    const { buyer, order, pi } = await paidOrder();
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.created', { paymentIntent: pi, amount: 1800, disputeId: 'dp_lost' }),
    ).expect(200);
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.closed', {
        paymentIntent: pi,
        amount: 1800,
        disputeId: 'dp_lost',
        status: 'lost',
      }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    expect((await orderRow(order.id)).status).toBe('DISPUTED');
  });

  it('a dispute after a partial refund claws back only what is left, and a won one gives back only that', async () => {
    const { buyer, order, pi } = await paidOrder();
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent: pi, amount: 1800, amountRefunded: 900 }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(50);
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.created', { paymentIntent: pi, amount: 900, disputeId: 'dp_rest' }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(0);
    await postStripe(
      t,
      stripeDisputeEvent('charge.dispute.closed', {
        paymentIntent: pi,
        amount: 900,
        disputeId: 'dp_rest',
        status: 'won',
      }),
    ).expect(200);
    expect((await balanceOf(t, buyer.id)).remaining).toBe(50);
    expect(await orderRow(order.id)).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 50 });
  });
});

describe('logs', () => {
  it('the captured logs of this suite hold no webhook secret, signature, API key or token', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(leakedSecrets(t.logs)).toEqual([]);
    expect(t.logs.join('')).not.toMatch(/stripe-signature"\s*:\s*"t=/i);
  });
});
