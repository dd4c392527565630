import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CreditsRepository } from './credits.repository.js';
import type { BalanceDto, TransactionPageDto } from './dto/credits.dto.js';

const LEDGER_LIST = 'ledger';

@Injectable()
export class CreditsService {
  constructor(
    private readonly credits: CreditsRepository,
    private readonly cursors: KeysetCursorCodec,
  ) {}

  async balance(userId: string): Promise<BalanceDto> {
    const balance = await this.credits.balance(userId);
    if (!balance) throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    return balance;
  }

  async transactions(userId: string, limit: number, cursor?: string): Promise<TransactionPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(LEDGER_LIST, cursor);
    const rows = await this.credits.listTransactions(userId, limit + 1, after);
    return this.cursors.page(LEDGER_LIST, rows, limit, (row) => ({
      id: row.id,
      type: row.type,
      amount: row.amount,
      balanceAfter: row.balanceAfter,
      description: row.description,
      orderId: row.orderId,
      createdAt: row.createdAt,
    }));
  }
}
