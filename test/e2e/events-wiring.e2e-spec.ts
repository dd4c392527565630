import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { GrantExpirySweeper } from '../../src/credits/grant-expiry-sweeper.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { SqlDatabase } from '../../src/database/sql-database.js';
import { EventDispatcher } from '../../src/events/event-dispatcher.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { type EventReceiver, startEventReceiver, verifyEvent } from '../support/event-receiver.js';
import { createOrder, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { paidStripeOrder, postStripe, STRIPE_WEBHOOK_SECRET } from '../support/webhook-requests.js';
import { stripeChargeRefundedEvent, stripeCheckoutEvent } from '../support/webhook-signers.js';

/**
 * Every emission point of the service, end to end: the real change (a webhook, a priced request, an
 * admin grant, the expiry sweeper), the dispatcher, and a real receiver on loopback that verifies each
 * request with the standardwebhooks library, as an application would (docs/events.md, "Wiring").
 */

let t: TestApp;
let receiver: EventReceiver;
let admin: TestUser;
let secret: string;

interface Received {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

beforeAll(async () => {
  receiver = await startEventReceiver();
  t = await createTestApp({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_events_wiring',
      STRIPE_WEBHOOK_SECRET,
      EVENT_ENDPOINTS_ALLOW_PRIVATE: 'true',
      EXPIRY_NOTICE_DAYS: '7',
    },
  });
  admin = await createUser(t, { role: 'ADMIN' });
  const endpoint = await t.http
    .post('/api/admin/webhook-endpoints')
    .set(admin.auth)
    .send({ url: `${receiver.url}/all`, events: ['*'] })
    .expect(201);
  secret = endpoint.body.secret;
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

/** Delivers everything due, then returns what the receiver verified for `walletId`, in arrival order. */
async function receivedFor(walletId: string): Promise<Received[]> {
  while ((await t.app.get(EventDispatcher).dispatchDue()) > 0);
  return receiver
    .at('/all')
    .map((request) => verifyEvent(request, secret) as Received)
    .filter((event) => event.data.walletId === walletId);
}

function ofType(events: Received[], type: string): Received[] {
  return events.filter((event) => event.type === type);
}

async function spendConcurrently(user: TestUser, requests: number): Promise<number[]> {
  const responses = await Promise.all(
    Array.from({ length: requests }, () =>
      t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'hello' }),
    ),
  );
  return responses.map((response) => response.status);
}

function adminCredits(user: TestUser, body: Record<string, unknown>) {
  return t.http.post(`/api/admin/users/${user.id}/credits`).set(admin.auth).send(body).expect(201);
}

describe('payments', () => {
  it('a Stripe purchase → order.paid and credits.granted, signed, once each, also after a redelivery', async () => {
    const buyer = await createUser(t);
    const order = await createOrder(t, buyer.id, { credits: 100, amount: 1800 });
    const event = stripeCheckoutEvent('checkout.session.completed', {
      id: order.providerSessionId!,
      orderId: order.id,
      amountTotal: 1800,
      paymentIntent: `pi_${order.id.replaceAll('-', '')}`,
    });
    await postStripe(t, event).expect(200);
    await postStripe(t, event).expect(200); // the provider's redelivery: a duplicate
    const events = await receivedFor(buyer.walletId);
    const grant = await t.prisma.creditGrant.findFirstOrThrow({ where: { orderId: order.id } });
    expect(events.map((e) => e.type).sort()).toEqual(['credits.granted', 'order.paid']);
    expect(ofType(events, 'order.paid')[0]!.data).toEqual({
      walletId: buyer.walletId,
      userId: buyer.id,
      orderId: order.id,
      credits: 100,
      amount: 1800,
      currency: 'usd',
      provider: 'stripe',
      grantId: grant.id,
    });
    expect(ofType(events, 'credits.granted')[0]!.data).toEqual({
      walletId: buyer.walletId,
      userId: buyer.id,
      grantId: grant.id,
      source: 'PURCHASE',
      category: 'PAID',
      amount: 100,
      expiresAt: null,
    });
    // The webhook-id is the event id; each event reached the receiver exactly once.
    const ids = receiver.at('/all').map((request) => request.headers['webhook-id']);
    for (const received of events) expect(ids.filter((id) => id === received.id)).toHaveLength(1);
  });

  it('a refund → order.refunded with the order after it (and the wallet, now empty, alerts); its redelivery sends nothing again', async () => {
    const buyer = await createUser(t);
    const { order, pi } = await paidStripeOrder(t, buyer.id);
    const refunded = stripeChargeRefundedEvent({
      paymentIntent: pi,
      amount: 1800,
      amountRefunded: 1800,
      refundAmount: 1800,
      refundId: 're_wiring',
    });
    await postStripe(t, refunded).expect(200);
    await postStripe(t, refunded).expect(200); // the provider's redelivery: a duplicate
    const events = await receivedFor(buyer.walletId);
    expect(ofType(events, 'order.refunded').map((e) => e.data)).toEqual([
      {
        walletId: buyer.walletId,
        userId: buyer.id,
        orderId: order.id,
        refundedAmount: 1800,
        creditsClawedBack: 100,
        status: 'REFUNDED',
      },
    ]);
    // The clawback took the balance from 100 to 0: below 10, and depleted.
    expect(ofType(events, 'balance.low').map((e) => e.data)).toEqual([
      { walletId: buyer.walletId, userId: buyer.id, remaining: 0, threshold: 10 },
    ]);
    expect(ofType(events, 'balance.depleted')).toHaveLength(1);
  });
});

describe('balance alerts on the request path', () => {
  it('20 concurrent spends crossing 10 → one balance.low; a top-up re-arms it; reaching 0 → one balance.depleted', async () => {
    const spender = await createUser(t, { credits: 105 });
    const statuses = await spendConcurrently(spender, 20);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    let events = await receivedFor(spender.walletId);
    expect(ofType(events, 'balance.low').map((e) => e.data.threshold)).toEqual([10]);
    expect(ofType(events, 'balance.low')[0]!.data).toMatchObject({
      walletId: spender.walletId,
      userId: spender.id,
      remaining: expect.any(Number),
    });
    expect(ofType(events, 'balance.low')[0]!.data.remaining as number).toBeLessThan(10);
    expect(ofType(events, 'balance.depleted')).toEqual([]);

    // The top-up rises above 10 (re-arms it) and itself says nothing but credits.granted.
    await adminCredits(spender, { amount: 100, reason: 'top-up' });
    events = await receivedFor(spender.walletId);
    expect(ofType(events, 'balance.low')).toHaveLength(1);
    // The factory's grant of 105, then the top-up.
    expect(ofType(events, 'credits.granted').map((e) => e.data.amount)).toEqual([105, 100]);

    // Spending down again crosses 10 again: one more.
    expect((await spendConcurrently(spender, 20)).filter((status) => status === 201)).toHaveLength(10);
    events = await receivedFor(spender.walletId);
    expect(ofType(events, 'balance.low')).toHaveLength(2);

    // An adjustment to exactly 0: depleted, once; a refused spend after it changes nothing.
    await adminCredits(spender, { amount: -5, reason: 'to zero' });
    await t.http.post('/api/ai/generate').set(spender.auth).send({ prompt: 'hello' }).expect(402);
    events = await receivedFor(spender.walletId);
    expect(ofType(events, 'balance.depleted').map((e) => e.data)).toEqual([
      { walletId: spender.walletId, userId: spender.id, remaining: 0 },
    ]);
    expect(ofType(events, 'balance.low')).toHaveLength(2);
  });

  it('a new wallet whose first credit is a grant of 5 hears balance.low at once (below 10, nothing said before)', async () => {
    const user = await createUser(t);
    await adminCredits(user, { amount: 5, reason: 'first' });
    const events = await receivedFor(user.walletId);
    expect(ofType(events, 'balance.low').map((e) => e.data)).toEqual([
      { walletId: user.walletId, userId: user.id, remaining: 5, threshold: 10 },
    ]);
    expect(ofType(events, 'balance.depleted')).toEqual([]);
  });
});

describe('expiry', () => {
  it('a grant expiring within the notice window → one credits.expiring_soon; after expiry → one credits.expired', async () => {
    const holder = await createUser(t, { credits: 50 });
    const granted = await adminCredits(holder, { amount: 30, reason: 'promo', expiresInDays: 2 });
    const grantId = granted.body.grantId as string;
    // A grant outside the window is noticed by the sweeper once it comes within it.
    const later = await adminCredits(holder, { amount: 20, reason: 'promo', expiresInDays: 30 });
    const sweeper = t.app.get(GrantExpirySweeper);
    await sweeper.sweep();
    let events = await receivedFor(holder.walletId);
    expect(ofType(events, 'credits.expiring_soon').map((e) => e.data)).toEqual([
      {
        walletId: holder.walletId,
        userId: holder.id,
        grantId,
        remaining: 30,
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    await t.prisma.creditGrant.update({
      where: { id: later.body.grantId },
      data: { expiresAt: new Date(Date.now() + 3 * 86_400_000) },
    });
    await sweeper.sweep();
    await sweeper.sweep();
    events = await receivedFor(holder.walletId);
    expect(ofType(events, 'credits.expiring_soon').map((e) => e.data.grantId)).toEqual([
      grantId,
      later.body.grantId,
    ]);

    // Past expiry: the sweeper writes the 30 off and says so, once.
    await t.prisma.creditGrant.update({
      where: { id: grantId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await sweeper.sweep();
    await sweeper.sweep();
    events = await receivedFor(holder.walletId);
    expect(ofType(events, 'credits.expired').map((e) => e.data)).toEqual([
      { walletId: holder.walletId, userId: holder.id, grantId, amount: 30 },
    ]);
    expect(ofType(events, 'credits.expiring_soon')).toHaveLength(2);
  });

  it('what a settle gives back to a grant that expired during the request is written off with credits.expired', async () => {
    const holder = await createUser(t, {
      grants: [{ amount: 20, expiresAt: new Date(Date.now() + 86_400_000) }],
    });
    const credits = t.app.get(CreditsRepository);
    const hold = await credits.hold(holder.actor, 20, 'POST /test', 300);
    expect(hold.held).toBe(true);
    const [grant] = await t.prisma.creditGrant.findMany({ where: { walletId: holder.walletId } });
    await t.prisma.creditGrant.update({
      where: { id: grant!.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const settled = await credits.settle(holder.actor, (hold as { reservationId: string }).reservationId, 5);
    expect(settled).toEqual({ charged: 5, remaining: 0 });
    const events = await receivedFor(holder.walletId);
    expect(ofType(events, 'credits.expired').map((e) => e.data)).toEqual([
      { walletId: holder.walletId, userId: holder.id, grantId: grant!.id, amount: 15 },
    ]);
    expect(ofType(events, 'balance.depleted')).toHaveLength(1);
  });
});

describe('rollback', () => {
  it('a change that rolls back emits nothing', async () => {
    const user = await createUser(t, { credits: 5 });
    const before = await receivedFor(user.walletId);
    const ledger = t.app.get(LedgerRepository);
    await expect(
      t.app.get(SqlDatabase).transaction(async (tx) => {
        await ledger.credit(
          {
            walletId: user.walletId,
            type: 'GRANT',
            amount: 50,
            reference: 'rolled-back',
            description: 'never',
            grant: {
              source: 'ADMIN_GRANT',
              category: 'PROMOTIONAL',
              expiresAt: new Date(Date.now() + 86_400_000),
            },
          },
          tx,
        );
        await ledger.debit(
          {
            walletId: user.walletId,
            type: 'ADJUSTMENT',
            amount: 55,
            reference: 'rolled-back-out',
            description: 'never',
            allowDebt: false,
          },
          tx,
        );
        expect(
          await tx.query(Prisma.sql`SELECT 1 FROM "OutboxEvent" WHERE "walletId" = ${user.walletId}::uuid`),
        ).not.toHaveLength(0);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.prisma.outboxEvent.count({ where: { walletId: user.walletId } })).toBe(before.length);
    expect(await t.prisma.creditExpiryNotice.count({ where: { walletId: user.walletId } })).toBe(0);
    expect(await receivedFor(user.walletId)).toEqual(before);
  });
});

describe('metrics', () => {
  function sample(text: string, name: string, labels = ''): number {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('forge_outbox_lag_seconds while an event waits, 0 once delivered; deliveries counted by outcome', async () => {
    receiver.handle('/failing', (_request, response) => response.writeHead(500).end());
    await t.http
      .post('/api/admin/webhook-endpoints')
      .set(admin.auth)
      .send({ url: `${receiver.url}/failing`, events: ['credits.granted'] })
      .expect(201);
    const user = await createUser(t);
    await receivedFor(user.walletId); // nothing is due now
    await adminCredits(user, { amount: 50, reason: 'metrics' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let text = (await t.http.get('/metrics').expect(200)).text;
    expect(sample(text, 'forge_outbox_lag_seconds')).toBeGreaterThan(0);
    const deliveredBefore = sample(text, 'forge_event_deliveries_total', '{outcome="delivered"}');

    await receivedFor(user.walletId);
    text = (await t.http.get('/metrics').expect(200)).text;
    // The failing endpoint's delivery waits for its retry (5 s): it is the lag now, and it is counted.
    expect(sample(text, 'forge_event_deliveries_total', '{outcome="retrying"}')).toBe(1);
    expect(sample(text, 'forge_event_deliveries_total', '{outcome="delivered"}')).toBe(deliveredBefore + 1);
    expect(sample(text, 'forge_event_deliveries_total', '{outcome="dead"}')).toBe(0);
    expect(sample(text, 'forge_outbox_lag_seconds')).toBeGreaterThan(0);
    await t.prisma.webhookEndpoint.updateMany({
      where: { url: { endsWith: '/failing' } },
      data: { enabled: false },
    });
    text = (await t.http.get('/metrics').expect(200)).text;
    expect(sample(text, 'forge_outbox_lag_seconds')).toBe(0);
  });
});
