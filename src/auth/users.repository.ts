import { Injectable } from '@nestjs/common';
import { LedgerRepository } from '../credits/ledger.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Role, User } from '../generated/prisma/client.js';

export type NewUser = { email: string; passwordHash: string; name: string | null; role: Role };

@Injectable()
export class UsersRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
    private readonly ledger: LedgerRepository,
  ) {}

  /**
   * The user and their personal wallet (with any signup bonus), in one transaction. Returns undefined
   * when the email is taken (the unique index decides, not a prior read).
   */
  create(user: NewUser): Promise<{ user: User; walletId: string } | undefined> {
    return this.sql.transaction(async (tx) => {
      const [created] = await tx.query<User>(Prisma.sql`
        INSERT INTO "User" (id, email, "passwordHash", name, role, "updatedAt")
        VALUES (gen_random_uuid(), ${user.email}, ${user.passwordHash}, ${user.name}, ${user.role}::"Role", now())
        ON CONFLICT (email) DO NOTHING
        RETURNING id, email, "passwordHash", name, role, "createdAt", "updatedAt"`);
      if (!created) return undefined;
      return { user: created, walletId: await this.ledger.openPersonalWallet(tx, created.id) };
    });
  }

  /** The personal wallet's id (for access tokens issued before wallets existed). */
  async personalWalletId(userId: string): Promise<string | undefined> {
    const wallet = await this.prisma.wallet.findUnique({ where: { userId }, select: { id: true } });
    return wallet?.id;
  }

  findByEmailWithWallet(email: string) {
    return this.prisma.user.findUnique({ where: { email }, include: { wallet: { select: { id: true } } } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }
}
