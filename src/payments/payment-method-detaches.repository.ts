import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { SqlClient } from '../database/sql-client.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ForgottenMethod } from './forgotten-method-detacher.js';

/**
 * Seconds before the next try after the n-th failed attempt: 1 min, 5 min, 30 min, 2 h, then every 6 h
 * (docs/operations.md, "Cards owed a detach"). The attempt right after the commit is the first.
 */
const DETACH_BACKOFF_SECONDS = [60, 300, 1_800, 7_200];
const DETACH_LAST_BACKOFF_SECONDS = 21_600;

/** A detach still owed, claimed by the retry job. */
export interface OwedDetach extends ForgottenMethod {
  walletId: string | null;
  reason: string;
  attempts: number;
}

/**
 * The detaches still owed at a provider (an outbox of provider calls): a row is written in the transaction
 * that forgets the card, so a crash before the provider answered loses nothing, and deleted once the
 * provider detached it. A row being tried is leased through `nextAttemptAt`, so no other run tries it.
 */
@Injectable()
export class PaymentMethodDetachesRepository {
  /** Longer than any provider call (PAYMENT_PROVIDER_TIMEOUT_MS): a lease never ends while its call runs. */
  private readonly leaseSeconds: number;

  constructor(
    private readonly sql: SqlDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.leaseSeconds = Math.ceil(config.payments.timeoutMs / 1000) + 60;
  }

  /**
   * Owes the detach, in `tx` (the transaction that forgets the card; the pool when nothing is forgotten).
   * Leased from the start: the attempt right after the commit is the first, the retry job takes the row
   * only when that attempt never settled it (a crash). A method already owed stays owed once.
   */
  async owe(
    method: ForgottenMethod,
    context: { walletId: string; reason: string },
    tx: SqlClient = this.sql,
  ): Promise<void> {
    await tx.execute(Prisma.sql`
      INSERT INTO "PaymentMethodDetach" (id, provider, "paymentMethodId", "walletId", reason, "nextAttemptAt")
      VALUES (gen_random_uuid(), ${method.provider}::"PaymentProvider", ${method.paymentMethodId},
              ${context.walletId}::uuid, ${context.reason}, now() + make_interval(secs => ${this.leaseSeconds}::int))
      ON CONFLICT (provider, "paymentMethodId") DO NOTHING`);
  }

  /** The next due row, leased; undefined when none is due. Concurrent claimers skip each other's row. */
  async claimDue(): Promise<OwedDetach | undefined> {
    const [row] = await this.sql.query<OwedDetach>(Prisma.sql`
      UPDATE "PaymentMethodDetach" SET "nextAttemptAt" = now() + make_interval(secs => ${this.leaseSeconds}::int)
      WHERE id = (
        SELECT id FROM "PaymentMethodDetach" WHERE "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED
      )
      RETURNING provider::text AS provider, "paymentMethodId", "walletId", reason, attempts`);
    return row;
  }

  /** Detached (or already gone at the provider): nothing is owed any more. */
  async settle(method: ForgottenMethod): Promise<void> {
    await this.sql.execute(Prisma.sql`
      DELETE FROM "PaymentMethodDetach"
      WHERE provider = ${method.provider}::"PaymentProvider" AND "paymentMethodId" = ${method.paymentMethodId}`);
  }

  /** Another failed attempt: tried again after the backoff of its count. `failure` is a class, never a message. */
  async recordFailure(method: ForgottenMethod, failure: string): Promise<void> {
    await this.sql.execute(Prisma.sql`
      UPDATE "PaymentMethodDetach"
      SET attempts = attempts + 1, "lastFailure" = ${failure},
          "nextAttemptAt" = now() + make_interval(secs => COALESCE(
            (${DETACH_BACKOFF_SECONDS}::int[])[attempts + 1], ${DETACH_LAST_BACKOFF_SECONDS}::int))
      WHERE provider = ${method.provider}::"PaymentProvider" AND "paymentMethodId" = ${method.paymentMethodId}`);
  }
}
