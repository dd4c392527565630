import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated } from '../auth/decorators/auth.decorators.js';
import { OrganizationKeysAllowed } from '../auth/decorators/organization-keys.metadata.js';
import { OrganizationRight } from './organization-policy.js';
import { WalletAccessMetadata } from './wallet-access.metadata.js';
import { type ResolvedWalletContext, walletContextOf } from './wallet-context.js';
import { WalletContextGuard } from './wallet-context.guard.js';

/**
 * The route (or every route of the controller) acts on a wallet: the caller's personal one, or an
 * organization's named by `X-Organization-Id` (documented on the route here). Authenticated; organization
 * API keys are accepted. `right` is what the caller's role must allow on an organization wallet (see
 * organization-policy.ts); a method can ask for another with @WalletRight.
 */
export function WalletScoped(
  right: OrganizationRight = OrganizationRight.READ_BALANCE,
  options: { resolvedByHold?: boolean } = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    WalletAccessMetadata({ right, resolvedByHold: options.resolvedByHold ?? false }),
    OrganizationKeysAllowed(true),
    Authenticated(),
    UseGuards(WalletContextGuard),
    ApiHeader({
      name: 'X-Organization-Id',
      required: false,
      description:
        'Act on this organization’s wallet instead of your personal one (an organization API key implies ' +
        'its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN.',
      schema: { type: 'string', format: 'uuid' },
    }),
  );
}

/** The wallet the request acts on, resolved by WalletContextGuard (routes under @WalletScoped). */
export const CurrentWallet = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ResolvedWalletContext =>
    walletContextOf(context.switchToHttp().getRequest<Request>()) as ResolvedWalletContext,
);
