import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { PrismaService } from '../database/prisma.service.js';
import type { BillingAddress, Order } from '../generated/prisma/client.js';
import type { PaymentProvider } from '../generated/prisma/enums.js';

export interface NewOrder {
  userId: string;
  /** The wallet the purchased credits go to. */
  walletId: string;
  provider: PaymentProvider;
  credits: number;
  amount: number;
  currency: string;
}

/** What a provider needs to know about the buyer, read with the order insert. */
export interface OrderBuyer {
  email: string;
  name: string | null;
  billingAddress: BillingAddress | null;
}

/** Keyset position: the last row of the previous page. */
/**
 * Orders as the webhooks fulfilment also reads them in its own transactions: `providerSessionId` is
 * the provider's session id, `amount` is in cents, a new order is PENDING.
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
}
