import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { CreditsRepository } from '../credits/credits.repository.js';
import { MAX_CREDITS_TOTAL } from '../credits/ledger-movement.js';
import { CreditsService } from '../credits/credits.service.js';
import type { TransactionPageDto } from '../credits/dto/credits.dto.js';
import type { AdjustCreditsDto, LedgerEntryDto } from './dto/admin-credits.dto.js';

@Injectable()
export class AdminCreditsService {
  constructor(
    private readonly credits: CreditsRepository,
    private readonly creditsService: CreditsService,
  ) {}

  async adjust(adminId: string, userId: string, input: AdjustCreditsDto): Promise<LedgerEntryDto> {
    const grant = input.amount > 0;
    const entry = await this.credits.applyMovement({
      userId,
      type: grant ? 'GRANT' : 'ADJUSTMENT',
      amount: input.amount,
      reference: `${grant ? 'grant' : 'adjustment'}:${randomUUID()}`,
      description: `${grant ? 'Grant' : 'Adjustment'} by admin ${adminId}: ${input.reason}`,
      // An admin may take back unspent credits, never push a user into debt.
      floorRemaining: grant ? undefined : 0,
    });
    if (entry) return entry;
    const balance = await this.credits.balance(userId);
    if (!balance) throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    if (grant) {
      throw new AppException(
        ErrorCode.VALIDATION_FAILED,
        `The grant would take creditsTotal past ${MAX_CREDITS_TOTAL}`,
        {},
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    throw new AppException(
      ErrorCode.INSUFFICIENT_CREDITS,
      `The adjustment would take remaining below 0`,
      { required: -input.amount, remaining: balance.remaining },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }

  async transactions(userId: string, limit: number, cursor?: string): Promise<TransactionPageDto> {
    if (!(await this.credits.userExists(userId)))
      throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    return this.creditsService.transactions(userId, limit, cursor);
  }
}
