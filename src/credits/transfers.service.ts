import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { IdempotentClaim } from '../common/idempotency/idempotent-claim.js';
import { IDEMPOTENCY_TTL_SECONDS } from '../common/idempotency/idempotency.repository.js';
import type { CreateTransferDto, TransferDto } from './dto/transfers.dto.js';
import { MAX_CREDITS_TOTAL } from './ledger-movement.js';
import { spendLimitReached } from '../organizations/spend-limit.js';
import { TransfersRepository } from './transfers.repository.js';
import { WalletAccessPolicy } from './wallet-access.policy.js';

const CREATED = 201;

@Injectable()
export class TransfersService {
  constructor(
    private readonly transfers: TransfersRepository,
    private readonly access: WalletAccessPolicy,
  ) {}

  /**
   * With an Idempotency-Key (`claim`), the response is stored in the transfer's own transaction: a retry
   * after a crash between the commit and the reply replays it and never moves the credits twice.
   */
  async transfer(
    user: AuthenticatedUser,
    input: CreateTransferDto,
    claim?: IdempotentClaim,
  ): Promise<TransferDto> {
    if (input.fromWalletId === input.toWalletId)
      throw new AppException(ErrorCode.VALIDATION_FAILED, 'fromWalletId and toWalletId must differ');
    await this.access.assertMayTransfer(user.id, input.fromWalletId, input.toWalletId);
    const transferId = randomUUID();
    const toBody = (moved: { from: TransferDto['from']; to: TransferDto['to'] }): TransferDto => ({
      transferId,
      amount: input.amount,
      from: moved.from,
      to: moved.to,
    });
    const result = await this.transfers.transfer(
      {
        transferId,
        fromWalletId: input.fromWalletId,
        toWalletId: input.toWalletId,
        amount: input.amount,
        description: input.reason ? `Transfer: ${input.reason}` : 'Transfer',
        actorUserId: user.id,
        apiKeyId: user.apiKeyId ?? null,
      },
      claim && {
        recordId: claim.recordId,
        userId: claim.userId,
        status: CREATED,
        ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
        body: toBody,
      },
    );
    switch (result.outcome) {
      case 'short':
        throw new AppException(
          ErrorCode.INSUFFICIENT_CREDITS,
          `The transfer needs ${input.amount} available credits; ${result.remaining} remaining`,
          { required: input.amount, remaining: result.remaining },
          'credit-movement',
        );
      case 'spend-limit':
        throw spendLimitReached(result);
      case 'balance-limit':
        throw new AppException(
          ErrorCode.BALANCE_LIMIT_EXCEEDED,
          `The transfer would take the target's creditsTotal past ${MAX_CREDITS_TOTAL}`,
        );
      case 'moved':
        if (claim) claim.storedWithCharge = true;
        return toBody(result);
    }
  }
}
