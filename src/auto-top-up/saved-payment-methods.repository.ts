import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import type { PaymentProvider } from '../generated/prisma/enums.js';
import type { SqlClient } from '../database/sql-client.js';
import type { ForgottenMethod } from '../payments/forgotten-method-detacher.js';
import { PaymentMethodDetachesRepository } from '../payments/payment-method-detaches.repository.js';
import type { SavedPaymentMethodDetails } from '../payments/payment-gateway.js';

export interface SavedMethod {
  provider: PaymentProvider;
  customerId: string;
  paymentMethodId: string;
  brand: string | null;
  last4: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whose wallet: its organization's id, else its user's. */
export interface WalletOwnerIds {
  userId?: string | null;
  organizationId?: string | null;
}

/** A paid checkout that asked to save its card, whose method has not been read yet. */
export interface OrderAwaitingMethod {
  walletId: string;
  paymentId: string;
  /** The wallet's organization was deleted after the checkout began: its card must not be kept. */
  walletClosed: boolean;
}

/** A wallet's provider customer (created once) and its saved method: brand and last4, never more. */
@Injectable()
export class SavedPaymentMethodsRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly outbox: OutboxRepository,
    private readonly detaches: PaymentMethodDetachesRepository,
  ) {}

  async customerOf(walletId: string, provider: PaymentProvider): Promise<string | undefined> {
    const [row] = await this.sql.query<{ customerId: string }>(Prisma.sql`
      SELECT "customerId" FROM "PaymentCustomer" WHERE "walletId" = ${walletId}::uuid AND provider = ${provider}::"PaymentProvider"`);
    return row?.customerId;
  }

  /** The first customer stored wins; a concurrent checkout that created the same one (same idempotency key) reads it. */
  async rememberCustomer(walletId: string, provider: PaymentProvider, customerId: string): Promise<string> {
    const [row] = await this.sql.query<{ customerId: string }>(Prisma.sql`
      WITH inserted AS (
        INSERT INTO "PaymentCustomer" ("walletId", provider, "customerId")
        VALUES (${walletId}::uuid, ${provider}::"PaymentProvider", ${customerId})
        ON CONFLICT DO NOTHING RETURNING "customerId"
      )
      SELECT "customerId" FROM inserted
      UNION ALL
      SELECT "customerId" FROM "PaymentCustomer" WHERE "walletId" = ${walletId}::uuid AND provider = ${provider}::"PaymentProvider"
      LIMIT 1`);
    return row!.customerId;
  }

  async find(walletId: string): Promise<SavedMethod | undefined> {
    const [row] = await this.sql.query<SavedMethod>(Prisma.sql`
      SELECT provider, "customerId", "paymentMethodId", brand, last4 FROM "SavedPaymentMethod" WHERE "walletId" = ${walletId}::uuid`);
    return row;
  }

  /** The order a `checkout.paid` event credited, when it saved a card: its wallet and payment. */
  async paidOrderSavingMethod(
    provider: PaymentProvider,
    orderId: string,
  ): Promise<OrderAwaitingMethod | undefined> {
    // `metadata.orderId` is the customer's to influence: anything but a uuid names no order.
    if (!UUID.test(orderId)) return undefined;
    const [row] = await this.sql.query<OrderAwaitingMethod>(Prisma.sql`
      SELECT o."walletId", o."providerPaymentId" AS "paymentId", org."deletedAt" IS NOT NULL AS "walletClosed"
      FROM "Order" AS o
      JOIN "Wallet" AS wallet ON wallet.id = o."walletId"
      LEFT JOIN "Organization" AS org ON org.id = wallet."organizationId"
      WHERE o.id = ${orderId}::uuid AND o.provider = ${provider}::"PaymentProvider" AND o."savePaymentMethod"
        AND o.source = 'CHECKOUT' AND o.status = 'PAID' AND o."providerPaymentId" IS NOT NULL`);
    return row;
  }

  /**
   * Saves (or replaces) the wallet's method. A rule paused for authentication resumes: the customer was
   * just present for a purchase. Answers the method it replaced, when it differs from the new one (not for a
   * redelivered checkout that saves the same card again), for the caller to detach at the provider; its
   * detach is owed in this transaction, so it is retried even if the caller never gets to it.
   */
  save(
    walletId: string,
    provider: PaymentProvider,
    method: SavedPaymentMethodDetails,
  ): Promise<ForgottenMethod | undefined> {
    return this.sql.transaction(async (tx) => {
      // The stored row is locked before it is replaced, so of two saves for one wallet the second sees the
      // first's card; when there was none, the INSERT that loses the race reads the winner's instead.
      let previous = await lockedMethod(tx, walletId);
      const inserted =
        !previous &&
        (await tx.execute(Prisma.sql`
          INSERT INTO "SavedPaymentMethod" ("walletId", provider, "customerId", "paymentMethodId", brand, last4)
          VALUES (${walletId}::uuid, ${provider}::"PaymentProvider", ${method.customerId}, ${method.paymentMethodId},
                  ${method.brand}, ${method.last4})
          ON CONFLICT ("walletId") DO NOTHING`)) === 1;
      if (!inserted) {
        previous ??= await lockedMethod(tx, walletId);
        await tx.execute(Prisma.sql`
          UPDATE "SavedPaymentMethod"
          SET provider = ${provider}::"PaymentProvider", "customerId" = ${method.customerId},
              "paymentMethodId" = ${method.paymentMethodId}, brand = ${method.brand}, last4 = ${method.last4},
              "updatedAt" = now()
          WHERE "walletId" = ${walletId}::uuid`);
      }
      await tx.execute(Prisma.sql`
        UPDATE "AutoTopUpRule" SET status = 'ACTIVE', "consecutiveFailures" = 0, "updatedAt" = now()
        WHERE "walletId" = ${walletId}::uuid AND status = 'REQUIRES_ACTION'`);
      const same = previous?.provider === provider && previous.paymentMethodId === method.paymentMethodId;
      if (!previous || same) return undefined;
      await this.detaches.owe(previous, { walletId, reason: 'payment_method_replaced' }, tx);
      return previous;
    });
  }

  /** Forgets the method and disables the wallet's rule (auto_top_up.disabled when it was on). */
  forget(walletId: string, owner: WalletOwnerIds): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await tx.execute(Prisma.sql`DELETE FROM "SavedPaymentMethod" WHERE "walletId" = ${walletId}::uuid`);
      const disabled = await tx.execute(Prisma.sql`
        UPDATE "AutoTopUpRule" SET status = 'DISABLED', "updatedAt" = now()
        WHERE "walletId" = ${walletId}::uuid AND status <> 'DISABLED'`);
      if (disabled > 0)
        await this.outbox.appendOne(tx, 'auto_top_up.disabled', {
          ...(owner.organizationId
            ? { walletId, organizationId: owner.organizationId }
            : { walletId, userId: owner.userId! }),
          reason: 'payment_method_removed',
        });
    });
  }
}

async function lockedMethod(tx: SqlClient, walletId: string): Promise<ForgottenMethod | undefined> {
  const [row] = await tx.query<ForgottenMethod>(Prisma.sql`
    SELECT provider::text AS provider, "paymentMethodId" FROM "SavedPaymentMethod"
    WHERE "walletId" = ${walletId}::uuid FOR UPDATE`);
  return row;
}
