import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { IdempotencyState } from '../../generated/prisma/enums.js';

export type StoredHeaders = Record<string, string>;

export type ClaimResult =
  | { outcome: 'claimed'; recordId: string }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'completed'; status: number; body: unknown; headers: StoredHeaders };

/** How long a stored response is replayed. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

interface ExistingRecordRow {
  state: IdempotencyState;
  requestFingerprint: string;
  responseStatus: number | null;
  responseBody: unknown;
  responseHeaders: StoredHeaders | null;
}

/**
 * Idempotency-Key records, on the request path of every keyed request: hand-written SQL on SqlDatabase
 * (the credit settle stores a keyed response itself, in the same statement as the charge; see
 * CreditsRepository.settle).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /**
   * Claims (user, key) for this request in one statement; the unique index decides between concurrent
   * requests. A record whose time is up is taken over as if it were new: a COMPLETED one after 24 hours,
   * an IN_PROGRESS one after `leaseSeconds` (its request died without completing or releasing it).
   */
  async claim(userId: string, key: string, fingerprint: string, leaseSeconds: number): Promise<ClaimResult> {
    const claimed = await this.sql.query<{ id: string }>(Prisma.sql`
      INSERT INTO "IdempotencyRecord" (id, "userId", key, "requestFingerprint", state, "expiresAt", "updatedAt")
      VALUES (gen_random_uuid(), ${userId}::uuid, ${key}, ${fingerprint}, 'IN_PROGRESS',
              now() + make_interval(secs => ${leaseSeconds}), now())
      ON CONFLICT ("userId", key) DO UPDATE
        -- A new id: the request whose lease ran out may still finish, and its complete() or release()
        -- (by record id) must then find nothing rather than act on this claim.
        SET id = gen_random_uuid(), "requestFingerprint" = EXCLUDED."requestFingerprint", state = 'IN_PROGRESS', "responseStatus" = NULL,
            "responseBody" = NULL, "responseHeaders" = NULL, "expiresAt" = EXCLUDED."expiresAt",
            "createdAt" = now(), "updatedAt" = now()
        WHERE "IdempotencyRecord"."expiresAt" <= now()
      RETURNING id`);
    if (claimed[0]) return { outcome: 'claimed', recordId: claimed[0].id };

    const [existing] = await this.sql.query<ExistingRecordRow>(Prisma.sql`
      SELECT state, "requestFingerprint", "responseStatus", "responseBody", "responseHeaders"
      FROM "IdempotencyRecord" WHERE "userId" = ${userId}::uuid AND key = ${key}`);
    // Deleted between the two statements (the first request failed): the client may simply retry.
    if (!existing || existing.state === 'IN_PROGRESS') return { outcome: 'in-progress' };
    if (existing.requestFingerprint !== fingerprint) return { outcome: 'mismatch' };
    return {
      outcome: 'completed',
      status: existing.responseStatus ?? 200,
      body: existing.responseBody,
      headers: existing.responseHeaders ?? {},
    };
  }

  async complete(recordId: string, status: number, body: unknown, headers: StoredHeaders): Promise<void> {
    await this.sql.execute(Prisma.sql`
      UPDATE "IdempotencyRecord"
      SET state = 'COMPLETED', "responseStatus" = ${status}, "responseBody" = ${JSON.stringify(body ?? null)}::jsonb,
          "responseHeaders" = ${JSON.stringify(headers)}::jsonb,
          "expiresAt" = now() + make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS}), "updatedAt" = now()
      WHERE id = ${recordId}::uuid`);
  }

  /** A request that failed charged nothing, so its key is freed for a retry. */
  async release(recordId: string): Promise<void> {
    await this.sql.execute(Prisma.sql`
      DELETE FROM "IdempotencyRecord" WHERE id = ${recordId}::uuid AND state = 'IN_PROGRESS'`);
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.sql.execute(
      Prisma.sql`DELETE FROM "IdempotencyRecord" WHERE "expiresAt" < ${now}::timestamptz`,
    );
  }
}
