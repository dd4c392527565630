import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import type { AccessTokenClaims } from '../../src/auth/authenticated-user.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import type { TestApp } from './test-app.js';

const FACTORY_PASSWORD = 'factory-password-123';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  /** `{ Authorization: 'Bearer …' }`, for supertest's `.set(...)`. */
  auth: { Authorization: string };
}

/**
 * A user with `credits` granted through a GRANT ledger row (so the ledger invariant holds), and a
 * signed access token. One call, two statements.
 */
export async function createUser(
  t: TestApp,
  options: { credits?: number; role?: Role; email?: string; name?: string } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const email = options.email ?? `user-${id.slice(0, 8)}@example.com`;
  const role = options.role ?? 'USER';
  const credits = options.credits ?? 0;
  passwordHash ??= argon2.hash(FACTORY_PASSWORD);
  await t.prisma.user.create({
    data: {
      id,
      email,
      role,
      name: options.name ?? null,
      passwordHash: await passwordHash,
      creditsTotal: credits,
    },
  });
  if (credits !== 0) {
    await t.prisma.creditTransaction.create({
      data: {
        userId: id,
        type: 'GRANT',
        amount: credits,
        balanceAfter: credits,
        reference: `factory:${id}`,
        description: 'Test grant',
      },
    });
  }
  const claims: AccessTokenClaims = { sub: id, email, role };
  const token = await t.app.get(JwtService).signAsync(claims);
  return { id, email, role, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function balanceOf(t: TestApp, userId: string) {
  const user = await t.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    creditsTotal: user.creditsTotal,
    creditsUsed: user.creditsUsed,
    creditsReserved: user.creditsReserved,
    remaining: user.creditsTotal - user.creditsUsed - user.creditsReserved,
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
  return t.prisma.order.create({
    data: {
      userId,
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
