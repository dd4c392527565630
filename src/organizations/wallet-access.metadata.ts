import { Reflector } from '@nestjs/core';
import type { OrganizationRight } from './organization-policy.js';

export interface WalletAccess {
  /** What the caller's role must allow on an organization wallet; else 403 FORBIDDEN. */
  right: OrganizationRight;
  /**
   * Priced routes: only parse the selection; the hold statement finds the wallet and checks membership,
   * role, deletion and the member's limit itself, keeping a charged request at two round trips.
   */
  resolvedByHold?: boolean;
}

/** Typed route metadata written by @WalletScoped / @WalletRight and read by WalletContextGuard. */
export const WalletAccessMetadata = Reflector.createDecorator<WalletAccess>();
