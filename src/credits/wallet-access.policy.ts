import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OrganizationRight, rolesWith } from '../organizations/organization-policy.js';
import {
  type ControlledWallet,
  WalletAccessRepository,
  type WalletRole,
} from './wallet-access.repository.js';

/**
 * Who may move credits between wallets — the one place that decides it (README, "Transfers").
 * Out of a personal wallet: its owner; out of an organization wallet: its OWNER; into a personal wallet:
 * its owner; into an organization wallet: OWNER or BILLING_ADMIN. A wallet the caller cannot see is 404;
 * one it can see with a role that lacks the right is 403.
 */
const MAY_WITHDRAW: Record<ControlledWallet['ownerType'], WalletRole[]> = {
  USER: ['OWNER'],
  // The organization's roles: src/organizations/organization-policy.ts.
  ORGANIZATION: rolesWith(OrganizationRight.TRANSFER_OUT),
};
const MAY_DEPOSIT: Record<ControlledWallet['ownerType'], WalletRole[]> = {
  USER: ['OWNER'],
  ORGANIZATION: rolesWith(OrganizationRight.TRANSFER_IN),
};

@Injectable()
export class WalletAccessPolicy {
  constructor(private readonly access: WalletAccessRepository) {}

  /** Throws 404 or 403 unless `userId` may move credits from `fromWalletId` into `toWalletId`. */
  async assertMayTransfer(userId: string, fromWalletId: string, toWalletId: string): Promise<void> {
    const wallets = await this.access.controlledWallets(userId, [fromWalletId, toWalletId]);
    const from = wallets.find((wallet) => wallet.walletId === fromWalletId);
    const to = wallets.find((wallet) => wallet.walletId === toWalletId);
    if (!from) throw new AppException(ErrorCode.NOT_FOUND, 'Wallet fromWalletId not found');
    if (!to) throw new AppException(ErrorCode.NOT_FOUND, 'Wallet toWalletId not found');
    if (!MAY_WITHDRAW[from.ownerType].includes(from.role))
      throw new AppException(
        ErrorCode.FORBIDDEN,
        `Your role ${from.role} cannot transfer out of this wallet`,
      );
    if (!MAY_DEPOSIT[to.ownerType].includes(to.role))
      throw new AppException(ErrorCode.FORBIDDEN, `Your role ${to.role} cannot transfer into this wallet`);
  }
}
