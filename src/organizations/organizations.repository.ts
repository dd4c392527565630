import { Injectable } from '@nestjs/common';
import { LedgerRepository } from '../credits/ledger.repository.js';
import { effectiveRemaining } from '../credits/wallet-sql.js';
import { PrismaService } from '../database/prisma.service.js';
import { SqlDatabase } from '../database/sql-database.js';
import type { SqlClient } from '../database/sql-client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ApiKey } from '../generated/prisma/client.js';
import type { OrganizationRole, SpendLimitPeriod } from '../generated/prisma/enums.js';
import type { ForgottenMethod } from '../payments/forgotten-method-detacher.js';
import { PaymentMethodDetachesRepository } from '../payments/payment-method-detaches.repository.js';
import { periodStart } from './member-usage-sql.js';
import { OrganizationRight, rolesWith } from './organization-policy.js';

export interface OrganizationRow {
  id: string;
  name: string;
  role: OrganizationRole;
  walletId: string;
  createdAt: Date;
}

export interface MembershipWallet {
  role: OrganizationRole;
  walletId: string;
}

interface SpendLimit {
  credits: number;
  period: SpendLimitPeriod;
}

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: OrganizationRole;
  spendLimit: SpendLimit | null;
  spentThisPeriod: number;
}

export type MemberChange = { role?: OrganizationRole; spendLimit?: SpendLimit | null };

/** A deletion that committed names the saved method it forgot, for the service to detach at the provider. */
export type DeleteOutcome =
  | { outcome: 'deleted'; walletId: string; forgottenMethod: ForgottenMethod | undefined }
  | { outcome: 'not-found' | 'holds-pending' | 'wallet-not-empty' };

/** Without a limit, spentThisPeriod is the member's usage in the current UTC month. */
const UNLIMITED_PERIOD: SpendLimitPeriod = 'MONTH';

const MEMBER_COLUMNS = Prisma.sql`m."userId", u.email, u.name, m.role, m."spendLimitCredits", m."spendLimitPeriod",
  COALESCE((SELECT c.settled + c.held FROM "MemberUsageCounter" c
            WHERE c."walletId" = w.id AND c."userId" = m."userId"
              AND c.period = COALESCE(m."spendLimitPeriod", ${UNLIMITED_PERIOD}::"SpendLimitPeriod")
              AND c."periodStart" = ${periodStart(Prisma.sql`COALESCE(m."spendLimitPeriod", ${UNLIMITED_PERIOD}::"SpendLimitPeriod")`, Prisma.sql`now()`)}), 0)::int
    AS "spentThisPeriod"`;

type RawMember = Omit<MemberRow, 'spendLimit'> & {
  spendLimitCredits: number | null;
  spendLimitPeriod: SpendLimitPeriod | null;
};

function toMember(row: RawMember): MemberRow {
  const { spendLimitCredits, spendLimitPeriod, ...rest } = row;
  return {
    ...rest,
    spendLimit:
      spendLimitCredits !== null && spendLimitPeriod !== null
        ? { credits: spendLimitCredits, period: spendLimitPeriod }
        : null,
  };
}

/**
 * Organizations, memberships and their keys. Deleted organizations are never returned: every read
 * filters `deletedAt IS NULL`, so a deleted organization is 404 everywhere. Changes to an organization's
 * owners lock its row first, so two concurrent demotions cannot leave it without an OWNER.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
    private readonly ledger: LedgerRepository,
    private readonly detaches: PaymentMethodDetachesRepository,
  ) {}

  /** The caller's role and the wallet, when they are a member of a live organization (one round trip). */
  async membershipWallet(organizationId: string, userId: string): Promise<MembershipWallet | undefined> {
    const rows = await this.sql.query<MembershipWallet>(Prisma.sql`
      SELECT m.role, w.id AS "walletId"
      FROM "Membership" m
      JOIN "Organization" o ON o.id = m."organizationId" AND o."deletedAt" IS NULL
      JOIN "Wallet" w ON w."organizationId" = o.id
      WHERE m."organizationId" = ${organizationId}::uuid AND m."userId" = ${userId}::uuid`);
    return rows[0];
  }

  /** The wallet of a live organization. */
  async walletOf(organizationId: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ id: string }>(Prisma.sql`
      SELECT w.id FROM "Wallet" w JOIN "Organization" o ON o.id = w."organizationId" AND o."deletedAt" IS NULL
      WHERE w."organizationId" = ${organizationId}::uuid`);
    return rows[0]?.id;
  }

  /** The organization, its wallet and its first OWNER, in one statement. */
  async create(userId: string, name: string): Promise<OrganizationRow> {
    const [row] = await this.sql.query<OrganizationRow>(Prisma.sql`
      WITH org AS (
        INSERT INTO "Organization" (id, name) VALUES (gen_random_uuid(), ${name})
        RETURNING id, name, "createdAt"
      ), wallet AS (
        INSERT INTO "Wallet" (id, "ownerType", "organizationId", "updatedAt")
        SELECT gen_random_uuid(), 'ORGANIZATION', id, now() FROM org
        RETURNING id
      ), owner AS (
        INSERT INTO "Membership" ("organizationId", "userId", role, "updatedAt")
        SELECT id, ${userId}::uuid, 'OWNER', now() FROM org
      )
      SELECT org.id, org.name, 'OWNER' AS role, wallet.id AS "walletId", org."createdAt" FROM org, wallet`);
    return row;
  }

  listForUser(userId: string): Promise<OrganizationRow[]> {
    return this.sql.query<OrganizationRow>(Prisma.sql`
      SELECT o.id, o.name, m.role, w.id AS "walletId", o."createdAt"
      FROM "Membership" m
      JOIN "Organization" o ON o.id = m."organizationId" AND o."deletedAt" IS NULL
      JOIN "Wallet" w ON w."organizationId" = o.id
      WHERE m."userId" = ${userId}::uuid
      ORDER BY o."createdAt", o.id`);
  }

  async findForUser(organizationId: string, userId: string): Promise<OrganizationRow | undefined> {
    const rows = await this.sql.query<OrganizationRow>(Prisma.sql`
      SELECT o.id, o.name, m.role, w.id AS "walletId", o."createdAt"
      FROM "Membership" m
      JOIN "Organization" o ON o.id = m."organizationId" AND o."deletedAt" IS NULL
      JOIN "Wallet" w ON w."organizationId" = o.id
      WHERE m."organizationId" = ${organizationId}::uuid AND m."userId" = ${userId}::uuid`);
    return rows[0];
  }

  async rename(organizationId: string, name: string): Promise<void> {
    await this.prisma.organization.updateMany({
      where: { id: organizationId, deletedAt: null },
      data: { name },
    });
  }

  members(organizationId: string): Promise<MemberRow[]> {
    return this.sql
      .query<RawMember>(
        Prisma.sql`
      SELECT ${MEMBER_COLUMNS}
      FROM "Membership" m
      JOIN "User" u ON u.id = m."userId"
      JOIN "Wallet" w ON w."organizationId" = m."organizationId"
      WHERE m."organizationId" = ${organizationId}::uuid
      ORDER BY m."createdAt", m."userId"`,
      )
      .then((rows) => rows.map(toMember));
  }

  async member(
    organizationId: string,
    userId: string,
    tx: SqlClient = this.sql,
  ): Promise<MemberRow | undefined> {
    const rows = await tx.query<RawMember>(Prisma.sql`
      SELECT ${MEMBER_COLUMNS}
      FROM "Membership" m
      JOIN "User" u ON u.id = m."userId"
      JOIN "Wallet" w ON w."organizationId" = m."organizationId"
      WHERE m."organizationId" = ${organizationId}::uuid AND m."userId" = ${userId}::uuid`);
    return rows[0] && toMember(rows[0]);
  }

  /** 'unknown-user' for an email nobody registered; 'already-member' when the unique key says so. */
  async addMember(
    organizationId: string,
    email: string,
    role: OrganizationRole,
  ): Promise<MemberRow | 'unknown-user' | 'already-member'> {
    const rows = await this.sql.query<{ userId: string | null; added: boolean }>(Prisma.sql`
      WITH target AS (SELECT id FROM "User" WHERE email = ${email}), added AS (
        INSERT INTO "Membership" ("organizationId", "userId", role, "updatedAt")
        SELECT ${organizationId}::uuid, id, ${role}::"OrganizationRole", now() FROM target
        ON CONFLICT ("organizationId", "userId") DO NOTHING
        RETURNING "userId"
      )
      SELECT target.id AS "userId", EXISTS (SELECT 1 FROM added) AS added FROM target`);
    const row = rows[0];
    if (!row?.userId) return 'unknown-user';
    if (!row.added) return 'already-member';
    return (await this.member(organizationId, row.userId))!;
  }

  /**
   * Applies a role and/or limit change. 'last-owner' when it would demote the only OWNER. A member whose
   * new role may not manage API keys loses their organization keys in the same transaction.
   * Changing a limit leaves the usage counters alone: what was used in the period stays used.
   */
  changeMember(
    organizationId: string,
    userId: string,
    change: MemberChange,
  ): Promise<MemberRow | 'not-found' | 'last-owner'> {
    return this.sql.transaction(async (tx) => {
      if (!(await this.lockOrganization(tx, organizationId))) return 'not-found';
      const [target] = await tx.query<{ role: OrganizationRole }>(Prisma.sql`
        SELECT role FROM "Membership" WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ${userId}::uuid`);
      if (!target) return 'not-found';
      if (change.role && change.role !== 'OWNER' && target.role === 'OWNER') {
        if ((await this.ownerCount(tx, organizationId)) <= 1) return 'last-owner';
      }
      const limit =
        change.spendLimit === undefined
          ? Prisma.empty
          : Prisma.sql`, "spendLimitCredits" = ${change.spendLimit?.credits ?? null}::int,
                       "spendLimitPeriod" = ${change.spendLimit?.period ?? null}::"SpendLimitPeriod"`;
      const role = change.role ? Prisma.sql`, role = ${change.role}::"OrganizationRole"` : Prisma.empty;
      await tx.execute(Prisma.sql`
        UPDATE "Membership" SET "updatedAt" = now() ${role} ${limit}
        WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ${userId}::uuid`);
      if (change.role && !rolesWith(OrganizationRight.MANAGE_API_KEYS).includes(change.role)) {
        await this.revokeKeys(tx, organizationId, userId);
      }
      return (await this.member(organizationId, userId, tx))!;
    });
  }

  /** Removes the membership and revokes the member's organization keys; 'last-owner' for the only OWNER. */
  removeMember(organizationId: string, userId: string): Promise<'removed' | 'not-found' | 'last-owner'> {
    return this.sql.transaction(async (tx) => {
      if (!(await this.lockOrganization(tx, organizationId))) return 'not-found';
      const [target] = await tx.query<{ role: OrganizationRole }>(Prisma.sql`
        SELECT role FROM "Membership" WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ${userId}::uuid`);
      if (!target) return 'not-found';
      if (target.role === 'OWNER' && (await this.ownerCount(tx, organizationId)) <= 1) return 'last-owner';
      await tx.execute(Prisma.sql`
        DELETE FROM "Membership" WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ${userId}::uuid`);
      await this.revokeKeys(tx, organizationId, userId);
      return 'removed';
    });
  }

  /**
   * Deletes the organization (a soft delete: the wallet and its ledger stay). Lock order Wallet →
   * Organization, as in the credit hold. Refused while holds are pending, and while the wallet's
   * remaining is not zero — unless `forfeit` and it is positive: then an ADJUSTMENT takes it to zero first.
   * Revokes every organization key. Calls no provider: the saved card it forgot is owed its detach here
   * (PaymentMethodDetach) and returned for the service to detach once this has committed.
   */
  delete(organizationId: string, actorUserId: string, forfeit: boolean): Promise<DeleteOutcome> {
    return this.sql.transaction(async (tx) => {
      const [wallet] = await tx.query<{ id: string; remaining: number; creditsReserved: number }>(Prisma.sql`
        SELECT w.id, ${effectiveRemaining('w')} AS remaining, w."creditsReserved" FROM "Wallet" w
        WHERE w."organizationId" = ${organizationId}::uuid
        FOR UPDATE`);
      if (!wallet || !(await this.lockOrganization(tx, organizationId))) return { outcome: 'not-found' };
      if (wallet.creditsReserved > 0) return { outcome: 'holds-pending' };
      if (wallet.remaining < 0 || (wallet.remaining > 0 && !forfeit)) return { outcome: 'wallet-not-empty' };
      if (wallet.remaining > 0) {
        const entry = await this.ledger.debit(
          {
            walletId: wallet.id,
            type: 'ADJUSTMENT',
            amount: wallet.remaining,
            reference: `organization-deleted:${organizationId}`,
            description: 'Credits forfeited: the organization was deleted',
            actorUserId,
            allowDebt: false,
          },
          tx,
        );
        if (!entry) throw new Error(`Could not forfeit the credits of organization ${organizationId}`);
      }
      await tx.execute(Prisma.sql`
        UPDATE "Organization" SET "deletedAt" = now() WHERE id = ${organizationId}::uuid`);
      await this.revokeKeys(tx, organizationId);
      // A deleted organization is never charged again: its saved card forgotten and its rule off, in the
      // order a card's save and removal lock them. The DELETE itself returns the card, so the one the
      // service detaches after commit is the one forgotten.
      const [forgottenMethod] = await tx.query<ForgottenMethod>(Prisma.sql`
        DELETE FROM "SavedPaymentMethod" WHERE "walletId" = ${wallet.id}::uuid
        RETURNING provider::text AS provider, "paymentMethodId"`);
      if (forgottenMethod)
        await this.detaches.owe(forgottenMethod, { walletId: wallet.id, reason: 'organization_deleted' }, tx);
      await tx.execute(Prisma.sql`
        UPDATE "AutoTopUpRule" SET status = 'DISABLED', "updatedAt" = now() WHERE "walletId" = ${wallet.id}::uuid`);
      return { outcome: 'deleted', walletId: wallet.id, forgottenMethod };
    });
  }

  listKeys(organizationId: string): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({
      where: { organizationId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
  }

  async revokeKey(organizationId: string, keyId: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id: keyId, organizationId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  /** False when the organization does not exist or is deleted. */
  private async lockOrganization(tx: SqlClient, organizationId: string): Promise<boolean> {
    const rows = await tx.query(Prisma.sql`
      SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid AND "deletedAt" IS NULL FOR UPDATE`);
    return rows.length === 1;
  }

  private async ownerCount(tx: SqlClient, organizationId: string): Promise<number> {
    const [row] = await tx.query<{ owners: number }>(Prisma.sql`
      SELECT COUNT(*)::int AS owners FROM "Membership"
      WHERE "organizationId" = ${organizationId}::uuid AND role = 'OWNER'`);
    return row.owners;
  }

  /** The organization's keys, or only those `userId` created. */
  private async revokeKeys(tx: SqlClient, organizationId: string, userId?: string): Promise<void> {
    const creator = userId ? Prisma.sql`AND "userId" = ${userId}::uuid` : Prisma.empty;
    await tx.execute(Prisma.sql`
      UPDATE "ApiKey" SET "revokedAt" = now()
      WHERE "organizationId" = ${organizationId}::uuid AND "revokedAt" IS NULL ${creator}`);
  }
}
