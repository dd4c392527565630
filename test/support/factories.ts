import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import type { AccessTokenClaims } from '../../src/auth/authenticated-user.js';
import type { CreditActor } from '../../src/credits/credits.repository.js';
import type { GrantTerms } from '../../src/credits/ledger-movement.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import type { TestApp } from './test-app.js';

const FACTORY_PASSWORD = 'factory-password-123';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  /** The personal wallet. */
  walletId: string;
  /** What CreditsRepository.hold/settle take for this user's own requests. */
  actor: CreditActor;
  email: string;
  role: Role;
  token: string;
  /** `{ Authorization: 'Bearer …' }`, for supertest's `.set(...)`. */
  auth: { Authorization: string };
}

export type TestGrant = Partial<GrantTerms> & { amount: number };

/**
 * A user with a personal wallet, `credits` granted through the ledger code (one PAID grant without
 * expiry, so the invariants hold), any extra `grants`, and a signed access token.
 */
export async function createUser(
  t: TestApp,
  options: { credits?: number; grants?: TestGrant[]; role?: Role; email?: string; name?: string } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const email = options.email ?? `user-${id.slice(0, 8)}@example.com`;
  const role = options.role ?? 'USER';
  const credits = options.credits ?? 0;
  passwordHash ??= argon2.hash(FACTORY_PASSWORD);
  const user = await t.prisma.user.create({
    data: {
      id,
      email,
      role,
      name: options.name ?? null,
      passwordHash: await passwordHash,
      wallet: { create: { ownerType: 'USER' } },
    },
    include: { wallet: true },
  });
  const walletId = user.wallet!.id;
  const grants: TestGrant[] = credits !== 0 ? [{ amount: credits }] : [];
  await grantCredits(t, walletId, [...grants, ...(options.grants ?? [])]);
  const claims: AccessTokenClaims = { sub: id, email, role, wid: walletId };
  const token = await t.app.get(JwtService).signAsync(claims);
  return {
    id,
    walletId,
    actor: { walletId, userId: id },
    email,
    role,
    token,
    auth: { Authorization: `Bearer ${token}` },
  };
}

/** New grants in a wallet, made by the ledger code (default: PAID, priority 50, no expiry). */
export async function grantCredits(t: TestApp, walletId: string, grants: TestGrant[]): Promise<string[]> {
  const ids: string[] = [];
  for (const grant of grants) {
    const entry = await t.app.get(LedgerRepository).credit({
      walletId,
      type: 'GRANT',
      amount: grant.amount,
      reference: `factory:${randomUUID()}`,
      description: 'Test grant',
      grant: {
        source: grant.source ?? 'ADMIN_GRANT',
        category: grant.category ?? 'PAID',
        priority: grant.priority,
        expiresAt: grant.expiresAt ?? null,
      },
    });
    if (!entry?.grantId) throw new Error(`factory: the grant of ${grant.amount} was refused`);
    ids.push(entry.grantId);
  }
  return ids;
}

/**
 * Four grants of 10 that each decide the draw-down by one rule, returned in the order they are given:
 * a PAID purchase, a PROMOTIONAL one without expiry, a PROMOTIONAL one expiring in 3 days, a PAID one of
 * priority 10. Credits leave them priority 10 first, then the expiring one, then promotional, then paid.
 */
export function grantOneOfEachDrawDownRule(t: TestApp, walletId: string): Promise<string[]> {
  return grantCredits(t, walletId, [
    { amount: 10, source: 'PURCHASE', category: 'PAID' },
    { amount: 10, category: 'PROMOTIONAL' },
    { amount: 10, category: 'PROMOTIONAL', expiresAt: new Date(Date.now() + 3 * 86_400_000) },
    { amount: 10, category: 'PAID', priority: 10 },
  ]);
}

/** A clawback of `amount` through the ledger code: what the wallet's grants cannot give becomes debt. */
export async function clawBackCredits(t: TestApp, walletId: string, amount: number): Promise<void> {
  const entry = await t.app.get(LedgerRepository).debit({
    walletId,
    type: 'REFUND_CLAWBACK',
    amount,
    reference: `factory:${randomUUID()}`,
    description: 'Test clawback',
    allowDebt: true,
  });
  if (!entry) throw new Error(`factory: the clawback of ${amount} was refused`);
}

/** The stored counters of a user's personal wallet (not the effective figures a response shows). */
export async function balanceOf(t: TestApp, userId: string) {
  const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { userId } });
  return {
    creditsTotal: wallet.creditsTotal,
    creditsUsed: wallet.creditsUsed,
    creditsReserved: wallet.creditsReserved,
    remaining: wallet.creditsTotal - wallet.creditsUsed - wallet.creditsReserved,
  };
}

export interface TestOrderOptions {
  provider?: 'stripe' | 'dodo' | 'sandbox';
  credits?: number;
  /** Cents; default the price list's (100 credits = 1800). */
  amount?: number;
  currency?: string;
  sessionId?: string;
  paymentId?: string | null;
  status?: 'PENDING' | 'AWAITING_PAYMENT' | 'PAID' | 'FAILED' | 'EXPIRED';
  /** Backdate it, e.g. for reconciliation (which looks at orders older than N minutes). */
  createdAt?: Date;
}

/**
 * A checkout's order exactly as billing stores it (PENDING, the provider's session id, cents, `usd`),
 * for webhook tests that do not need to go through POST /api/billing/checkout-sessions.
 */
export async function createOrder(t: TestApp, userId: string, options: TestOrderOptions = {}) {
  const provider = options.provider ?? 'stripe';
  const prefix = { stripe: 'cs_test_', dodo: 'cks_', sandbox: 'sbx_' }[provider];
  const wallet = await t.prisma.wallet.findUniqueOrThrow({ where: { userId }, select: { id: true } });
  return t.prisma.order.create({
    data: {
      userId,
      walletId: wallet.id,
      provider,
      providerSessionId: options.sessionId ?? `${prefix}${randomUUID().replaceAll('-', '')}`,
      providerPaymentId: options.paymentId ?? null,
      credits: options.credits ?? 100,
      amount: options.amount ?? 1800,
      currency: options.currency ?? 'usd',
      status: options.status ?? 'PENDING',
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}
