import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreditsRepository } from '../../src/credits/credits.repository.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import {
  type ControlledWallet,
  WalletAccessRepository,
  type WalletRole,
} from '../../src/credits/wallet-access.repository.js';
import { assertInvariants } from '../support/invariants.js';
import { clawBackCredits, createUser, grantCredits, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * POST /api/credits/transfers between a user's personal wallet and a second (organization) wallet made
 * by the test. Organizations and their memberships are not here yet, so the test stands in for a
 * membership by adding the wallet to what WalletAccessRepository answers for that user; everything
 * else — the policy, the transfer, the ledger — is the product's own code on a real database.
 */

const DAY_MS = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

/** An organization's wallet (the organization row is required by the wallet's foreign key). */
async function organizationWallet(): Promise<string> {
  const organization = await t.prisma.organization.create({
    data: { name: `Team ${randomUUID().slice(0, 6)}`, wallet: { create: { ownerType: 'ORGANIZATION' } } },
    include: { wallet: true },
  });
  return organization.wallet!.id;
}

/** Stands in for an organization membership: `user` has `role` in `walletId`. */
function standInMembership(memberships: { user: TestUser; walletId: string; role: WalletRole }[]) {
  const repository = t.app.get(WalletAccessRepository);
  const real = repository.controlledWallets.bind(repository);
  vi.spyOn(repository, 'controlledWallets').mockImplementation(async (userId, walletIds) => {
    const own = await real(userId, walletIds);
    const extra: ControlledWallet[] = memberships
      .filter((m) => m.user.id === userId && walletIds.includes(m.walletId))
      .map((m) => ({ walletId: m.walletId, ownerType: 'ORGANIZATION', role: m.role }));
    return [...own, ...extra];
  });
}

function transfer(user: TestUser, body: Record<string, unknown>, key?: string) {
  const request = t.http.post('/api/credits/transfers').set(user.auth);
  if (key) request.set('Idempotency-Key', key);
  return request.send(body);
}

async function grantsOf(walletId: string) {
  return t.prisma.creditGrant.findMany({
    where: { walletId },
    orderBy: [{ priority: 'asc' }, { expiresAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
  });
}

async function storedRemaining(walletId: string) {
  const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { id: walletId } });
  return wallet.creditsTotal - wallet.creditsUsed - wallet.creditsReserved;
}

describe('moving credits', () => {
  it('draws in draw-down order and carries exact amounts, categories and expiries into TRANSFER grants', async () => {
    const user = await createUser(t);
    const soon = new Date(Date.now() + 3 * DAY_MS);
    const later = new Date(Date.now() + 5 * DAY_MS);
    const [promoSoon, paidForever, priority10] = await grantCredits(t, user.walletId, [
      { amount: 30, category: 'PROMOTIONAL', expiresAt: soon },
      { amount: 50, category: 'PAID' },
      { amount: 20, category: 'PAID', priority: 10, expiresAt: later },
    ]);
    const team = await organizationWallet();
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);

    const response = await transfer(user, {
      fromWalletId: user.walletId,
      toWalletId: team,
      amount: 60,
      reason: 'launch budget',
    }).expect(201);
    expect(response.body).toEqual({
      transferId: expect.any(String),
      amount: 60,
      from: { walletId: user.walletId, remaining: 40 },
      to: { walletId: team, remaining: 60 },
    });

    const source = await t.prisma.creditGrant.findMany({ where: { walletId: user.walletId } });
    expect(Object.fromEntries(source.map((g) => [g.id, [g.remaining, g.status]]))).toEqual({
      [priority10]: [0, 'DEPLETED'],
      [promoSoon]: [0, 'DEPLETED'],
      [paidForever]: [40, 'ACTIVE'],
    });
    const target = await grantsOf(team);
    expect(
      target.map((g) => [
        g.source,
        g.category,
        g.amount,
        g.remaining,
        g.priority,
        g.expiresAt?.getTime() ?? null,
      ]),
    ).toEqual([
      ['TRANSFER', 'PROMOTIONAL', 30, 30, 50, soon.getTime()],
      ['TRANSFER', 'PAID', 20, 20, 50, later.getTime()],
      ['TRANSFER', 'PAID', 10, 10, 50, null],
    ]);

    const rows = await t.prisma.creditTransaction.findMany({
      where: { reference: `transfer:${response.body.transferId}` },
      include: { allocations: true },
    });
    const out = rows.find((row) => row.type === 'TRANSFER_OUT')!;
    const into = rows.find((row) => row.type === 'TRANSFER_IN')!;
    expect(out).toMatchObject({ walletId: user.walletId, amount: -60, actorUserId: user.id, debtAdded: 0 });
    expect(Object.fromEntries(out.allocations.map((a) => [a.grantId, a.amount]))).toEqual({
      [priority10]: -20,
      [promoSoon]: -30,
      [paidForever]: -10,
    });
    expect(into).toMatchObject({
      walletId: team,
      userId: null,
      amount: 60,
      debtPaid: 0,
      actorUserId: user.id,
    });
    expect(into.allocations.map((a) => a.amount).sort((a, b) => a - b)).toEqual([10, 20, 30]);
    expect(into.description).toBe('Transfer: launch budget');
    await assertInvariants(t.prisma);
  });

  it("pays the target's debt first: the ledger shows the full amount and debtPaid", async () => {
    const user = await createUser(t, { credits: 100 });
    const team = await organizationWallet();
    await grantCredits(t, team, [{ amount: 10 }]);
    // A clawback the team's grants could not cover: 15 credits of debt.
    await t.app.get(LedgerRepository).debit({
      walletId: team,
      type: 'REFUND_CLAWBACK',
      amount: 25,
      reference: `test-clawback:${randomUUID()}`,
      description: 'Refund',
      allowDebt: true,
    });
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: team } })).debt).toBe(15);
    standInMembership([{ user, walletId: team, role: 'BILLING_ADMIN' }]);

    const response = await transfer(user, {
      fromWalletId: user.walletId,
      toWalletId: team,
      amount: 40,
    }).expect(201);
    expect(response.body.to).toEqual({ walletId: team, remaining: 25 });
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: team } })).debt).toBe(0);
    const into = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: team, type: 'TRANSFER_IN' },
      include: { allocations: true },
    });
    expect(into).toMatchObject({ amount: 40, debtPaid: 15 });
    expect(into.allocations.map((a) => a.amount)).toEqual([25]);
    const balance = await t.http.get('/api/credits/balance').set(user.auth).expect(200);
    expect(balance.body.remaining).toBe(60);
    await assertInvariants(t.prisma);
  });

  it('debt larger than the first grant a transfer makes: that grant pays all of it, the next pays the rest', async () => {
    const user = await createUser(t);
    const soon = new Date(Date.now() + 3 * DAY_MS);
    await grantCredits(t, user.walletId, [
      { amount: 30, category: 'PROMOTIONAL', expiresAt: soon },
      { amount: 50, category: 'PAID' },
    ]);
    const team = await organizationWallet();
    await grantCredits(t, team, [{ amount: 10 }]);
    await clawBackCredits(t, team, 50);
    expect((await t.prisma.wallet.findUniqueOrThrow({ where: { id: team } })).debt).toBe(40);
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);

    const response = await transfer(user, {
      fromWalletId: user.walletId,
      toWalletId: team,
      amount: 60,
    }).expect(201);
    expect(response.body.to).toEqual({ walletId: team, remaining: 20 });
    expect(await t.prisma.wallet.findUniqueOrThrow({ where: { id: team } })).toMatchObject({
      creditsTotal: 20,
      debt: 0,
    });
    // The promotional 30 (soonest expiry) pays 30 of the debt, the paid 30 the other 10.
    const made = (await grantsOf(team)).filter((g) => g.source === 'TRANSFER');
    expect(made.map((g) => [g.category, g.amount, g.remaining, g.status, g.reference])).toEqual([
      ['PROMOTIONAL', 30, 0, 'DEPLETED', `transfer:${response.body.transferId}:1`],
      ['PAID', 30, 20, 'ACTIVE', `transfer:${response.body.transferId}:2`],
    ]);
    expect(made[0].expiresAt?.getTime()).toBe(soon.getTime());
    const into = await t.prisma.creditTransaction.findFirstOrThrow({
      where: { walletId: team, type: 'TRANSFER_IN' },
      include: { allocations: true },
    });
    expect(into).toMatchObject({ amount: 60, debtPaid: 40, balanceAfter: 20 });
    expect(into.allocations.map((a) => [a.grantId, a.amount])).toEqual([[made[1].id, 20]]);
    await assertInvariants(t.prisma);
  });

  it('never moves held or expired credits: short is 422 INSUFFICIENT_CREDITS and nothing moves', async () => {
    const user = await createUser(t, { credits: 10 });
    // 4 of the 10 held by a request in flight, then 50 that expire before the transfer.
    const hold = await t.app.get(CreditsRepository).hold(user.actor, 4, 'POST /in-flight', 60);
    expect(hold.held).toBe(true);
    await grantCredits(t, user.walletId, [
      { amount: 50, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 1200) },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const team = await organizationWallet();
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);

    const short = await transfer(user, { fromWalletId: user.walletId, toWalletId: team, amount: 7 }).expect(
      422,
    );
    expect(short.body).toMatchObject({
      statusCode: 422,
      code: 'INSUFFICIENT_CREDITS',
      required: 7,
      remaining: 6,
    });
    expect(await t.prisma.creditTransaction.count({ where: { walletId: team } })).toBe(0);
    expect(await storedRemaining(team)).toBe(0);

    const exact = await transfer(user, { fromWalletId: user.walletId, toWalletId: team, amount: 6 }).expect(
      201,
    );
    expect(exact.body.from.remaining).toBe(0);
    expect(exact.body.to.remaining).toBe(6);
    await assertInvariants(t.prisma);
  });
});

describe('who may transfer', () => {
  it('404 for a wallet the caller does not control, 400 for bad input, and nothing moves', async () => {
    const user = await createUser(t, { credits: 100 });
    const stranger = await createUser(t, { credits: 100 });
    const team = await organizationWallet();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ fromWalletId: user.walletId, toWalletId: stranger.walletId, amount: 5 }, 404, 'NOT_FOUND'],
      [{ fromWalletId: stranger.walletId, toWalletId: user.walletId, amount: 5 }, 404, 'NOT_FOUND'],
      [{ fromWalletId: user.walletId, toWalletId: team, amount: 5 }, 404, 'NOT_FOUND'],
      [{ fromWalletId: user.walletId, toWalletId: randomUUID(), amount: 5 }, 404, 'NOT_FOUND'],
      [{ fromWalletId: user.walletId, toWalletId: user.walletId, amount: 5 }, 400, 'VALIDATION_FAILED'],
      [{ fromWalletId: user.walletId, toWalletId: team, amount: 0 }, 400, 'VALIDATION_FAILED'],
      [{ fromWalletId: user.walletId, toWalletId: team, amount: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ fromWalletId: user.walletId, toWalletId: team, amount: '5' }, 400, 'VALIDATION_FAILED'],
      [{ fromWalletId: 'mine', toWalletId: team, amount: 5 }, 400, 'VALIDATION_FAILED'],
      [{ fromWalletId: user.walletId, toWalletId: team, amount: 5, extra: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await transfer(user, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.code).toBe(code);
    }
    await t.http.post('/api/credits/transfers').send(cases[0]![0]).expect(401);
    expect(await storedRemaining(user.walletId)).toBe(100);
    expect(await storedRemaining(stranger.walletId)).toBe(100);
    expect(
      await t.prisma.creditTransaction.count({
        where: {
          walletId: { in: [user.walletId, stranger.walletId, team] },
          type: { in: ['TRANSFER_IN', 'TRANSFER_OUT'] },
        },
      }),
    ).toBe(0);
  });

  it('403 when the role lacks the right: a MEMBER may neither fund nor drain, a BILLING_ADMIN may only fund', async () => {
    const user = await createUser(t, { credits: 100 });
    const memberOf = await organizationWallet();
    const billingOf = await organizationWallet();
    await grantCredits(t, billingOf, [{ amount: 50 }]);
    standInMembership([
      { user, walletId: memberOf, role: 'MEMBER' },
      { user, walletId: billingOf, role: 'BILLING_ADMIN' },
    ]);
    const into = await transfer(user, {
      fromWalletId: user.walletId,
      toWalletId: memberOf,
      amount: 5,
    }).expect(403);
    expect(into.body.code).toBe('FORBIDDEN');
    await transfer(user, { fromWalletId: billingOf, toWalletId: user.walletId, amount: 5 }).expect(403);
    await transfer(user, { fromWalletId: user.walletId, toWalletId: billingOf, amount: 5 }).expect(201);
  });
});

describe('Idempotency-Key and concurrency', () => {
  it('a retry with the same key replays the first response and moves the credits once', async () => {
    const user = await createUser(t, { credits: 100 });
    const team = await organizationWallet();
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);
    const body = { fromWalletId: user.walletId, toWalletId: team, amount: 30 };
    const first = await transfer(user, body, 'transfer-once').expect(201);
    const retry = await transfer(user, body, 'transfer-once').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await storedRemaining(user.walletId)).toBe(70);
    expect(await storedRemaining(team)).toBe(30);
    // The response was stored by the transfer's own transaction, with the record completed.
    const record = await t.prisma.idempotencyRecord.findFirstOrThrow({
      where: { userId: user.id, key: 'transfer-once' },
    });
    expect(record).toMatchObject({ state: 'COMPLETED', responseStatus: 201, responseBody: first.body });

    const reused = await transfer(user, { ...body, amount: 31 }, 'transfer-once').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A refused transfer keeps nothing: the same key works once there is enough.
    await transfer(user, { ...body, amount: 500 }, 'transfer-short').expect(422);
    await transfer(user, { ...body, amount: 5 }, 'transfer-short').expect(201);
  });

  it('20 concurrent transfers out of one wallet never overdraw it', async () => {
    const user = await createUser(t, { grants: [{ amount: 100 }, { amount: 50, category: 'PROMOTIONAL' }] });
    const team = await organizationWallet();
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        transfer(user, { fromWalletId: user.walletId, toWalletId: team, amount: 10 }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(15);
    expect(statuses.filter((status) => status === 422)).toHaveLength(5);
    expect(await storedRemaining(user.walletId)).toBe(0);
    expect(await storedRemaining(team)).toBe(150);
    for (const grant of await t.prisma.creditGrant.findMany({ where: { walletId: user.walletId } })) {
      expect(grant).toMatchObject({ remaining: 0, held: 0, status: 'DEPLETED' });
    }
    await assertInvariants(t.prisma);
  });

  it('opposite transfers at the same time do not deadlock (wallets are locked in id order)', async () => {
    const user = await createUser(t, { credits: 200 });
    const team = await organizationWallet();
    await grantCredits(t, team, [{ amount: 200 }]);
    standInMembership([{ user, walletId: team, role: 'OWNER' }]);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transfer(user, {
          fromWalletId: i % 2 ? user.walletId : team,
          toWalletId: i % 2 ? team : user.walletId,
          amount: 7,
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 201));
    expect(await storedRemaining(user.walletId)).toBe(200);
    expect(await storedRemaining(team)).toBe(200);
    await assertInvariants(t.prisma);
  });
});
