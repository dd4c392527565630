import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { can } from './organization-policy.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { WalletAccessMetadata } from './wallet-access.metadata.js';
import { attachWalletContext, ORGANIZATION_HEADER } from './wallet-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place that decides which wallet a request acts on (after authentication): a malformed
 * `X-Organization-Id` → 400; not a member, or a deleted organization → 404; a role without the route's
 * right → 403 FORBIDDEN. An organization key acts on its organization without the header, and is 404
 * with another organization's. On priced routes only the selection is made here: the hold statement
 * checks membership and the limit in its own round trip.
 */
@Injectable()
export class WalletContextGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride(WalletAccessMetadata, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const user = request.user as AuthenticatedUser;
    const organizationId = selectedOrganization(request, user);
    if (!organizationId) {
      attachWalletContext(request, { organizationId: null, walletId: user.walletId, role: null });
      return true;
    }
    if (access.resolvedByHold) {
      attachWalletContext(request, { organizationId, walletId: null, role: null });
      return true;
    }
    const membership = await this.organizations.membershipWallet(organizationId, user.id);
    if (!membership) throw new AppException(ErrorCode.NOT_FOUND, 'Organization not found');
    if (!can(membership.role, access.right)) {
      throw new AppException(
        ErrorCode.FORBIDDEN,
        `Your role in this organization (${membership.role}) does not allow this`,
      );
    }
    attachWalletContext(request, { organizationId, walletId: membership.walletId, role: membership.role });
    return true;
  }
}

function selectedOrganization(request: Request, user: AuthenticatedUser): string | null {
  const header = request.headers[ORGANIZATION_HEADER];
  if (header === undefined) return user.organizationId ?? null;
  if (typeof header !== 'string' || !UUID.test(header)) {
    throw new AppException(
      ErrorCode.VALIDATION_FAILED,
      'X-Organization-Id must be an organization id (a UUID)',
    );
  }
  const organizationId = header.toLowerCase();
  // An organization key cannot even tell whether another organization exists.
  if (user.organizationId && user.organizationId !== organizationId)
    throw new AppException(ErrorCode.NOT_FOUND, 'Organization not found');
  return organizationId;
}
