import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { balanceOf, createUser } from '../support/factories.js';
import { createOrganization } from '../support/organizations.js';
import { assertInvariants } from '../support/invariants.js';
import { PricedTestModule, TestGate } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The settle leaves out what the hold found cannot apply to its reservation (SettleScope in
 * src/credits/credits.repository.ts). These tests pin the facts the hold reports, and that a request
 * whose grant expires while it runs still has what it gives back written off.
 */
let t: TestApp;
let gate: TestGate;

beforeAll(async () => {
  t = await createTestApp({ imports: [PricedTestModule] });
  gate = t.app.get(TestGate);
});
afterAll(() => t.close());
beforeEach(() => gate.reset());

describe('what the hold reports', () => {
  it('a grant that expires before the hold does: the settle must be ready to write off', async () => {
    const user = await createUser(t, { grants: [{ amount: 10, expiresAt: new Date(Date.now() + 30_000) }] });
    const hold = await t.app.get(CreditsRepository).hold(user.actor, 5, 'POST /scope', 60);
    expect(hold).toMatchObject({
      held: true,
      scope: { organizationWallet: false, grantMayExpireDuringHold: true },
    });
  });

  it('grants that outlive the hold, or never expire: nothing can be written off at settle', async () => {
    const user = await createUser(t, {
      grants: [{ amount: 5, expiresAt: new Date(Date.now() + 120_000) }, { amount: 5 }],
    });
    const hold = await t.app.get(CreditsRepository).hold(user.actor, 10, 'POST /scope', 60);
    expect(hold).toMatchObject({
      held: true,
      scope: { organizationWallet: false, grantMayExpireDuringHold: false },
    });
  });

  it('only the grants the hold took count: an expiring grant it did not draw on does not', async () => {
    // Draw-down takes the soonest expiry first, so a lower priority number is needed to skip it.
    const user = await createUser(t, {
      grants: [
        { amount: 10, priority: 10 },
        { amount: 10, expiresAt: new Date(Date.now() + 30_000) },
      ],
    });
    const hold = await t.app.get(CreditsRepository).hold(user.actor, 10, 'POST /scope', 60);
    expect(hold).toMatchObject({ held: true, scope: { grantMayExpireDuringHold: false } });
  });

  it('an organization wallet is reported as one (its member counters are settled too)', async () => {
    const organization = await createOrganization(t, { credits: 50 });
    const owner = organization.owner;
    const hold = await t.app
      .get(CreditsRepository)
      .hold({ userId: owner.id, organizationId: organization.id }, 5, 'POST /scope', 60);
    expect(hold).toMatchObject({ held: true, scope: { organizationWallet: true } });
  });
});

describe('a grant that expires while the request runs', () => {
  it('the settle charges from it and writes off what it gives back, in the same statement', async () => {
    const user = await createUser(t, { grants: [{ amount: 10, expiresAt: new Date(Date.now() + 30_000) }] });
    const request = t.http.post('/api/test-priced/gated-partial').set(user.auth).send({}).then();
    await gate.waitForArrivals(1);
    // The grant's expiry arrives while the handler runs (moved, not waited for: no race with a slow machine).
    await t.prisma.creditGrant.updateMany({
      where: { walletId: user.walletId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    gate.open();
    const response = await request;
    expect(response.status).toBe(200);
    expect(response.headers['x-credits-cost']).toBe('4');
    expect(response.headers['x-credits-remaining']).toBe('0');

    const rows = await t.prisma.creditTransaction.findMany({
      where: { walletId: user.walletId, type: { in: ['USAGE', 'EXPIRATION'] } },
      orderBy: { type: 'asc' },
    });
    expect(rows.map((row) => [row.type, row.amount, row.description])).toEqual([
      ['USAGE', -4, 'Usage: POST /api/test-priced/gated-partial'],
      ['EXPIRATION', -6, 'Expired credits given back by a request'],
    ]);
    expect(await balanceOf(t, user.id)).toEqual({
      creditsTotal: 4,
      creditsUsed: 4,
      creditsReserved: 0,
      remaining: 0,
    });
    await assertInvariants(t.prisma);
  });
});
