import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CreditsRepository } from './credits.repository.js';
import type { BalanceDto, TransactionPageDto } from './dto/credits.dto.js';
import type { LedgerEntry } from './ledger-movement.js';
import { type IncomingCredits, LedgerRepository, type OutgoingCredits } from './ledger.repository.js';

const LEDGER_LIST = 'ledger';

@Injectable()
export class CreditsService {
  constructor(
    private readonly credits: CreditsRepository,
    private readonly ledger: LedgerRepository,
    private readonly cursors: KeysetCursorCodec,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async balance(walletId: string): Promise<BalanceDto> {
    const balance = await this.credits.balance(walletId, this.config.grants.expiryNoticeDays);
    if (!balance) throw new AppException(ErrorCode.NOT_FOUND, 'Wallet not found');
    return {
      walletId: balance.walletId,
      creditsTotal: balance.creditsTotal,
      creditsUsed: balance.creditsUsed,
      creditsReserved: balance.creditsReserved,
      remaining: balance.remaining,
      debt: balance.debt,
      paid: balance.paid,
      promotional: balance.promotional,
      expiringSoon: balance.expiringSoon,
    };
  }

  /** With `actorUserId`, only the rows that user caused (an organization MEMBER's view). */
  async transactions(
    walletId: string,
    limit: number,
    cursor?: string,
    actorUserId?: string,
  ): Promise<TransactionPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(LEDGER_LIST, cursor);
    const rows = await this.credits.listTransactions(walletId, limit + 1, after, actorUserId);
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

  personalWalletOf(userId: string): Promise<string | undefined> {
    return this.credits.personalWalletOf(userId);
  }

  /** A new grant in a wallet (admin grants; the signup bonus is made with the account). */
  grant(input: IncomingCredits): Promise<LedgerEntry | undefined> {
    return this.ledger.credit(input);
  }

  /** Takes available credits in draw-down order (admin adjustments). */
  take(input: OutgoingCredits): Promise<LedgerEntry | undefined> {
    return this.ledger.debit(input);
  }
}
