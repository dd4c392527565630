import { byText } from '../support/ordering.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { clawBackCredits, createUser, grantCredits, type TestUser } from '../support/factories.js';
import { addMember, createOrganization, type TestOrganization } from '../support/organizations.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Organizations and team wallets: who may do what (a table that reads like the contract's), the lifecycle
 * (members, roles, LAST_OWNER, delete and forfeit), organization API keys and wallet selection.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

type Caller = 'OWNER' | 'BILLING_ADMIN' | 'MEMBER' | 'OUTSIDER';

interface Row {
  route: string;
  call: (caller: TestUser, ctx: TableContext) => Promise<{ status: number; body: unknown }>;
  expect: Record<Caller, number>;
}

interface TableContext {
  org: TestOrganization;
  target: TestUser;
}

const ADDRESS = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };

/** Each role against each route: allowed, 403 or 404 (not a member). */
const TABLE: Row[] = [
  {
    route: 'GET /api/organizations/:id',
    call: (u, { org }) => t.http.get(`/api/organizations/${org.id}`).set(u.auth),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 200, OUTSIDER: 404 },
  },
  {
    route: 'PATCH /api/organizations/:id {name}',
    call: (u, { org }) => t.http.patch(`/api/organizations/${org.id}`).set(u.auth).send({ name: 'Renamed' }),
    expect: { OWNER: 200, BILLING_ADMIN: 403, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/organizations/:id/members',
    call: (u, { org }) => t.http.get(`/api/organizations/${org.id}/members`).set(u.auth),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 200, OUTSIDER: 404 },
  },
  {
    route: 'POST /api/organizations/:id/members',
    call: async (u, { org }) => {
      const newcomer = await createUser(t);
      return t.http
        .post(`/api/organizations/${org.id}/members`)
        .set(u.auth)
        .send({ email: newcomer.email, role: 'MEMBER' });
    },
    expect: { OWNER: 201, BILLING_ADMIN: 403, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: "PATCH /api/organizations/:id/members/:userId {spendLimit} (a MEMBER's)",
    call: (u, { org, target }) =>
      t.http
        .patch(`/api/organizations/${org.id}/members/${target.id}`)
        .set(u.auth)
        .send({ spendLimit: { credits: 100, period: 'DAY' } }),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'PATCH /api/organizations/:id/members/:userId {role}',
    call: (u, { org, target }) =>
      t.http.patch(`/api/organizations/${org.id}/members/${target.id}`).set(u.auth).send({ role: 'MEMBER' }),
    expect: { OWNER: 200, BILLING_ADMIN: 403, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'DELETE /api/organizations/:id/members/:userId (someone else)',
    call: (u, { org }) => t.http.delete(`/api/organizations/${org.id}/members/${randomUUID()}`).set(u.auth),
    // The OWNER may remove members; this user id is none, so 404 Member not found.
    expect: { OWNER: 404, BILLING_ADMIN: 403, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'POST /api/organizations/:id/api-keys',
    call: (u, { org }) =>
      t.http.post(`/api/organizations/${org.id}/api-keys`).set(u.auth).send({ name: 'ci' }),
    expect: { OWNER: 201, BILLING_ADMIN: 201, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/organizations/:id/api-keys',
    call: (u, { org }) => t.http.get(`/api/organizations/${org.id}/api-keys`).set(u.auth),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/credits/balance + header',
    call: (u, { org }) => t.http.get('/api/credits/balance').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 200, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/credits/transactions + header',
    call: (u, { org }) => t.http.get('/api/credits/transactions').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 200, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/credits/grants + header',
    call: (u, { org }) => t.http.get('/api/credits/grants').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/credits/usage + header',
    call: (u, { org }) => t.http.get('/api/credits/usage?groupBy=member').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 200, OUTSIDER: 404 },
  },
  {
    route: 'POST /api/ai/generate + header (priced)',
    call: (u, { org }) => t.http.post('/api/ai/generate').set(u.auth).set(org.header).send({ prompt: 'hi' }),
    expect: { OWNER: 201, BILLING_ADMIN: 201, MEMBER: 201, OUTSIDER: 404 },
  },
  {
    route: 'POST /api/billing/checkout-sessions + header',
    call: (u, { org }) =>
      t.http.post('/api/billing/checkout-sessions').set(u.auth).set(org.header).send({ credits: 100 }),
    expect: { OWNER: 201, BILLING_ADMIN: 201, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/billing/orders + header',
    call: (u, { org }) => t.http.get('/api/billing/orders').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'PUT /api/billing/address + header',
    call: (u, { org }) => t.http.put('/api/billing/address').set(u.auth).set(org.header).send(ADDRESS),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
  {
    route: 'GET /api/billing/address + header',
    call: (u, { org }) => t.http.get('/api/billing/address').set(u.auth).set(org.header),
    expect: { OWNER: 200, BILLING_ADMIN: 200, MEMBER: 403, OUTSIDER: 404 },
  },
];

describe('roles × routes', () => {
  let ctx: TableContext;
  let callers: Record<Caller, TestUser>;

  beforeAll(async () => {
    const org = await createOrganization(t, { credits: 1000 });
    callers = {
      OWNER: org.owner,
      BILLING_ADMIN: await addMember(t, org, 'BILLING_ADMIN'),
      MEMBER: await addMember(t, org, 'MEMBER'),
      OUTSIDER: await createUser(t, { credits: 100 }),
    };
    ctx = { org, target: await addMember(t, org, 'MEMBER') };
  });

  for (const row of TABLE) {
    it(row.route, async () => {
      const actual: Record<string, number> = {};
      for (const caller of Object.keys(row.expect) as Caller[]) {
        const response = await row.call(callers[caller], ctx);
        actual[caller] = response.status;
        if (response.status === 403)
          expect(response.body, `${caller} ${row.route}`).toMatchObject({ code: 'FORBIDDEN' });
        if (response.status === 404)
          expect(response.body, `${caller} ${row.route}`).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(actual).toEqual(row.expect);
    });
  }

  it('a MEMBER reads only the ledger rows they caused; BILLING_ADMIN and OWNER read all', async () => {
    const member = await t.http.get('/api/credits/transactions').set(callers.MEMBER.auth).set(ctx.org.header);
    const owner = await t.http.get('/api/credits/transactions').set(callers.OWNER.auth).set(ctx.org.header);
    const memberRows = member.body.items as { id: string }[];
    const ownerRows = owner.body.items as { id: string; type: string }[];
    expect(memberRows.length).toBe(1);
    // the grant, and one usage per role that generated
    expect(ownerRows.filter((row) => row.type === 'USAGE')).toHaveLength(3);
    const mine = await t.prisma.creditTransaction.findMany({
      where: { walletId: ctx.org.walletId, actorUserId: callers.MEMBER.id },
    });
    expect(memberRows.map((row) => row.id)).toEqual(mine.map((row) => row.id));
  });

  it('every ledger row of the organization wallet names its actor (and no personal owner)', async () => {
    const usage = await t.prisma.creditTransaction.findMany({
      where: { walletId: ctx.org.walletId, type: 'USAGE' },
    });
    expect(usage.map((row) => row.actorUserId).sort(byText)).toEqual(
      [callers.OWNER.id, callers.BILLING_ADMIN.id, callers.MEMBER.id].sort(byText),
    );
    expect(usage.every((row) => row.userId === null)).toBe(true);
  });

  it('an order made with the header belongs to the organization wallet, not the buyer’s', async () => {
    const orders = await t.prisma.order.findMany({ where: { userId: callers.BILLING_ADMIN.id } });
    expect(orders.map((order) => order.walletId)).toEqual([ctx.org.walletId]);
    const personal = await t.http.get('/api/billing/orders').set(callers.BILLING_ADMIN.auth);
    expect(personal.body.items).toEqual([]);
    const address = await t.prisma.billingAddress.findUnique({ where: { walletId: ctx.org.walletId } });
    expect(address).toMatchObject({ line1: '1 Main St' });
    expect(await t.prisma.billingAddress.count({ where: { walletId: callers.OWNER.walletId } })).toBe(0);
  });
});

describe('X-Organization-Id', () => {
  it('malformed → 400 on credits, billing and priced routes alike', async () => {
    const user = await createUser(t, { credits: 50 });
    for (const request of [
      t.http.get('/api/credits/balance'),
      t.http.get('/api/billing/orders'),
      t.http.post('/api/ai/generate').send({ prompt: 'x' }),
    ]) {
      const response = await request.set(user.auth).set('X-Organization-Id', 'not-a-uuid');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await t.prisma.reservation.count({ where: { userId: user.id } })).toBe(0);
  });

  it('the balance with the header is the organization wallet’s; without it the personal one', async () => {
    const org = await createOrganization(t, { credits: 70 });
    const withHeader = await t.http.get('/api/credits/balance').set(org.owner.auth).set(org.header);
    expect(withHeader.body).toMatchObject({ walletId: org.walletId, remaining: 70 });
    const personal = await t.http.get('/api/credits/balance').set(org.owner.auth);
    expect(personal.body).toMatchObject({ walletId: org.owner.walletId, remaining: 0 });
  });

  it('is documented on every credits, billing and priced route of the OpenAPI document', async () => {
    const document = (await t.http.get('/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; 'x-credits-cost'?: unknown }>
      >;
    };
    const scoped: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Transfers name both wallets in the body instead.
        const needsHeader =
          (path.startsWith('/api/credits') && path !== '/api/credits/transfers') ||
          (path.startsWith('/api/billing') && path !== '/api/billing/packs' && !path.includes('quote')) ||
          operation['x-credits-cost'] !== undefined;
        if (!needsHeader) continue;
        scoped.push(`${method} ${path}`);
        expect(
          operation.parameters?.some((p) => p.name === 'X-Organization-Id' && p.in === 'header'),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
    expect(scoped).toEqual(expect.arrayContaining(['get /api/credits/balance', 'post /api/ai/generate']));
  });
});

describe('lifecycle', () => {
  it('create → listed with role and wallet; rename; another user sees 404', async () => {
    const owner = await createUser(t);
    const created = await t.http.post('/api/organizations').set(owner.auth).send({ name: '  Acme  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Acme', role: 'OWNER' });
    const wallet = await t.prisma.wallet.findUnique({ where: { id: created.body.walletId } });
    expect(wallet).toMatchObject({
      ownerType: 'ORGANIZATION',
      organizationId: created.body.id,
      userId: null,
    });
    const list = await t.http.get('/api/organizations').set(owner.auth);
    expect(list.body).toEqual([created.body]);
    const renamed = await t.http
      .patch(`/api/organizations/${created.body.id}`)
      .set(owner.auth)
      .send({ name: 'Acme 2' });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Acme 2' });
    const stranger = await createUser(t);
    expect((await t.http.get(`/api/organizations/${created.body.id}`).set(stranger.auth)).status).toBe(404);
    expect((await t.http.get('/api/organizations').set(stranger.auth)).body).toEqual([]);
    expect((await t.http.post('/api/organizations').set(owner.auth).send({ name: '' })).status).toBe(400);
  });

  it('add by email: 404 unknown, 409 ALREADY_MEMBER; members list shows limits and spentThisPeriod', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const unknown = await t.http
      .post(`/api/organizations/${org.id}/members`)
      .set(org.owner.auth)
      .send({ email: 'nobody@example.com', role: 'MEMBER' });
    expect(unknown.status).toBe(404);
    const member = await addMember(t, org, 'MEMBER', { credits: 50, period: 'WEEK' });
    const again = await t.http
      .post(`/api/organizations/${org.id}/members`)
      .set(org.owner.auth)
      .send({ email: member.email.toUpperCase(), role: 'BILLING_ADMIN' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_MEMBER' });
    await t.http.post('/api/ai/generate').set(member.auth).set(org.header).send({ prompt: 'p' }).expect(201);
    const members = await t.http.get(`/api/organizations/${org.id}/members`).set(member.auth);
    expect(members.body).toEqual([
      expect.objectContaining({ userId: org.owner.id, role: 'OWNER', spendLimit: null, spentThisPeriod: 0 }),
      expect.objectContaining({
        userId: member.id,
        email: member.email,
        role: 'MEMBER',
        spendLimit: { credits: 50, period: 'WEEK' },
        spentThisPeriod: 10,
      }),
    ]);
  });

  it('LAST_OWNER: the only OWNER can neither be demoted nor leave; with a second OWNER they can', async () => {
    const org = await createOrganization(t);
    const demote = await t.http
      .patch(`/api/organizations/${org.id}/members/${org.owner.id}`)
      .set(org.owner.auth)
      .send({ role: 'MEMBER' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'LAST_OWNER' });
    const leave = await t.http
      .delete(`/api/organizations/${org.id}/members/${org.owner.id}`)
      .set(org.owner.auth);
    expect(leave.status).toBe(409);
    const second = await addMember(t, org, 'OWNER');
    // Both OWNERs demote each other at once: one must stay.
    const [a, b] = await Promise.all([
      t.http
        .patch(`/api/organizations/${org.id}/members/${second.id}`)
        .set(org.owner.auth)
        .send({ role: 'MEMBER' }),
      t.http
        .patch(`/api/organizations/${org.id}/members/${org.owner.id}`)
        .set(second.auth)
        .send({ role: 'MEMBER' }),
    ]);
    // The loser is refused as the last OWNER (409) or, if the winner committed before its role check, as a
    // MEMBER (403); either way exactly one OWNER remains.
    expect([a.status, b.status].sort(byText)[0]).toBe(200);
    expect([403, 409]).toContain([a.status, b.status].sort(byText)[1]);
    expect(await t.prisma.membership.count({ where: { organizationId: org.id, role: 'OWNER' } })).toBe(1);
  });

  it('a removed member and a demoted BILLING_ADMIN lose their organization keys; anyone may leave', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const other = await addMember(t, org, 'BILLING_ADMIN');
    const keyOf = async (user: TestUser) =>
      (await t.http.post(`/api/organizations/${org.id}/api-keys`).set(user.auth).send({ name: 'k' }))
        .body as {
        key: string;
        id: string;
      };
    const adminKey = await keyOf(admin);
    const otherKey = await keyOf(other);
    const ownerKey = await keyOf(org.owner);
    await t.http.get('/api/credits/balance').set('X-API-Key', adminKey.key).expect(200);
    await t.http
      .patch(`/api/organizations/${org.id}/members/${admin.id}`)
      .set(org.owner.auth)
      .send({ role: 'MEMBER' })
      .expect(200);
    expect((await t.http.get('/api/credits/balance').set('X-API-Key', adminKey.key)).status).toBe(401);
    await t.http.delete(`/api/organizations/${org.id}/members/${other.id}`).set(org.owner.auth).expect(204);
    expect((await t.http.get('/api/credits/balance').set('X-API-Key', otherKey.key)).status).toBe(401);
    await t.http.get('/api/credits/balance').set('X-API-Key', ownerKey.key).expect(200);
    // The demoted member leaves by themself.
    await t.http.delete(`/api/organizations/${org.id}/members/${admin.id}`).set(admin.auth).expect(204);
    expect((await t.http.get(`/api/organizations/${org.id}`).set(admin.auth)).status).toBe(404);
  });

  it('an OWNER demoted to BILLING_ADMIN keeps their organization keys; demoted on to MEMBER, loses them', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const second = await addMember(t, org, 'OWNER');
    const { key } = (
      await t.http
        .post(`/api/organizations/${org.id}/api-keys`)
        .set(second.auth)
        .send({ name: 'k' })
        .expect(201)
    ).body as { key: string };
    const demote = (role: string) =>
      t.http
        .patch(`/api/organizations/${org.id}/members/${second.id}`)
        .set(org.owner.auth)
        .send({ role })
        .expect(200);
    await demote('BILLING_ADMIN');
    const balance = await t.http.get('/api/credits/balance').set('X-API-Key', key).expect(200);
    expect(balance.body.remaining).toBe(100);
    await demote('MEMBER');
    expect((await t.http.get('/api/credits/balance').set('X-API-Key', key)).status).toBe(401);
  });

  it('delete: WALLET_NOT_EMPTY with credits, HOLDS_PENDING with a hold, forfeit=true zeroes it and keeps the ledger', async () => {
    const org = await createOrganization(t, { credits: 120 });
    const key = (
      await t.http.post(`/api/organizations/${org.id}/api-keys`).set(org.owner.auth).send({ name: 'k' })
    ).body as { key: string };
    const member = await addMember(t, org, 'MEMBER');
    expect((await t.http.delete(`/api/organizations/${org.id}`).set(member.auth)).status).toBe(403);
    const notEmpty = await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth);
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body).toMatchObject({ code: 'WALLET_NOT_EMPTY' });

    const credits = t.app.get(CreditsRepository);
    const hold = await credits.hold({ organizationId: org.id, userId: member.id }, 20, 'POST /slow', 60);
    expect(hold.held).toBe(true);
    const pending = await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth);
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ code: 'HOLDS_PENDING' });
    if (hold.held)
      await credits.settle({ walletId: hold.walletId, userId: member.id }, hold.reservationId, 20);

    // An active auto top-up rule with a saved card: the delete turns it off and forgets the card.
    await t.prisma.savedPaymentMethod.create({
      data: {
        walletId: org.walletId,
        provider: 'sandbox',
        customerId: 'cus_org',
        paymentMethodId: 'pm_org',
        brand: 'visa',
        last4: '4242',
      },
    });
    await t.prisma.autoTopUpRule.create({
      data: {
        walletId: org.walletId,
        userId: org.owner.id,
        threshold: 10,
        credits: 50,
        amount: 1000,
        currency: 'usd',
        maxPerMonth: 2,
        status: 'ACTIVE',
        monthStart: new Date(),
      },
    });

    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect(await t.prisma.autoTopUpRule.findUnique({ where: { walletId: org.walletId } })).toMatchObject({
      status: 'DISABLED',
    });
    expect(await t.prisma.savedPaymentMethod.findUnique({ where: { walletId: org.walletId } })).toBeNull();
    const ledger = await t.prisma.creditTransaction.findMany({
      where: { walletId: org.walletId },
      orderBy: { createdAt: 'asc' },
    });
    expect(ledger.map((row) => [row.type, row.amount])).toEqual([
      ['GRANT', 120],
      ['USAGE', -20],
      ['ADJUSTMENT', -100],
    ]);
    expect(ledger[2]).toMatchObject({ actorUserId: org.owner.id, balanceAfter: 0 });
    expect((await t.http.get('/api/organizations').set(org.owner.auth)).body).toEqual([]);
    for (const user of [org.owner, member]) {
      expect((await t.http.get(`/api/organizations/${org.id}`).set(user.auth)).status).toBe(404);
      expect((await t.http.get('/api/credits/balance').set(user.auth).set(org.header)).status).toBe(404);
      expect(
        (await t.http.post('/api/ai/generate').set(user.auth).set(org.header).send({ prompt: 'p' })).status,
      ).toBe(404);
    }
    expect((await t.http.get('/api/credits/balance').set('X-API-Key', key.key)).status).toBe(401);
    expect((await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth)).status).toBe(404);
  });

  it('delete of an empty organization needs no forfeit; one in debt is WALLET_NOT_EMPTY even with forfeit', async () => {
    const empty = await createOrganization(t);
    await t.http.delete(`/api/organizations/${empty.id}`).set(empty.owner.auth).expect(204);
    const indebted = await createOrganization(t);
    await clawBackCredits(t, indebted.walletId, 5);
    const refused = await t.http
      .delete(`/api/organizations/${indebted.id}?forfeit=true`)
      .set(indebted.owner.auth);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'WALLET_NOT_EMPTY' });
  });
});

describe('organization API keys', () => {
  it('spend from the organization without the header, as their creator; 404 with another org; 403 elsewhere', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const other = await createOrganization(t, { credits: 100, owner: org.owner });
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const created = await t.http
      .post(`/api/organizations/${org.id}/api-keys`)
      .set(admin.auth)
      .send({ name: 'ci' });
    expect(created.status).toBe(201);
    const key = { 'X-API-Key': created.body.key as string };

    const charged = await t.http.post('/api/ai/generate').set(key).send({ prompt: 'from ci' });
    expect(charged.status).toBe(201);
    expect(charged.headers['x-credits-remaining']).toBe('90');
    const usage = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: org.walletId, type: 'USAGE' },
    });
    expect(usage).toMatchObject({ actorUserId: admin.id, apiKeyId: created.body.id, userId: null });
    expect((await t.http.get('/api/credits/balance').set(key)).body).toMatchObject({
      walletId: org.walletId,
      remaining: 90,
    });
    // The creator's personal wallet is untouched; the key cannot reach it.
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: admin.walletId } })).creditsUsed).toBe(0);

    for (const request of [
      t.http.get('/api/credits/balance'),
      t.http.post('/api/ai/generate').send({ prompt: 'x' }),
    ]) {
      const response = await request.set(key).set(other.header);
      expect(response.status).toBe(404);
    }
    for (const request of [
      t.http.get('/api/auth/me'),
      t.http.get('/api/organizations'),
      t.http.get(`/api/organizations/${org.id}`),
    ]) {
      const response = await request.set(key);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    // Listed by the organization, not among the creator's personal keys; revoked by the organization.
    expect((await t.http.get('/api/auth/api-keys').set(admin.auth)).body).toEqual([]);
    const listed = await t.http.get(`/api/organizations/${org.id}/api-keys`).set(org.owner.auth);
    expect(listed.body.map((k: { id: string }) => k.id)).toEqual([created.body.id]);
    await t.http
      .delete(`/api/organizations/${org.id}/api-keys/${created.body.id}`)
      .set(org.owner.auth)
      .expect(204);
    expect((await t.http.get('/api/credits/balance').set(key)).status).toBe(401);
  });
});

describe('idempotency across wallets', () => {
  it('the same key and body for the personal wallet, then the organization wallet → 422, never a replay', async () => {
    const org = await createOrganization(t, { credits: 100 });
    await grantCredits(t, org.owner.walletId, [{ amount: 100 }]);
    const first = await t.http
      .post('/api/ai/generate')
      .set(org.owner.auth)
      .set('Idempotency-Key', 'k-1')
      .send({ prompt: 'same' });
    expect(first.status).toBe(201);
    const other = await t.http
      .post('/api/ai/generate')
      .set(org.owner.auth)
      .set(org.header)
      .set('Idempotency-Key', 'k-1')
      .send({ prompt: 'same' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const replay = await t.http
      .post('/api/ai/generate')
      .set(org.owner.auth)
      .set('Idempotency-Key', 'k-1')
      .send({ prompt: 'same' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: org.walletId } })).creditsUsed).toBe(0);
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: org.owner.walletId } })).creditsUsed).toBe(
      10,
    );
  });
});

describe('usage by member and transfers with organization wallets', () => {
  it('groupBy=member: OWNER and BILLING_ADMIN see every member, a MEMBER only themself', async () => {
    const org = await createOrganization(t, { credits: 200 });
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const member = await addMember(t, org, 'MEMBER');
    for (const user of [member, member, admin]) {
      await t.http.post('/api/ai/generate').set(user.auth).set(org.header).send({ prompt: 'p' }).expect(201);
    }
    const all = [
      { key: member.id, credits: 20, requests: 2 },
      { key: admin.id, credits: 10, requests: 1 },
    ];
    for (const user of [org.owner, admin]) {
      const usage = await t.http.get('/api/credits/usage?groupBy=member').set(user.auth).set(org.header);
      expect(usage.body.items).toEqual(all);
    }
    const own = await t.http.get('/api/credits/usage?groupBy=member').set(member.auth).set(org.header);
    expect(own.body.items).toEqual([{ key: member.id, credits: 20, requests: 2 }]);
  });

  it('personal → organization (OWNER, BILLING_ADMIN), organization → personal (OWNER only); others 403 / 404', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const admin = await addMember(t, org, 'BILLING_ADMIN');
    const member = await addMember(t, org, 'MEMBER');
    const outsider = await createUser(t, { credits: 50 });
    await grantCredits(t, admin.walletId, [{ amount: 50 }]);
    await grantCredits(t, member.walletId, [{ amount: 50 }]);
    const transfer = (user: TestUser, fromWalletId: string, toWalletId: string, amount = 10) =>
      t.http.post('/api/credits/transfers').set(user.auth).send({ fromWalletId, toWalletId, amount });

    const topUp = await transfer(admin, admin.walletId, org.walletId, 30);
    expect(topUp.status).toBe(201);
    expect(topUp.body).toMatchObject({
      from: { walletId: admin.walletId, remaining: 20 },
      to: { walletId: org.walletId, remaining: 130 },
    });
    expect((await transfer(member, member.walletId, org.walletId)).status).toBe(403);
    expect((await transfer(admin, org.walletId, admin.walletId)).status).toBe(403);
    expect((await transfer(member, org.walletId, member.walletId)).status).toBe(403);
    expect((await transfer(outsider, outsider.walletId, org.walletId)).status).toBe(404);
    const out = await transfer(org.owner, org.walletId, org.owner.walletId, 40);
    expect(out.status).toBe(201);
    expect(out.body.from).toEqual({ walletId: org.walletId, remaining: 90 });
    const rows = await t.prisma.creditTransaction.findMany({
      where: { walletId: org.walletId, type: { in: ['TRANSFER_IN', 'TRANSFER_OUT'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((row) => [row.type, row.amount, row.actorUserId, row.userId])).toEqual([
      ['TRANSFER_IN', 30, admin.id, null],
      ['TRANSFER_OUT', -40, org.owner.id, null],
    ]);
    // A deleted organization's wallet is gone for transfers too.
    await t.http.delete(`/api/organizations/${org.id}?forfeit=true`).set(org.owner.auth).expect(204);
    expect((await transfer(org.owner, org.owner.walletId, org.walletId)).status).toBe(404);
  });
});

describe('a transfer out of an organization wallet', () => {
  it("counts against the OWNER's own spend limit, checked before the balance", async () => {
    const org = await createOrganization(t, { credits: 100 });
    const coOwner = await addMember(t, org, 'OWNER', { credits: 30, period: 'DAY' });
    const transfer = (amount: number) =>
      t.http
        .post('/api/credits/transfers')
        .set(coOwner.auth)
        .send({ fromWalletId: org.walletId, toWalletId: coOwner.walletId, amount });
    const refused = await transfer(40);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SPEND_LIMIT_REACHED', limit: 30, used: 0, period: 'DAY' });
    await transfer(20).expect(201);
    await t.http.post('/api/ai/generate').set(coOwner.auth).set(org.header).send({ prompt: 'p' }).expect(201);
    const over = await transfer(1);
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({ used: 30 });
    // Beyond the balance but within a larger limit: 422 as for any short transfer.
    await t.http
      .patch(`/api/organizations/${org.id}/members/${coOwner.id}`)
      .set(org.owner.auth)
      .send({ spendLimit: { credits: 1000, period: 'DAY' } })
      .expect(200);
    expect((await transfer(500)).status).toBe(422);
    const members = await t.http.get(`/api/organizations/${org.id}/members`).set(org.owner.auth);
    expect(members.body.find((m: { userId: string }) => m.userId === coOwner.id).spentThisPeriod).toBe(30);
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: org.walletId } })).creditsTotal).toBe(80);
  });
});

describe('POST /api/admin/organizations/:id/credits', () => {
  it('grants into and takes back from the organization wallet; 404 unknown or deleted; 403 for non-admins', async () => {
    const admin = await createUser(t, { role: 'ADMIN' });
    const org = await createOrganization(t);
    const granted = await t.http
      .post(`/api/admin/organizations/${org.id}/credits`)
      .set(admin.auth)
      .send({ amount: 60, reason: 'launch credit' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ type: 'GRANT', amount: 60, userId: null, remaining: 60 });
    const grant = await t.prisma.creditGrant.findUniqueOrThrow({ where: { id: granted.body.grantId } });
    expect(grant).toMatchObject({ walletId: org.walletId, category: 'PROMOTIONAL', source: 'ADMIN_GRANT' });
    const taken = await t.http
      .post(`/api/admin/organizations/${org.id}/credits`)
      .set(admin.auth)
      .send({ amount: -70, reason: 'too much' });
    expect(taken.status).toBe(422);
    await t.http
      .post(`/api/admin/organizations/${org.id}/credits`)
      .set(admin.auth)
      .send({ amount: -60, reason: 'back' })
      .expect(201);
    expect(
      (
        await t.http
          .post(`/api/admin/organizations/${org.id}/credits`)
          .set(org.owner.auth)
          .send({ amount: 1, reason: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`/api/admin/organizations/${randomUUID()}/credits`)
          .set(admin.auth)
          .send({ amount: 1, reason: 'x' })
      ).status,
    ).toBe(404);
    await t.http.delete(`/api/organizations/${org.id}`).set(org.owner.auth).expect(204);
    expect(
      (
        await t.http
          .post(`/api/admin/organizations/${org.id}/credits`)
          .set(admin.auth)
          .send({ amount: 1, reason: 'x' })
      ).status,
    ).toBe(404);
  });
});
