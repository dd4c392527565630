import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CreditsRepository } from './credits.repository.js';
import { GrantsRepository, type MovementGrant } from './grants.repository.js';
import type { BalanceDto, MovementGrantDto, TransactionPageDto } from './dto/credits.dto.js';
import type { LedgerEntry } from './ledger-movement.js';
import { type IncomingCredits, LedgerRepository, type OutgoingCredits } from './ledger.repository.js';

const LEDGER_LIST = 'ledger';

@Injectable()
export class CreditsService {
  constructor(
    private readonly credits: CreditsRepository,
    private readonly ledger: LedgerRepository,
    private readonly grants: GrantsRepository,
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
    const touched = groupByTransaction(
      await this.grants.movementGrants(
        walletId,
        rows.slice(0, limit).map((row) => row.id),
      ),
    );
    return this.cursors.page(LEDGER_LIST, rows, limit, (row) => ({
      id: row.id,
      type: row.type,
      amount: row.amount,
      balanceAfter: row.balanceAfter,
      description: row.description,
      orderId: row.orderId,
      createdAt: row.createdAt,
      grants: touched.get(row.id) ?? [],
      debtPaid: row.debtPaid,
      debtAdded: row.debtAdded,
      actorUserId: row.actorUserId,
      apiKeyId: row.apiKeyId,
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

function groupByTransaction(grants: MovementGrant[]): Map<string, MovementGrantDto[]> {
  const byTransaction = new Map<string, MovementGrantDto[]>();
  for (const grant of grants) {
    const list = byTransaction.get(grant.transactionId) ?? [];
    list.push({ grantId: grant.grantId, category: grant.category, amount: grant.amount });
    byTransaction.set(grant.transactionId, list);
  }
  return byTransaction;
}
