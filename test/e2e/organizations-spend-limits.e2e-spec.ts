import { byText } from '../support/ordering.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { periodEnd, periodStartOf } from '../../src/organizations/spend-limit.js';
import { createUser } from '../support/factories.js';
import { addMember, createOrganization } from '../support/organizations.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Member spend limits, enforced inside the hold statement: no overshoot under concurrency (also with two
 * application instances on one database), the refusal order of a priced route, and holds of a member
 * who has been removed since.
 */

let t: TestApp;
let second: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  second = await createTestApp({ databaseUrl: t.databaseUrl });
});
afterAll(async () => {
  await second?.close({ skipInvariants: true });
  await t?.close();
});

const statuses = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

function generate(app: TestApp, auth: Record<string, string>, header: Record<string, string>, prompt = 'p') {
  return app.http.post('/api/ai/generate').set(auth).set(header).send({ prompt });
}

const startOfToday = () => periodStartOf('DAY', new Date());

describe('spend limit 30 per day, 20 concurrent 10-credit requests', () => {
  for (const instances of [1, 2]) {
    it(`exactly 3 × 201 and 17 × 403 SPEND_LIMIT_REACHED; another member unaffected (${instances} instance${instances > 1 ? 's' : ''})`, async () => {
      const org = await createOrganization(t, { credits: 1000 });
      const limited = await addMember(t, org, 'MEMBER', { credits: 30, period: 'DAY' });
      const other = await addMember(t, org, 'MEMBER', { credits: 30, period: 'DAY' });
      const apps = instances === 1 ? [t] : [t, second];
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          generate(apps[i % apps.length], limited.auth, org.header, `r${i}`),
        ),
      );
      expect(statuses(responses)).toEqual({ 201: 3, 403: 17 });
      const resetsAt = periodEnd('DAY', startOfToday()).toISOString();
      for (const refused of responses.filter((response) => response.status === 403)) {
        expect(refused.body).toEqual({
          statusCode: 403,
          code: 'SPEND_LIMIT_REACHED',
          message: expect.any(String),
          limit: 30,
          used: 30,
          period: 'DAY',
          resetsAt,
        });
        expect(refused.headers['x-credits-cost']).toBe('10');
        expect(Number(refused.headers['x-credits-remaining'])).toBeGreaterThanOrEqual(970);
      }
      const otherResponse = await generate(t, other.auth, org.header);
      expect(otherResponse.status).toBe(201);

      const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { id: org.walletId } });
      expect(wallet).toMatchObject({ creditsTotal: 1000, creditsUsed: 40, creditsReserved: 0 });
      expect(
        await t.prisma.creditTransaction.count({ where: { walletId: org.walletId, type: 'USAGE' } }),
      ).toBe(4);
      const members = await t.http.get(`/api/organizations/${org.id}/members`).set(org.owner.auth);
      const spent = Object.fromEntries(
        (members.body as { userId: string; spentThisPeriod: number }[]).map((m) => [
          m.userId,
          m.spentThisPeriod,
        ]),
      );
      expect(spent).toEqual({ [org.owner.id]: 0, [limited.id]: 30, [other.id]: 10 });
      const counters = await t.prisma.memberUsageCounter.findMany({
        where: { walletId: org.walletId, userId: limited.id },
      });
      expect(counters.map((c) => [c.period, c.settled, c.held]).sort(byText)).toEqual([
        ['DAY', 30, 0],
        ['MONTH', 30, 0],
        ['WEEK', 30, 0],
      ]);
    });
  }

  it('raising the limit keeps what was used; removing it lifts it; the OWNER is never limited without one', async () => {
    const org = await createOrganization(t, { credits: 1000 });
    const member = await addMember(t, org, 'MEMBER', { credits: 10, period: 'WEEK' });
    await generate(t, member.auth, org.header).expect(201);
    expect((await generate(t, member.auth, org.header)).status).toBe(403);
    const raised = await t.http
      .patch(`/api/organizations/${org.id}/members/${member.id}`)
      .set(org.owner.auth)
      .send({ spendLimit: { credits: 25, period: 'WEEK' } });
    expect(raised.body).toMatchObject({ spendLimit: { credits: 25, period: 'WEEK' }, spentThisPeriod: 10 });
    await generate(t, member.auth, org.header).expect(201);
    const third = await generate(t, member.auth, org.header);
    expect(third.status).toBe(403);
    expect(third.body).toMatchObject({ limit: 25, used: 20, period: 'WEEK' });
    expect(third.body.resetsAt).toBe(periodEnd('WEEK', periodStartOf('WEEK', new Date())).toISOString());
    // Switching to a monthly limit counts this month's usage so far, not zero.
    const monthly = await t.http
      .patch(`/api/organizations/${org.id}/members/${member.id}`)
      .set(org.owner.auth)
      .send({ spendLimit: { credits: 20, period: 'MONTH' } });
    expect(monthly.body.spentThisPeriod).toBe(20);
    expect((await generate(t, member.auth, org.header)).status).toBe(403);
    await t.http
      .patch(`/api/organizations/${org.id}/members/${member.id}`)
      .set(org.owner.auth)
      .send({ spendLimit: null })
      .expect(200);
    await generate(t, member.auth, org.header).expect(201);
  });

  it('a limit of 0 refuses every priced request of that member', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const member = await addMember(t, org, 'MEMBER', { credits: 0, period: 'DAY' });
    const refused = await generate(t, member.auth, org.header);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SPEND_LIMIT_REACHED', limit: 0, used: 0 });
  });
});

describe('round trips', () => {
  it('a charged request on an organization wallet with a limit costs the same two round trips as a personal one', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const member = await addMember(t, org, 'MEMBER', { credits: 50, period: 'DAY' });
    await generate(t, member.auth, org.header).expect(201); // the counter rows exist from here on
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await generate(t, member.auth, org.header).expect(201);
      expect(sent).toHaveBeenCalledTimes(2);
      sent.mockClear();
      await t.http
        .patch(`/api/organizations/${org.id}/members/${member.id}`)
        .set(org.owner.auth)
        .send({ spendLimit: { credits: 20, period: 'DAY' } })
        .expect(200);
      sent.mockClear();
      // A refusal by the limit is one round trip: the hold itself.
      expect((await generate(t, member.auth, org.header)).status).toBe(403);
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
  });
});

describe('refusal order on a priced route', () => {
  it('malformed header 400 → non-member 404 → limit 403 → balance 402, with X-Credits-* on 403 and 402', async () => {
    const org = await createOrganization(t, { credits: 5 });
    const member = await addMember(t, org, 'MEMBER', { credits: 0, period: 'DAY' });
    const outsider = await createUser(t, { credits: 0 });

    const malformed = await t.http
      .post('/api/ai/generate')
      .set(outsider.auth)
      .set('X-Organization-Id', '123')
      .send({});
    // The header is judged before the body (which is invalid here) and before membership.
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');

    const notMember = await generate(t, outsider.auth, org.header);
    expect(notMember.status).toBe(404);
    expect(notMember.headers['x-credits-cost']).toBeUndefined();

    // Over the limit AND short of credits: the limit answers first.
    const limited = await generate(t, member.auth, org.header);
    expect(limited.status).toBe(403);
    expect(limited.body.code).toBe('SPEND_LIMIT_REACHED');
    expect(limited.headers['x-credits-cost']).toBe('10');
    expect(limited.headers['x-credits-remaining']).toBe('5');

    await t.http
      .patch(`/api/organizations/${org.id}/members/${member.id}`)
      .set(org.owner.auth)
      .send({ spendLimit: { credits: 100, period: 'DAY' } })
      .expect(200);
    const short = await generate(t, member.auth, org.header);
    expect(short.status).toBe(402);
    expect(short.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', required: 10, remaining: 5 });
    expect(short.headers['x-credits-cost']).toBe('10');
    expect(short.headers['x-credits-remaining']).toBe('5');
    // Refusals leave nothing behind: no hold, no counter raised.
    expect(await t.prisma.reservation.count({ where: { walletId: org.walletId } })).toBe(0);
    const counters = await t.prisma.memberUsageCounter.findMany({ where: { walletId: org.walletId } });
    expect(counters.every((c) => c.held === 0 && c.settled === 0)).toBe(true);
  });
});

describe('a member removed while holding credits', () => {
  it('their holds still settle and void correctly; they can no longer spend', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const member = await addMember(t, org, 'MEMBER', { credits: 50, period: 'DAY' });
    const credits = t.app.get(CreditsRepository);
    const spender = { organizationId: org.id, userId: member.id };
    const a = await credits.hold(spender, 20, 'POST /slow', 60);
    const b = await credits.hold(spender, 15, 'POST /slow', 60);
    expect(a.held && b.held).toBe(true);
    if (!a.held || !b.held) return;
    expect((await credits.hold(spender, 20, 'POST /slow', 60)).held).toBe(false);

    await t.http.delete(`/api/organizations/${org.id}/members/${member.id}`).set(org.owner.auth).expect(204);
    expect((await generate(t, member.auth, org.header)).status).toBe(404);
    expect((await credits.hold(spender, 1, 'POST /slow', 60)).held).toBe(false);

    const settled = await credits.settle({ walletId: a.walletId, userId: member.id }, a.reservationId, 12);
    expect(settled).toMatchObject({ charged: 12, remaining: 100 - 12 - 15 });
    expect(await credits.void(b.walletId, b.reservationId)).toBe(true);
    const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { id: org.walletId } });
    expect(wallet).toMatchObject({ creditsUsed: 12, creditsReserved: 0 });
    const day = await t.prisma.memberUsageCounter.findFirstOrThrow({
      where: { walletId: org.walletId, userId: member.id, period: 'DAY' },
    });
    expect(day).toMatchObject({ settled: 12, held: 0 });
    const usage = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: org.walletId, type: 'USAGE' },
    });
    expect(usage).toMatchObject({ actorUserId: member.id, amount: -12 });
  });

  it('a hold that expires gives its credits back to the counter too (the sweeper)', async () => {
    const org = await createOrganization(t, { credits: 100 });
    const member = await addMember(t, org, 'MEMBER', { credits: 10, period: 'DAY' });
    const credits = t.app.get(CreditsRepository);
    const hold = await credits.hold({ organizationId: org.id, userId: member.id }, 10, 'POST /dies', 60);
    expect(hold.held).toBe(true);
    await t.prisma.reservation.updateMany({
      where: { walletId: org.walletId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await credits.expireStaleHolds()).toBeGreaterThanOrEqual(1);
    const counters = await t.prisma.memberUsageCounter.findMany({
      where: { walletId: org.walletId, userId: member.id },
    });
    expect(counters.map((c) => c.held + c.settled)).toEqual([0, 0, 0]);
    await generate(t, member.auth, org.header).expect(201);
  });
});
