import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /api/billing/quote prices any number of credits exactly as a checkout charges it, and refuses what
 * a checkout refuses with the same 400 INVALID_CREDITS, so a pricing page never computes a price itself.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('GET /api/billing/quote', () => {
  it.each([
    [50, 1, 1000, 1000],
    [100, 2, 900, 1800],
    [150, 3, 900, 2700],
    [250, 5, 800, 4000],
    [50_000, 1000, 800, 800_000],
  ])('is public: %i credits = %i units at %i = %i cents', async (credits, units, unitAmount, amount) => {
    const response = await t.http.get(`/api/billing/quote?credits=${credits}`).expect(200);
    expect(response.body).toEqual({ credits, units, unitAmount, amount, currency: 'usd' });
  });

  it('quotes what a checkout for the same credits then charges', async () => {
    const user = await createUser(t);
    for (const credits of [50, 200, 650]) {
      const quote = await t.http.get('/api/billing/quote').query({ credits }).expect(200);
      const checkout = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits })
        .expect(201);
      expect(checkout.body).toMatchObject({
        credits,
        amount: quote.body.amount,
        currency: quote.body.currency,
      });
    }
  });

  it.each(['', '0', '-50', '75', '50.0', '1e2', '0x32', ' 100', '50050', '100000000000', 'abc'])(
    'refuses credits=%j with 400 INVALID_CREDITS, like a checkout',
    async (credits) => {
      const response = await t.http
        .get(`/api/billing/quote?credits=${encodeURIComponent(credits)}`)
        .expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: 'INVALID_CREDITS',
        message: expect.any(String),
      });
    },
  );

  it('refuses a missing or repeated credits parameter, and unknown parameters', async () => {
    for (const path of ['/api/billing/quote', '/api/billing/quote?credits=50&credits=100']) {
      const response = await t.http.get(path).expect(400);
      expect(response.body.code).toBe('INVALID_CREDITS');
    }
    const unknown = await t.http.get('/api/billing/quote?credits=50&price=1').expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
  });

  it('follows the tiers that GET /api/billing/packs publishes', async () => {
    const packs = await t.http.get('/api/billing/packs').expect(200);
    expect(packs.body.tiers).toEqual([
      { minUnits: 1, unitAmount: 1000 },
      { minUnits: 2, unitAmount: 900 },
      { minUnits: 5, unitAmount: 800 },
    ]);
    for (const tier of packs.body.tiers) {
      const credits = tier.minUnits * packs.body.creditsPerUnit;
      const quote = await t.http.get(`/api/billing/quote?credits=${credits}`).expect(200);
      expect(quote.body).toMatchObject({
        unitAmount: tier.unitAmount,
        amount: tier.minUnits * tier.unitAmount,
      });
    }
  });
});
