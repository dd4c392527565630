import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { Prisma } from '../../generated/prisma/client.js';

export type ClaimResult =
  | { outcome: 'claimed'; recordId: string }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'completed'; status: number; body: unknown };

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims (user, key) for this request in one statement. The unique index decides between concurrent
   * requests; an expired record is taken over as if it were new.
   */
  async claim(userId: string, key: string, fingerprint: string): Promise<ClaimResult> {
    const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);
    const claimed = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO "IdempotencyRecord" (id, "userId", key, "requestFingerprint", state, "expiresAt")
      VALUES (gen_random_uuid(), ${userId}::uuid, ${key}, ${fingerprint}, 'IN_PROGRESS', ${expiresAt})
      ON CONFLICT ("userId", key) DO UPDATE
        SET "requestFingerprint" = EXCLUDED."requestFingerprint", state = 'IN_PROGRESS', "responseStatus" = NULL,
            "responseBody" = NULL, "expiresAt" = EXCLUDED."expiresAt", "createdAt" = now(), "updatedAt" = now()
        WHERE "IdempotencyRecord"."expiresAt" <= now()
      RETURNING id`;
    if (claimed[0]) return { outcome: 'claimed', recordId: claimed[0].id };

    const existing = await this.prisma.idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } });
    // Deleted between the two statements (the first request failed): the client may simply retry.
    if (!existing || existing.state === 'IN_PROGRESS') return { outcome: 'in-progress' };
    if (existing.requestFingerprint !== fingerprint) return { outcome: 'mismatch' };
    return { outcome: 'completed', status: existing.responseStatus ?? 200, body: existing.responseBody };
  }

  async complete(recordId: string, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.update({
      where: { id: recordId },
      data: { state: 'COMPLETED', responseStatus: status, responseBody: (body ?? Prisma.JsonNull) as Prisma.InputJsonValue },
    });
  }

  /** A request that failed charged nothing, so its key is freed for a retry. */
  async release(recordId: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { id: recordId, state: 'IN_PROGRESS' } });
  }

  async deleteExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: now } } });
    return count;
  }
}
