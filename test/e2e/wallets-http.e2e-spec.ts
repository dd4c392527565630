import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, grantCredits, grantOneOfEachDrawDownRule, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The wallet's reads over HTTP: grants in draw-down order (each filter keyset-paginated, expiry shown
 * before the sweeper runs), ledger rows with the grants they touched, and usage by day, route and member.
 */

const DAY_MS = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function generate(user: TestUser | { auth: Record<string, string> }, expected = 201) {
  return t.http.post('/api/ai/generate').set(user.auth).send({ prompt: 'draw' }).expect(expected);
}

/** Every page of a list, following nextCursor. */
async function allPages(user: TestUser, path: string, query: Record<string, string | number>) {
  const items: { id: string }[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const response = await t.http
      .get(path)
      .set(user.auth)
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .expect(200);
    items.push(...response.body.items);
    pages.push(response.body.items.length);
    cursor = response.body.nextCursor ?? undefined;
  } while (cursor);
  return { items, pages };
}

describe('GET /api/credits/grants', () => {
  it('lists ACTIVE grants in draw-down order, pages keep that order, and USAGE rows show the same order', async () => {
    const user = await createUser(t);
    const [paidPurchase, promoNoExpiry, promoExpiring, priority10] = await grantOneOfEachDrawDownRule(
      t,
      user.walletId,
    );
    const order = [priority10, promoExpiring, promoNoExpiry, paidPurchase];

    const first = await t.http.get('/api/credits/grants').set(user.auth).expect(200);
    expect(first.body.items.map((g: { id: string }) => g.id)).toEqual(order);
    expect(first.body.nextCursor).toBeNull();
    expect(first.body.items[1]).toEqual({
      id: promoExpiring,
      source: 'ADMIN_GRANT',
      category: 'PROMOTIONAL',
      amount: 10,
      remaining: 10,
      held: 0,
      priority: 50,
      expiresAt: expect.any(String),
      orderId: null,
      createdAt: expect.any(String),
      status: 'ACTIVE',
    });
    const paged = await allPages(user, '/api/credits/grants', { limit: 1 });
    expect(paged.items.map((g) => g.id)).toEqual(order);
    expect(paged.pages).toEqual([1, 1, 1, 1]);

    for (let i = 0; i < 4; i++) await generate(user);
    const ledger = await t.http.get('/api/credits/transactions').set(user.auth).expect(200);
    const usage = ledger.body.items.filter((row: { type: string }) => row.type === 'USAGE').toReversed();
    expect(usage.map((row: { grants: unknown }) => row.grants)).toEqual([
      [{ grantId: priority10, category: 'PAID', amount: -10 }],
      [{ grantId: promoExpiring, category: 'PROMOTIONAL', amount: -10 }],
      [{ grantId: promoNoExpiry, category: 'PROMOTIONAL', amount: -10 }],
      [{ grantId: paidPurchase, category: 'PAID', amount: -10 }],
    ]);

    // All spent: nothing ACTIVE, all four DEPLETED, in the same order.
    expect((await t.http.get('/api/credits/grants').set(user.auth).expect(200)).body.items).toEqual([]);
    const depleted = await allPages(user, '/api/credits/grants', { status: 'DEPLETED', limit: 3 });
    expect(depleted.items.map((g) => g.id)).toEqual(order);
    expect(depleted.pages).toEqual([3, 1]);
  });

  it('a grant past its expiry lists as EXPIRED before the sweeper has run, with only its held credits', async () => {
    const user = await createUser(t, { credits: 5 });
    const [expiring] = await grantCredits(t, user.walletId, [
      { amount: 20, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 1500) },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const active = await t.http.get('/api/credits/grants').set(user.auth).expect(200);
    expect(active.body.items.map((g: { id: string }) => g.id)).not.toContain(expiring);
    const expired = await t.http.get('/api/credits/grants?status=EXPIRED').set(user.auth).expect(200);
    expect(expired.body.items).toEqual([
      expect.objectContaining({ id: expiring, status: 'EXPIRED', remaining: 0 }),
    ]);
    // The stored row is still ACTIVE: only the response shows what the sweeper will do.
    expect((await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: expiring } })).status).toBe('ACTIVE');
    const all = await t.http.get('/api/credits/grants?status=ALL').set(user.auth).expect(200);
    expect(all.body.items).toHaveLength(2);
  });

  it('rejects an unknown status, a bad limit, and a cursor of another filter', async () => {
    const user = await createUser(t, { grants: [{ amount: 1 }, { amount: 2 }] });
    for (const query of ['status=SPENT', 'status=active', 'limit=0', 'limit=101']) {
      const response = await t.http.get(`/api/credits/grants?${query}`).set(user.auth).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const page = await t.http.get('/api/credits/grants?limit=1').set(user.auth).expect(200);
    const other = await t.http
      .get('/api/credits/grants')
      .query({ status: 'ALL', cursor: page.body.nextCursor })
      .set(user.auth)
      .expect(400);
    expect(other.body.code).toBe('INVALID_CURSOR');
    await t.http.get('/api/credits/grants').expect(401);
  });

  it("never shows another wallet's grants", async () => {
    const owner = await createUser(t, { credits: 10 });
    const other = await createUser(t);
    expect(
      (await t.http.get('/api/credits/grants?status=ALL').set(other.auth).expect(200)).body.items,
    ).toEqual([]);
    expect((await t.http.get('/api/credits/grants').set(owner.auth).expect(200)).body.items).toHaveLength(1);
  });
});

describe('GET /api/credits/transactions with grants, debt and actor', () => {
  it('every row adds grants, debtPaid, debtAdded, actorUserId and apiKeyId; the grants explain the amount', async () => {
    const user = await createUser(t);
    const [promo, paid] = await grantCredits(t, user.walletId, [
      { amount: 15, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + DAY_MS) },
      { amount: 20, category: 'PAID' },
    ]);
    const key = await t.http.post('/api/auth/api-keys').set(user.auth).send({ name: 'ci' }).expect(201);
    await generate(user);
    await generate({ auth: { 'X-API-Key': key.body.key } });
    const response = await t.http.get('/api/credits/transactions').set(user.auth).expect(200);
    const [second, first] = response.body.items;
    expect(first).toMatchObject({
      type: 'USAGE',
      amount: -10,
      grants: [{ grantId: promo, category: 'PROMOTIONAL', amount: -10 }],
      debtPaid: 0,
      debtAdded: 0,
      actorUserId: user.id,
      apiKeyId: null,
    });
    expect(second).toMatchObject({
      type: 'USAGE',
      amount: -10,
      grants: [
        { grantId: promo, category: 'PROMOTIONAL', amount: -5 },
        { grantId: paid, category: 'PAID', amount: -5 },
      ],
      actorUserId: user.id,
      apiKeyId: key.body.id,
    });
    for (const row of response.body.items as {
      amount: number;
      debtPaid: number;
      debtAdded: number;
      grants: { amount: number }[];
    }[]) {
      const granted = row.grants.reduce((sum, grant) => sum + grant.amount, 0);
      expect(granted + row.debtPaid - row.debtAdded).toBe(row.amount);
    }
  });

  it('reads the grants of a whole page in one query: a page of 20 rows costs what a page of 2 costs', async () => {
    const user = await createUser(t, { credits: 500 });
    for (let i = 0; i < 20; i++) await generate(user);
    const countQueries = async (limit: number) => {
      const sent = vi.spyOn(pg.Client.prototype, 'query');
      try {
        const page = await t.http.get(`/api/credits/transactions?limit=${limit}`).set(user.auth).expect(200);
        expect(page.body.items).toHaveLength(limit);
        expect(page.body.items.every((row: { grants: unknown[] }) => row.grants.length === 1)).toBe(true);
        return sent.mock.calls.length;
      } finally {
        sent.mockRestore();
      }
    };
    const small = await countQueries(2);
    expect(await countQueries(20)).toBe(small);
    expect(small).toBeLessThanOrEqual(2);
  });
});

describe('GET /api/credits/usage', () => {
  /** Moves every USAGE row of the wallet (and its reservation) to `at`, as if the request ran then. */
  async function backdate(walletId: string, at: Date, take: number) {
    const rows = await t.prisma.creditTransaction.findMany({
      where: { walletId, type: 'USAGE', createdAt: { gt: new Date(Date.now() - 60_000) } },
      orderBy: { createdAt: 'desc' },
      take,
    });
    await t.prisma.creditTransaction.updateMany({
      where: { id: { in: rows.map((row) => row.id) } },
      data: { createdAt: at },
    });
  }

  it('by day: [from, to) in UTC, ascending, days without usage included; by route: POST /api/ai/generate', async () => {
    const user = await createUser(t, { credits: 1000 });
    for (let i = 0; i < 3; i++) await generate(user);
    await backdate(user.walletId, new Date('2026-11-03T23:59:59.999Z'), 3);
    for (let i = 0; i < 2; i++) await generate(user);
    await backdate(user.walletId, new Date('2026-11-05T00:00:00.000Z'), 2);
    await generate(user);
    await backdate(user.walletId, new Date('2026-11-06T00:00:00.000Z'), 1);

    const reservation = await t.prisma.reservation.findFirstOrThrow({ where: { walletId: user.walletId } });
    expect(reservation.route).toBe('POST /api/ai/generate');

    const byDay = await t.http
      .get('/api/credits/usage?from=2026-11-02&to=2026-11-06')
      .set(user.auth)
      .expect(200);
    expect(byDay.body).toEqual({
      items: [
        { key: '2026-11-02', credits: 0, requests: 0 },
        { key: '2026-11-03', credits: 30, requests: 3 },
        { key: '2026-11-04', credits: 0, requests: 0 },
        { key: '2026-11-05', credits: 20, requests: 2 },
      ],
    });
    // RFC 3339 with an offset: 2026-11-05T01:00+02:00 is 2026-11-04T23:00Z.
    const offset = await t.http
      .get('/api/credits/usage')
      .query({ from: '2026-11-03T23:59:59.999Z', to: '2026-11-05T01:00:00+02:00' })
      .set(user.auth)
      .expect(200);
    expect(offset.body.items).toEqual([
      { key: '2026-11-03', credits: 30, requests: 3 },
      { key: '2026-11-04', credits: 0, requests: 0 },
    ]);

    const byRoute = await t.http
      .get('/api/credits/usage?from=2026-11-01&to=2026-11-30&groupBy=route')
      .set(user.auth)
      .expect(200);
    expect(byRoute.body).toEqual({ items: [{ key: 'POST /api/ai/generate', credits: 60, requests: 6 }] });
  });

  it('by default the 30 UTC days ending today, today last', async () => {
    const user = await createUser(t, { credits: 100 });
    await generate(user);
    const response = await t.http.get('/api/credits/usage').set(user.auth).expect(200);
    expect(response.body.items).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(response.body.items.at(-1)).toEqual({ key: today, credits: 10, requests: 1 });
    expect(response.body.items[0].key).toBe(new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10));
  });

  it('route sorts by credits, descending; member is only for organization wallets (400 here)', async () => {
    const user = await createUser(t, { credits: 100 });
    await generate(user);
    await t.http.post('/api/ai/summarize').set(user.auth).send({ text: 'short' }).expect(201);
    const byRoute = await t.http.get('/api/credits/usage?groupBy=route').set(user.auth).expect(200);
    expect(byRoute.body.items).toEqual([
      { key: 'POST /api/ai/generate', credits: 10, requests: 1 },
      { key: 'POST /api/ai/summarize', credits: 1, requests: 1 },
    ]);
    const member = await t.http.get('/api/credits/usage?groupBy=member').set(user.auth).expect(400);
    expect(member.body.code).toBe('VALIDATION_FAILED');
  });

  it('rejects bad dates, from not before to, more than 366 days, and unknown groupings', async () => {
    const user = await createUser(t);
    const bad = [
      'from=2026-13-01',
      'from=2026-02-30',
      'from=yesterday',
      'to=2026-11-01T10:00:00',
      'from=2026-11-05&to=2026-11-05',
      'from=2026-11-06&to=2026-11-05',
      'from=2025-01-01&to=2026-01-03',
      'groupBy=week',
    ];
    for (const query of bad) {
      const response = await t.http.get(`/api/credits/usage?${query}`).set(user.auth);
      expect(response.status, query).toBe(400);
      expect(response.body.code, query).toBe('VALIDATION_FAILED');
    }
    // Exactly 366 days is allowed.
    const leap = await t.http
      .get('/api/credits/usage?from=2028-01-01&to=2029-01-01')
      .set(user.auth)
      .expect(200);
    expect(leap.body.items).toHaveLength(366);
  });
});
