import { randomUUID } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../src/auth/authenticated-user.js';
import { AppException } from '../../src/common/errors/app-exception.js';
import { ErrorCode } from '../../src/common/errors/error-code.js';
import { PrismaService } from '../../src/database/prisma.service.js';

export const BASELINE_COST = 10;

/**
 * The baseline: credits charged the way the SaaS Forge documentation shows it — read the user
 * (`findUnique` of creditsTotal and creditsUsed), compare `remaining` with the cost, then
 * `update … creditsUsed: { increment }` and write a usage row. Written as the documentation shows it on
 * purpose: no lock, no condition on the UPDATE and no transaction, so two requests that read the same
 * balance both pass the check. It is kept out of src/ because it is the thing the product must not do;
 * the benchmark measures what it costs (throughput) and what it breaks (overdrafts).
 */
@Injectable()
export class DocumentedCreditsGuard implements CanActivate {
  constructor(private readonly db: PrismaService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { id: userId, walletId } = context.switchToHttp().getRequest<Request>().user as AuthenticatedUser;

    // Check user credits (the documentation's snippet, on the wallet that now holds the counters).
    const user = await this.db.wallet.findUnique({
      where: { id: walletId },
      select: { creditsTotal: true, creditsUsed: true },
    });
    if (!user) throw new AppException(ErrorCode.NOT_FOUND, 'User not found');
    const remaining = user.creditsTotal - user.creditsUsed;
    if (remaining < BASELINE_COST) {
      throw new AppException(
        ErrorCode.INSUFFICIENT_CREDITS,
        `This request needs ${BASELINE_COST} credits; ${remaining} remaining`,
        {
          required: BASELINE_COST,
          remaining,
        },
      );
    }

    // Deduct, then record the usage.
    const updated = await this.db.wallet.update({
      where: { id: walletId },
      data: { creditsUsed: { increment: BASELINE_COST } },
      select: { creditsTotal: true, creditsUsed: true },
    });
    await this.db.creditTransaction.create({
      data: {
        userId,
        walletId,
        type: 'USAGE',
        amount: -BASELINE_COST,
        balanceAfter: updated.creditsTotal - updated.creditsUsed,
        reference: `baseline-usage:${randomUUID()}`,
        description: 'Usage: POST /bench/baseline/ai/generate',
      },
    });
    return true;
  }
}
