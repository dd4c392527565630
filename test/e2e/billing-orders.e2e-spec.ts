import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Orders and the billing address (docs/api.md, "Buying credits"), with no provider configured: checkouts go
 * through the sandbox, which needs no account.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function buy(user: TestUser, credits: number) {
  return (await t.http.post('/api/billing/checkout-sessions').set(user.auth).send({ credits }).expect(201))
    .body;
}

const ORDER_KEYS = [
  'amount',
  'amountPaid',
  'createdAt',
  'credits',
  'creditsClawedBack',
  'currency',
  'id',
  'provider',
  'refundedAmount',
  'sessionId',
  'status',
  'updatedAt',
];

describe('GET /api/billing/orders', () => {
  it("lists the user's own orders, newest first, as order DTOs", async () => {
    const user = await createUser(t);
    const other = await createUser(t);
    const first = await buy(user, 50);
    const second = await buy(user, 100);
    await buy(other, 250);

    const response = await t.http.get('/api/billing/orders').set(user.auth).expect(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((order: { id: string }) => order.id)).toEqual([
      second.orderId,
      first.orderId,
    ]);
    expect(Object.keys(response.body.items[0]).sort()).toEqual(ORDER_KEYS);
    expect(response.body.items[0]).toEqual({
      id: second.orderId,
      provider: 'sandbox',
      sessionId: second.sessionId,
      credits: 100,
      amount: 1800,
      amountPaid: null,
      currency: 'usd',
      status: 'PENDING',
      refundedAmount: 0,
      creditsClawedBack: 0,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('pages with limit and cursor without skipping or repeating orders that share a timestamp', async () => {
    const user = await createUser(t);
    const sameInstant = new Date('2030-01-01T00:00:00.000Z');
    const created = await Promise.all(
      [0, 1, 2, 3, 4].map((index) =>
        t.prisma.order.create({
          data: {
            userId: user.id,
            walletId: user.walletId,
            provider: 'sandbox',
            credits: 50,
            amount: 1000,
            // Three share one instant; the id breaks the tie.
            createdAt: index < 3 ? sameInstant : new Date(sameInstant.getTime() + index * 1000),
          },
        }),
      ),
    );
    const expected = [...created]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((order) => order.id);

    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const response = await t.http
        .get('/api/billing/orders')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(user.auth)
        .expect(200);
      seen.push(...response.body.items.map((order: { id: string }) => order.id));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it.each([
    ['limit=0', { limit: 0 }, 'VALIDATION_FAILED'],
    ['limit=101', { limit: 101 }, 'VALIDATION_FAILED'],
    ['limit=abc', { limit: 'abc' }, 'VALIDATION_FAILED'],
    ['a forged cursor', { cursor: 'bm90LWEtY3Vyc29y' }, 'INVALID_CURSOR'],
  ])('%s → 400 %s', async (_label, query, code) => {
    const user = await createUser(t);
    const response = await t.http.get('/api/billing/orders').query(query).set(user.auth).expect(400);
    expect(response.body.code).toBe(code);
  });
});

describe('GET /api/billing/orders/:id', () => {
  it('returns the order to its owner', async () => {
    const user = await createUser(t);
    const { orderId, sessionId } = await buy(user, 150);
    const response = await t.http.get(`/api/billing/orders/${orderId}`).set(user.auth).expect(200);
    expect(response.body).toMatchObject({
      id: orderId,
      sessionId,
      credits: 150,
      amount: 2700,
      status: 'PENDING',
    });
  });

  it("another user's order is 404, exactly like an unknown one", async () => {
    const owner = await createUser(t);
    const stranger = await createUser(t);
    const { orderId } = await buy(owner, 50);
    const theirs = await t.http.get(`/api/billing/orders/${orderId}`).set(stranger.auth).expect(404);
    const unknown = await t.http.get(`/api/billing/orders/${randomUUID()}`).set(stranger.auth).expect(404);
    expect(theirs.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Order not found' });
    expect(unknown.body).toEqual(theirs.body);
  });

  it('an id that is not a UUID is 404', async () => {
    const user = await createUser(t);
    const response = await t.http.get('/api/billing/orders/not-an-id').set(user.auth).expect(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

describe('billing address', () => {
  const ADDRESS = {
    name: 'Ada Lovelace',
    line1: '12 St James’s Square',
    city: 'London',
    postalCode: 'SW1Y 4LE',
    country: 'gb',
  };

  it('GET is 404 NOT_FOUND before the first PUT', async () => {
    const user = await createUser(t);
    const response = await t.http.get('/api/billing/address').set(user.auth).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('PUT then GET round-trips, with the country upper-cased and strings trimmed', async () => {
    const user = await createUser(t);
    const put = await t.http
      .put('/api/billing/address')
      .set(user.auth)
      .send({ ...ADDRESS, line1: '  12 St James’s Square ', line2: '' })
      .expect(200);
    const expected = {
      name: 'Ada Lovelace',
      line1: '12 St James’s Square',
      line2: null,
      city: 'London',
      state: null,
      postalCode: 'SW1Y 4LE',
      country: 'GB',
      updatedAt: expect.any(String),
    };
    expect(put.body).toEqual(expected);
    const get = await t.http.get('/api/billing/address').set(user.auth).expect(200);
    expect(get.body).toEqual(put.body);
    expect(await t.prisma.billingAddress.count({ where: { userId: user.id } })).toBe(1);
  });

  it('a second PUT replaces the whole address (one row per user; left-out optional fields are cleared)', async () => {
    const user = await createUser(t);
    await t.http
      .put('/api/billing/address')
      .set(user.auth)
      .send({ ...ADDRESS, line2: 'Flat 3', state: 'Greater London' })
      .expect(200);
    const replaced = await t.http
      .put('/api/billing/address')
      .set(user.auth)
      .send({ line1: '1 Infinite Loop', city: 'Cupertino', postalCode: '95014', country: 'US' })
      .expect(200);
    expect(replaced.body).toMatchObject({
      name: null,
      line1: '1 Infinite Loop',
      line2: null,
      state: null,
      country: 'US',
    });
    expect(await t.prisma.billingAddress.count({ where: { userId: user.id } })).toBe(1);
    const other = await createUser(t);
    await t.http.get('/api/billing/address').set(other.auth).expect(404);
  });

  it.each([
    ['a country that is not ISO 3166-1 alpha-2 (UK)', { ...ADDRESS, country: 'UK' }, 'country'],
    ['a three-letter country', { ...ADDRESS, country: 'GBR' }, 'country'],
    ['a numeric country', { ...ADDRESS, country: 826 }, 'country'],
    ['missing line1', { ...ADDRESS, line1: undefined }, 'line1'],
    ['a blank line1', { ...ADDRESS, line1: '   ' }, 'line1'],
    ['missing postalCode', { ...ADDRESS, postalCode: undefined }, 'postalCode'],
    ['a line1 over 200 characters', { ...ADDRESS, line1: 'x'.repeat(201) }, 'line1'],
    ['an unknown field', { ...ADDRESS, vatId: 'GB123' }, 'vatId'],
  ])('%s → 400 VALIDATION_FAILED naming the field, nothing stored', async (_label, body, field) => {
    const user = await createUser(t);
    const response = await t.http.put('/api/billing/address').set(user.auth).send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    expect(await t.prisma.billingAddress.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/api/billing/orders'],
    ['GET', `/api/billing/orders/${randomUUID()}`],
    ['GET', '/api/billing/address'],
    ['PUT', '/api/billing/address'],
    ['POST', '/api/billing/checkout-sessions'],
  ])('%s %s → 401 without credentials', async (method, path) => {
    const request =
      method === 'GET' ? t.http.get(path) : method === 'PUT' ? t.http.put(path) : t.http.post(path);
    const response = await request.send({}).expect(401);
    expect(response.body.code).toBe('UNAUTHORIZED');
  });
});
