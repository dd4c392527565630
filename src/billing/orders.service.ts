import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { Order } from '../generated/prisma/client.js';
import type { OrderDto, OrderPageDto } from './dto/order.dto.js';
import { OrdersRepository, type OrderPosition } from './orders.repository.js';

export const DEFAULT_ORDERS_PAGE_SIZE = 20;

@Injectable()
export class OrdersService {
  constructor(private readonly orders: OrdersRepository) {}

  async list(userId: string, options: { limit?: number; cursor?: string }): Promise<OrderPageDto> {
    const limit = options.limit ?? DEFAULT_ORDERS_PAGE_SIZE;
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    // One row more than asked tells whether there is a next page without a COUNT.
    const rows = await this.orders.listForUser(userId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toOrderDto),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** 404 for an unknown id and for another user's order alike, so ids cannot be probed. */
  async get(userId: string, id: string): Promise<OrderDto> {
    const order = await this.orders.findForUser(userId, id);
    if (!order) throw new AppException(ErrorCode.NOT_FOUND, 'Order not found');
    return toOrderDto(order);
  }
}

export function toOrderDto(order: Order): OrderDto {
  return {
    id: order.id,
    provider: order.provider,
    sessionId: order.providerSessionId,
    credits: order.credits,
    amount: order.amount,
    currency: order.currency,
    status: order.status,
    refundedAmount: order.refundedAmount,
    creditsClawedBack: order.creditsClawedBack,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

/** Opaque to clients: base64url of `<createdAt ISO>|<id>` of the page's last row. */
function encodeCursor(order: Pick<Order, 'createdAt' | 'id'>): string {
  return Buffer.from(`${order.createdAt.toISOString()}|${order.id}`).toString('base64url');
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function decodeCursor(cursor: string): OrderPosition {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const createdAt = match ? new Date(match[1]) : undefined;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime())) {
    throw new AppException(ErrorCode.INVALID_CURSOR, 'cursor is not a nextCursor from this list');
  }
  return { createdAt, id: match[2] };
}
