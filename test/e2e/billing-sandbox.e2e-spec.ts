import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, createUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The sandbox, end to end on a fresh machine with no provider account: checkout → the page served by
 * this service → Pay → the balance grows by exactly the order's credits, once.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** The path of an absolute checkout URL under PUBLIC_URL, for supertest. */
function pathOf(checkoutUrl: string): string {
  return new URL(checkoutUrl).pathname;
}

describe('sandbox checkout', () => {
  it('serves the checkout page for the order: credits, price, Pay and Cancel', async () => {
    const user = await createUser(t);
    const checkout = await t.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 250 })
      .expect(201);
    expect(checkout.body).toMatchObject({ provider: 'sandbox', amount: 4000, status: 'PENDING' });
    expect(checkout.body.checkoutUrl).toBe(
      `${t.config.publicUrl}/api/payments/sandbox/checkout/${checkout.body.sessionId}`,
    );

    const page = await t.http.get(pathOf(checkout.body.checkoutUrl)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('250 credits');
    expect(page.text).toContain('40.00 USD');
    expect(page.text).toMatch(/Pay/);
    expect(page.text).toMatch(/Cancel/);
  });

  it('Pay credits exactly the order’s credits, once, however often it is pressed', async () => {
    const user = await createUser(t, { credits: 10 });
    const checkout = await t.http
      .post('/api/billing/checkout-sessions')
      .set(user.auth)
      .send({ credits: 100 })
      .expect(201);
    const path = pathOf(checkout.body.checkoutUrl);

    const paid = await t.http.post(`${path}/pay`).expect(200);
    await t.http.post(`${path}/pay`).expect(200);
    // Back to the web app's order page, as a real provider's success_url would send the customer.
    expect(paid.text).toContain(
      `href="${t.config.publicUrl}/orders/${checkout.body.orderId}?checkout=success"`,
    );

    expect((await balanceOf(t, user.id)).remaining).toBe(110);
    const order = await t.http.get(`/api/billing/orders/${checkout.body.orderId}`).set(user.auth).expect(200);
    expect(order.body).toMatchObject({ status: 'PAID', credits: 100, amount: 1800 });
  });

  it('an unknown sandbox session is 404', async () => {
    await t.http.get('/api/payments/sandbox/checkout/sbx_00000000000000000000000000000000').expect(404);
  });
});
