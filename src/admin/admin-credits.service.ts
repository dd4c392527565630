import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CreditsService } from '../credits/credits.service.js';
import type { TransactionPageDto } from '../credits/dto/credits.dto.js';
import { type LedgerEntry, MAX_CREDITS_TOTAL } from '../credits/ledger-movement.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import type { AdjustCreditsDto, LedgerEntryDto } from './dto/admin-credits.dto.js';

const DAY_MS = 86_400_000;

@Injectable()
export class AdminCreditsService {
  constructor(
    private readonly credits: CreditsService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /**
   * A positive amount is a new grant (PROMOTIONAL unless told otherwise, with its priority and expiry);
   * a negative one takes available credits in draw-down order and may not take remaining below 0.
   */
  async adjust(adminId: string, userId: string, input: AdjustCreditsDto): Promise<LedgerEntryDto> {
    const walletId = await this.credits.personalWalletOf(userId);
    if (!walletId) throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    return this.adjustWallet(adminId, walletId, userId, input);
  }

  /** The same for an organization's wallet (404 for an unknown or deleted organization). */
  async adjustOrganization(
    adminId: string,
    organizationId: string,
    input: AdjustCreditsDto,
  ): Promise<LedgerEntryDto> {
    const walletId = await this.organizations.walletOf(organizationId);
    if (!walletId) throw new AppException(ErrorCode.NOT_FOUND, 'Organization not found');
    return this.adjustWallet(adminId, walletId, null, input);
  }

  private async adjustWallet(
    adminId: string,
    walletId: string,
    userId: string | null,
    input: AdjustCreditsDto,
  ): Promise<LedgerEntryDto> {
    if (input.amount > 0) {
      if (input.expiresAt !== undefined && input.expiresInDays !== undefined)
        throw new AppException(ErrorCode.VALIDATION_FAILED, 'Give expiresAt or expiresInDays, not both');
      const expiresAt =
        input.expiresAt ??
        (input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * DAY_MS));
      const entry = await this.credits.grant({
        walletId,
        type: 'GRANT',
        amount: input.amount,
        reference: `grant:${randomUUID()}`,
        description: `Grant by admin ${adminId}: ${input.reason}`,
        actorUserId: adminId,
        grant: {
          source: 'ADMIN_GRANT',
          category: input.category ?? 'PROMOTIONAL',
          priority: input.priority,
          expiresAt,
        },
      });
      if (!entry) {
        throw new AppException(
          ErrorCode.BALANCE_LIMIT_EXCEEDED,
          `The grant would take creditsTotal past ${MAX_CREDITS_TOTAL}`,
        );
      }
      return toLedgerEntryDto(entry, userId);
    }
    const entry = await this.credits.take({
      walletId,
      type: 'ADJUSTMENT',
      amount: -input.amount,
      reference: `adjustment:${randomUUID()}`,
      description: `Adjustment by admin ${adminId}: ${input.reason}`,
      actorUserId: adminId,
      // An admin may take back unspent credits, never push a wallet into debt.
      allowDebt: false,
    });
    if (entry) return toLedgerEntryDto(entry, userId);
    const balance = await this.credits.balance(walletId);
    throw new AppException(
      ErrorCode.INSUFFICIENT_CREDITS,
      `The adjustment would take remaining below 0`,
      { required: -input.amount, remaining: balance.remaining },
      'credit-movement',
    );
  }

  async transactions(userId: string, limit: number, cursor?: string): Promise<TransactionPageDto> {
    const walletId = await this.credits.personalWalletOf(userId);
    if (!walletId) throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    return this.credits.transactions(walletId, limit, cursor);
  }
}

function toLedgerEntryDto(entry: LedgerEntry, userId: string | null): LedgerEntryDto {
  return {
    id: entry.id,
    type: entry.type,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    description: entry.description,
    orderId: entry.orderId,
    createdAt: entry.createdAt,
    userId,
    remaining: entry.remaining,
    grantId: entry.grantId ?? null,
  };
}
