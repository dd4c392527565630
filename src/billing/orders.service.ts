import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { Order } from '../generated/prisma/client.js';
import type { OrderDto, OrderPageDto } from './dto/order.dto.js';
import { OrdersRepository } from './orders.repository.js';

const ORDERS_LIST = 'orders';

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly cursors: KeysetCursorCodec,
  ) {}

  async list(walletId: string, limit: number, cursor?: string): Promise<OrderPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(ORDERS_LIST, cursor);
    const rows = await this.orders.listForWallet(walletId, limit + 1, after);
    return this.cursors.page(ORDERS_LIST, rows, limit, toOrderDto);
  }

  /** 404 for an unknown id and for another wallet's order alike, so ids cannot be probed. */
  async get(walletId: string, id: string): Promise<OrderDto> {
    const order = await this.orders.findInWallet(walletId, id);
    if (!order) throw new AppException(ErrorCode.NOT_FOUND, 'Order not found');
    return toOrderDto(order);
  }
}

function toOrderDto(order: Order): OrderDto {
  return {
    id: order.id,
    provider: order.provider,
    sessionId: order.providerSessionId,
    credits: order.credits,
    amount: order.amount,
    amountPaid: order.amountPaid,
    currency: order.currency,
    status: order.status,
    refundedAmount: order.refundedAmount,
    creditsClawedBack: order.creditsClawedBack,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
