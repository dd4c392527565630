import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { ApiKeyDto, CreatedApiKeyDto } from '../auth/dto/api-key.dto.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { ForgottenMethodDetacher } from '../payments/forgotten-method-detacher.js';
import type { MemberDto, OrganizationDto, UpdateMemberDto } from './dto/organization.dto.js';
import { can, canSetLimitOf, OrganizationRight } from './organization-policy.js';
import { type MembershipWallet, OrganizationsRepository } from './organizations.repository.js';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly detacher: ForgottenMethodDetacher,
  ) {}

  create(userId: string, name: string): Promise<OrganizationDto> {
    return this.organizations.create(userId, name);
  }

  list(userId: string): Promise<OrganizationDto[]> {
    return this.organizations.listForUser(userId);
  }

  async get(organizationId: string, userId: string): Promise<OrganizationDto> {
    const organization = await this.organizations.findForUser(organizationId, userId);
    if (!organization) throw notFound();
    return organization;
  }

  async rename(organizationId: string, userId: string, name: string): Promise<OrganizationDto> {
    await this.access(organizationId, userId, OrganizationRight.RENAME);
    await this.organizations.rename(organizationId, name);
    return this.get(organizationId, userId);
  }

  /**
   * The saved card is detached at the provider after the deletion committed (docs/organizations.md,
   * "Choices"): a refused deletion (409, 404) detaches nothing, and the provider is never called while the
   * wallet is locked. Once committed the card is forgotten and the rule off, so nothing here can charge it
   * again; a provider failure is logged and the deletion still answers 204.
   */
  async delete(organizationId: string, userId: string, forfeit: boolean): Promise<void> {
    await this.access(organizationId, userId, OrganizationRight.DELETE);
    const deleted = await this.organizations.delete(organizationId, userId, forfeit);
    switch (deleted.outcome) {
      case 'deleted':
        if (deleted.forgottenMethod)
          await this.detacher.detach(deleted.forgottenMethod, {
            walletId: deleted.walletId,
            reason: 'organization_deleted',
          });
        return;
      case 'not-found':
        throw notFound();
      case 'holds-pending':
        throw new AppException(
          ErrorCode.HOLDS_PENDING,
          'Requests in flight hold credits of this organization; try again when they finish',
        );
      case 'wallet-not-empty':
        throw new AppException(
          ErrorCode.WALLET_NOT_EMPTY,
          'The organization’s wallet is not empty: spend or transfer its credits, pay its debt, or delete with forfeit=true',
        );
    }
  }

  async members(organizationId: string, userId: string): Promise<MemberDto[]> {
    await this.access(organizationId, userId, OrganizationRight.READ_MEMBERS);
    return this.organizations.members(organizationId);
  }

  async addMember(
    organizationId: string,
    userId: string,
    email: string,
    role: MemberDto['role'],
  ): Promise<MemberDto> {
    await this.access(organizationId, userId, OrganizationRight.MANAGE_MEMBERS);
    const added = await this.organizations.addMember(organizationId, email, role);
    if (added === 'unknown-user') throw new AppException(ErrorCode.NOT_FOUND, 'No user with this email');
    if (added === 'already-member')
      throw new AppException(ErrorCode.ALREADY_MEMBER, 'This user is already a member');
    return added;
  }

  async updateMember(
    organizationId: string,
    userId: string,
    targetUserId: string,
    change: UpdateMemberDto,
  ): Promise<MemberDto> {
    const caller = await this.access(organizationId, userId, OrganizationRight.READ_MEMBERS);
    const target = await this.organizations.member(organizationId, targetUserId);
    if (!target) throw new AppException(ErrorCode.NOT_FOUND, 'Member not found');
    if (change.role !== undefined && !can(caller.role, OrganizationRight.MANAGE_MEMBERS)) throw forbidden();
    if (change.spendLimit !== undefined && !canSetLimitOf(caller.role, target.role)) throw forbidden();
    const changed = await this.organizations.changeMember(organizationId, targetUserId, {
      role: change.role,
      spendLimit: change.spendLimit,
    });
    if (changed === 'not-found') throw new AppException(ErrorCode.NOT_FOUND, 'Member not found');
    if (changed === 'last-owner') throw lastOwner();
    return changed;
  }

  /** Removing someone else needs MANAGE_MEMBERS; anyone may leave. */
  async removeMember(organizationId: string, userId: string, targetUserId: string): Promise<void> {
    const caller = await this.access(organizationId, userId, OrganizationRight.READ_MEMBERS);
    if (targetUserId !== userId && !can(caller.role, OrganizationRight.MANAGE_MEMBERS)) throw forbidden();
    const outcome = await this.organizations.removeMember(organizationId, targetUserId);
    if (outcome === 'not-found') throw new AppException(ErrorCode.NOT_FOUND, 'Member not found');
    if (outcome === 'last-owner') throw lastOwner();
  }

  async createKey(organizationId: string, userId: string, name: string): Promise<CreatedApiKeyDto> {
    await this.access(organizationId, userId, OrganizationRight.MANAGE_API_KEYS);
    return this.apiKeys.create(userId, name, organizationId);
  }

  async listKeys(organizationId: string, userId: string): Promise<ApiKeyDto[]> {
    await this.access(organizationId, userId, OrganizationRight.MANAGE_API_KEYS);
    return (await this.organizations.listKeys(organizationId)).map((key) => ({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
    }));
  }

  async revokeKey(organizationId: string, userId: string, keyId: string): Promise<void> {
    await this.access(organizationId, userId, OrganizationRight.MANAGE_API_KEYS);
    if (!(await this.organizations.revokeKey(organizationId, keyId)))
      throw new AppException(ErrorCode.NOT_FOUND, 'API key not found');
  }

  /** 404 for a non-member (or a deleted organization), 403 when the role lacks the right. */
  private async access(
    organizationId: string,
    userId: string,
    right: OrganizationRight,
  ): Promise<MembershipWallet> {
    const membership = await this.organizations.membershipWallet(organizationId, userId);
    if (!membership) throw notFound();
    if (!can(membership.role, right)) throw forbidden();
    return membership;
  }
}

function notFound(): AppException {
  return new AppException(ErrorCode.NOT_FOUND, 'Organization not found');
}

function forbidden(): AppException {
  return new AppException(ErrorCode.FORBIDDEN, 'Your role in this organization does not allow this');
}

function lastOwner(): AppException {
  return new AppException(ErrorCode.LAST_OWNER, 'An organization needs at least one OWNER');
}
