import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { PrismaService } from '../database/prisma.service.js';
import type { SqlClient } from '../database/sql-client.js';
import { type BillingAddress, type Order, Prisma } from '../generated/prisma/client.js';
import type { OrderStatus, PaymentProvider } from '../generated/prisma/enums.js';
import { type OrderState, RECONCILABLE_STATUSES } from './order-state.js';

export interface NewOrder {
  userId: string;
  /** The wallet the purchased credits go to. */
  walletId: string;
  provider: PaymentProvider;
  credits: number;
  amount: number;
  currency: string;
  /** The checkout saves the card for off-session charges (auto top-up). */
  savePaymentMethod?: boolean;
}

/** What a provider needs to know about the buyer, read with the order insert. */
export interface OrderBuyer {
  email: string;
  name: string | null;
  billingAddress: BillingAddress | null;
}

/** How a checkout event names its order (any of them may be missing). */
export interface CheckoutOrderKeys {
  provider: PaymentProvider;
  /** `metadata.orderId`; ignored unless it is a uuid. */
  orderId?: string;
  sessionId?: string;
  paymentId?: string;
}

export interface ReconcilableOrder {
  id: string;
  provider: PaymentProvider;
  providerSessionId: string;
}

export interface SandboxCheckoutOrder {
  id: string;
  credits: number;
  amount: number;
  currency: string;
  status: OrderStatus;
}

/** The columns of OrderState, in one place: every statement that reads an order for fulfilment uses it. */
const ORDER_STATE_COLUMNS = Prisma.sql`id, "userId", "walletId", provider::text AS provider, "providerSessionId",
  "providerPaymentId", credits, amount, "amountPaid", currency, status, "refundedAmount", "creditsClawedBack", source`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only reader and writer of `Order`. Checkout and the order routes use Prisma; fulfilment runs inside
 * its own transaction and passes it in (`tx`), so the order lock and update commit with the inbox row and
 * the ledger. `providerSessionId` is the provider's session id, `amount` is in cents, a new order is PENDING.
 */
@Injectable()
export class OrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts a PENDING order and returns it with the buyer's email and name and the wallet's billing address. */
  async createPending(order: NewOrder): Promise<{ order: Order; buyer: OrderBuyer }> {
    const { user, wallet, ...row } = await this.prisma.order.create({
      data: { ...order, status: 'PENDING' },
      include: {
        user: { select: { email: true, name: true } },
        wallet: { select: { billingAddress: true } },
      },
    });
    return { order: row, buyer: { ...user, billingAddress: wallet.billingAddress } };
  }

  /**
   * The order of an auto top-up attempt, in the worker's transaction that claims the attempt: priced like a
   * pack by the rule, paid off-session (no checkout session), credited through fulfilment like any order.
   */
  async createAutoTopUp(tx: SqlClient, order: NewOrder): Promise<string> {
    const [row] = await tx.query<{ id: string }>(Prisma.sql`
      INSERT INTO "Order" (id, "userId", "walletId", provider, credits, amount, currency, status, source)
      VALUES (gen_random_uuid(), ${order.userId}::uuid, ${order.walletId}::uuid, ${order.provider}::"PaymentProvider",
              ${order.credits}, ${order.amount}, ${order.currency}, 'PENDING', 'AUTO_TOP_UP')
      RETURNING id`);
    return row!.id;
  }

  /** An off-session charge that was declined: the order will never be paid. */
  async markAutoTopUpFailed(tx: SqlClient, orderId: string): Promise<void> {
    await tx.execute(Prisma.sql`
      UPDATE "Order" SET status = 'FAILED', "updatedAt" = now()
      WHERE id = ${orderId}::uuid AND source = 'AUTO_TOP_UP' AND status = 'PENDING'`);
  }

  /**
   * Only the session id: a webhook may already have moved the status on (it can find the order by
   * `metadata.orderId` before this write lands), and that status must not be overwritten.
   */
  setProviderSession(orderId: string, sessionId: string): Promise<Order> {
    return this.prisma.order.update({ where: { id: orderId }, data: { providerSessionId: sessionId } });
  }

  /** PENDING → FAILED; an order that something else already moved on is left alone. */
  async markFailed(orderId: string): Promise<void> {
    await this.prisma.order.updateMany({
      where: { id: orderId, status: 'PENDING' },
      data: { status: 'FAILED' },
    });
  }

  /** The wallet's order, or null for an unknown id and for another wallet's order alike. */
  findInWallet(walletId: string, id: string): Promise<Order | null> {
    return this.prisma.order.findFirst({ where: { id, walletId } });
  }

  /** Newest first, `limit` rows after `after` (ties on createdAt broken by id, so no row is skipped or repeated). */
  listForWallet(walletId: string, limit: number, after?: KeysetPosition): Promise<Order[]> {
    return this.prisma.order.findMany({
      where: {
        walletId,
        ...(after && {
          OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
        }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /** The order behind a checkout session (the sandbox's hosted page). */
  findBySession(provider: PaymentProvider, sessionId: string): Promise<SandboxCheckoutOrder | null> {
    return this.prisma.order.findUnique({
      where: { provider_providerSessionId: { provider, providerSessionId: sessionId } },
      select: { id: true, credits: true, amount: true, currency: true, status: true },
    });
  }

  /**
   * Orders whose webhook may never have come: a checkout exists, not credited, older than `minAgeMinutes`
   * and younger than `maxAgeMinutes`; oldest first.
   */
  findReconcilable(
    minAgeMinutes: number,
    maxAgeMinutes: number,
    limit: number,
  ): Promise<ReconcilableOrder[]> {
    return this.prisma.$queryRaw<ReconcilableOrder[]>`
      SELECT id, provider::text AS provider, "providerSessionId" FROM "Order"
      WHERE status::text = ANY(${[...RECONCILABLE_STATUSES]}::text[]) AND "providerSessionId" IS NOT NULL
        AND "createdAt" <= now() - make_interval(mins => ${minAgeMinutes}::int)
        AND "createdAt" > now() - make_interval(mins => ${maxAgeMinutes}::int)
      ORDER BY "createdAt"
      LIMIT ${limit}`;
  }

  /**
   * The order a checkout event names, locked for the transaction: by `metadata.orderId`, else the session,
   * else the payment. The event is then checked against the order (session, amount, currency) by the policy.
   */
  async lockForCheckout(tx: SqlClient, keys: CheckoutOrderKeys): Promise<OrderState | undefined> {
    const provider = Prisma.sql`provider = ${keys.provider}::"PaymentProvider"`;
    const candidates: Prisma.Sql[] = [];
    if (keys.orderId && UUID.test(keys.orderId))
      candidates.push(Prisma.sql`id = ${keys.orderId}::uuid AND ${provider}`);
    if (keys.sessionId) candidates.push(Prisma.sql`${provider} AND "providerSessionId" = ${keys.sessionId}`);
    if (keys.paymentId) candidates.push(Prisma.sql`${provider} AND "providerPaymentId" = ${keys.paymentId}`);
    for (const where of candidates) {
      const order = await this.lockOne(tx, where);
      if (order) return order;
    }
    return undefined;
  }

  /** The order a payment was linked to (refunds and disputes are matched by it alone), locked for the transaction. */
  lockByPayment(
    tx: SqlClient,
    provider: PaymentProvider,
    paymentId: string,
  ): Promise<OrderState | undefined> {
    return this.lockOne(
      tx,
      Prisma.sql`provider = ${provider}::"PaymentProvider" AND "providerPaymentId" = ${paymentId}`,
    );
  }

  /**
   * Writes what fulfilment decided, guarded by the status read under the lock. Nothing to write when the
   * counters did not change.
   */
  async saveFulfilment(tx: SqlClient, before: OrderState, after: OrderState): Promise<void> {
    const changed =
      after.status !== before.status ||
      after.providerPaymentId !== before.providerPaymentId ||
      after.amountPaid !== before.amountPaid ||
      after.refundedAmount !== before.refundedAmount ||
      after.creditsClawedBack !== before.creditsClawedBack;
    if (!changed) return;
    const updated = await tx.execute(Prisma.sql`
      UPDATE "Order" SET status = ${after.status}::"OrderStatus", "providerPaymentId" = ${after.providerPaymentId},
        "amountPaid" = ${after.amountPaid}::int, "refundedAmount" = ${after.refundedAmount},
        "creditsClawedBack" = ${after.creditsClawedBack}, "updatedAt" = now()
      WHERE id = ${before.id}::uuid AND status = ${before.status}::"OrderStatus"`);
    // Cannot happen while the row lock is held; if it ever does, roll everything back rather than credit blindly.
    if (updated !== 1) throw new Error(`Order ${before.id} changed under its lock`);
  }

  private async lockOne(tx: SqlClient, where: Prisma.Sql): Promise<OrderState | undefined> {
    const rows = await tx.query<OrderState>(Prisma.sql`
      SELECT ${ORDER_STATE_COLUMNS} FROM "Order" WHERE ${where} ORDER BY "createdAt" LIMIT 1 FOR UPDATE`);
    return rows[0];
  }
}
