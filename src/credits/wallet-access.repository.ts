import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { WalletOwnerType } from '../generated/prisma/enums.js';

/**
 * How a user controls a wallet: a personal wallet's owner is its OWNER; in an organization's wallet, the
 * user's role in the organization.
 */
export type WalletRole = 'OWNER' | 'BILLING_ADMIN' | 'MEMBER';

export interface ControlledWallet {
  walletId: string;
  ownerType: WalletOwnerType;
  role: WalletRole;
}

@Injectable()
export class WalletAccessRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /**
   * The wallets among `walletIds` that `userId` can see, with the user's role in each; a wallet absent
   * from the answer is one the user cannot see (404): not theirs, or an organization they are not a
   * member of or that is deleted.
   */
  controlledWallets(userId: string, walletIds: string[]): Promise<ControlledWallet[]> {
    return this.sql.query<ControlledWallet>(Prisma.sql`
      SELECT w.id AS "walletId", w."ownerType", 'OWNER' AS role
      FROM "Wallet" w
      WHERE w.id = ANY(${walletIds}::uuid[]) AND w."ownerType" = 'USER' AND w."userId" = ${userId}::uuid
      UNION ALL
      SELECT w.id, w."ownerType", m.role::text
      FROM "Wallet" w
      JOIN "Organization" o ON o.id = w."organizationId" AND o."deletedAt" IS NULL
      JOIN "Membership" m ON m."organizationId" = o.id AND m."userId" = ${userId}::uuid
      WHERE w.id = ANY(${walletIds}::uuid[]) AND w."ownerType" = 'ORGANIZATION'`);
  }
}
