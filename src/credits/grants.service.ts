import { Injectable } from '@nestjs/common';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { GrantPageDto } from './dto/grants.dto.js';
import { type GrantListFilter, GrantsRepository } from './grants.repository.js';

/** Each filter pages separately: its cursors are no use on another filter's list. */
const grantList = (filter: GrantListFilter) => `grants:${filter}`;

@Injectable()
export class GrantsService {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly cursors: KeysetCursorCodec,
  ) {}

  async list(
    walletId: string,
    filter: GrantListFilter,
    limit: number,
    cursor?: string,
  ): Promise<GrantPageDto> {
    const list = grantList(filter);
    const after = cursor === undefined ? undefined : this.cursors.decode(list, cursor);
    const rows = await this.grants.listGrants(walletId, filter, limit + 1, after);
    return this.cursors.page(list, rows, limit, (row) => ({
      id: row.id,
      source: row.source,
      category: row.category,
      amount: row.amount,
      remaining: row.remaining,
      held: row.held,
      priority: row.priority,
      expiresAt: row.expiresAt,
      orderId: row.orderId,
      createdAt: row.createdAt,
      status: row.status,
    }));
  }
}
