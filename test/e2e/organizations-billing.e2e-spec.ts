import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDodoServer, startFakeDodoServer } from '../support/fake-dodo-server.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { addMember, createOrganization } from '../support/organizations.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { postDodo, postStripe } from '../support/webhook-requests.js';
import {
  dodoPaymentEvent,
  dodoRefundEvent,
  stripeChargeRefundedEvent,
  stripeCheckoutEvent,
} from '../support/webhook-signers.js';

/**
 * Buying for an organization: a checkout with X-Organization-Id makes an order of the organization's
 * wallet; the same fulfilment pipeline credits the grant there, and a refund claws it back from there.
 */

const STRIPE_SECRET = 'whsec_orgs_billing_stripe_secret_0123456789';
const DODO_KEY = `whsec_${Buffer.from('dodo-key-for-the-organizations-billing-suite').toString('base64')}`;

let t: TestApp;
let stripe: FakeStripeServer;
let dodo: FakeDodoServer;

beforeAll(async () => {
  [stripe, dodo] = await Promise.all([startFakeStripeServer(), startFakeDodoServer()]);
  t = await createTestApp({ env: { ...stripe.env(STRIPE_SECRET), ...dodo.env(DODO_KEY) } });
});
afterAll(async () => {
  await t?.close();
  await Promise.all([stripe?.close(), dodo?.close()]);
});

async function walletOf(id: string) {
  const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { id } });
  return { creditsTotal: wallet.creditsTotal, creditsUsed: wallet.creditsUsed, debt: wallet.debt };
}

describe('an organization purchase', () => {
  it('through Stripe lands in the organization wallet only; a refund claws from it', async () => {
    const org = await createOrganization(t);
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const created = await t.http
      .post('/api/billing/checkout-sessions')
      .set(admin.auth)
      .set(org.header)
      .send({ credits: 100, provider: 'stripe' });
    expect(created.status).toBe(201);
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: created.body.orderId } });
    expect(order).toMatchObject({ walletId: org.walletId, userId: admin.id });

    const paymentIntent = 'pi_orgs_billing_stripe_1';
    await postStripe(
      t,
      stripeCheckoutEvent('checkout.session.completed', {
        id: order.providerSessionId!,
        orderId: order.id,
        amountTotal: order.amount,
        paymentIntent,
      }),
      { secret: STRIPE_SECRET },
    ).expect(200);
    expect(await walletOf(org.walletId)).toEqual({ creditsTotal: 100, creditsUsed: 0, debt: 0 });
    expect(await walletOf(admin.walletId)).toEqual({ creditsTotal: 0, creditsUsed: 0, debt: 0 });
    const grant = await t.prisma.creditGrant.findFirstOrThrow({ where: { orderId: order.id } });
    expect(grant).toMatchObject({ walletId: org.walletId, source: 'PURCHASE', amount: 100 });
    const orders = await t.http.get('/api/billing/orders').set(org.owner.auth).set(org.header);
    expect(orders.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [order.id, 'PAID'],
    ]);

    // The team spends a little, then the payment is refunded in full.
    const member = await addMember(t, org, 'MEMBER');
    await t.http.post('/api/ai/generate').set(member.auth).set(org.header).send({ prompt: 'p' }).expect(201);
    await postStripe(
      t,
      stripeChargeRefundedEvent({ paymentIntent, amount: order.amount, amountRefunded: order.amount }),
      {
        secret: STRIPE_SECRET,
      },
    ).expect(200);
    // 90 credits are left to claw; the 10 already spent become the organization's debt (not the buyer's).
    expect(await walletOf(org.walletId)).toEqual({ creditsTotal: 0, creditsUsed: 10, debt: 10 });
    const clawback = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { orderId: order.id, type: 'REFUND_CLAWBACK' },
    });
    expect(clawback).toMatchObject({ walletId: org.walletId, amount: -100, debtAdded: 10, userId: null });
    expect(await walletOf(admin.walletId)).toEqual({ creditsTotal: 0, creditsUsed: 0, debt: 0 });
  });

  it('through Dodo lands in the organization wallet only; a partial refund claws in proportion from it', async () => {
    const org = await createOrganization(t);
    const created = await t.http
      .post('/api/billing/checkout-sessions')
      .set(org.owner.auth)
      .set(org.header)
      .send({ credits: 100, provider: 'dodo' });
    expect(created.status).toBe(201);
    const order = await t.prisma.order.findUniqueOrThrow({ where: { id: created.body.orderId } });
    expect(order.walletId).toBe(org.walletId);
    const paymentId = 'pay_orgs_billing_dodo_1';
    await postDodo(
      t,
      dodoPaymentEvent('payment.succeeded', {
        paymentId,
        checkoutSessionId: order.providerSessionId!,
        orderId: order.id,
        amount: order.amount,
      }),
      { key: DODO_KEY },
    ).expect(200);
    expect(await walletOf(org.walletId)).toEqual({ creditsTotal: 100, creditsUsed: 0, debt: 0 });
    expect(await walletOf(org.owner.walletId)).toEqual({ creditsTotal: 0, creditsUsed: 0, debt: 0 });

    await postDodo(t, dodoRefundEvent({ paymentId, amount: order.amount / 2, isPartial: true }), {
      key: DODO_KEY,
    }).expect(200);
    expect(await walletOf(org.walletId)).toEqual({ creditsTotal: 50, creditsUsed: 0, debt: 0 });
    const balance = await t.http.get('/api/credits/balance').set(org.owner.auth).set(org.header);
    expect(balance.body).toMatchObject({ walletId: org.walletId, remaining: 50, paid: 50 });
  });

  it('a MEMBER cannot buy for the organization (403); the billing address sent is the organization’s', async () => {
    const org = await createOrganization(t);
    const member = await addMember(t, org, 'MEMBER');
    const refused = await t.http
      .post('/api/billing/checkout-sessions')
      .set(member.auth)
      .set(org.header)
      .send({ credits: 100, provider: 'stripe' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(await t.prisma.order.count({ where: { walletId: org.walletId } })).toBe(0);

    await t.http
      .put('/api/billing/address')
      .set(org.owner.auth)
      .set(org.header)
      .send({ name: 'Acme Inc', line1: '9 Team Rd', city: 'Berlin', postalCode: '10115', country: 'DE' })
      .expect(200);
    await t.http
      .post('/api/billing/checkout-sessions')
      .set(org.owner.auth)
      .set(org.header)
      .send({ credits: 50, provider: 'dodo' })
      .expect(201);
    const sent = dodo.checkoutCreates.at(-1)!.body as {
      billing_address?: { street?: string; country?: string };
    };
    expect(sent.billing_address).toMatchObject({ country: 'DE' });
    // The owner's personal wallet has no address of its own.
    expect((await t.http.get('/api/billing/address').set(org.owner.auth)).status).toBe(404);
  });
});
