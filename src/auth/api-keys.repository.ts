import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { ApiKey, User } from '../generated/prisma/client.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    userId: string;
    organizationId: string | null;
    name: string;
    prefix: string;
    hash: string;
  }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  /** The user's personal keys (organization keys are listed by their organization). */
  listActive(userId: string): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({
      where: { userId, organizationId: null, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** One statement: a key that is not the user's, or already revoked, is simply not found. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id, userId, organizationId: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  /** With the owner and the owner's personal wallet, in the same query. */
  findActiveByHash(
    hash: string,
  ): Promise<
    (ApiKey & { user: Pick<User, 'id' | 'email' | 'role'> & { wallet: { id: string } | null } }) | null
  > {
    return this.prisma.apiKey.findFirst({
      where: { hash, revokedAt: null },
      include: { user: { select: { id: true, email: true, role: true, wallet: { select: { id: true } } } } },
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
