import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from '../auth/dto/api-key.dto.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import {
  AddMemberDto,
  DeleteOrganizationQueryDto,
  MemberDto,
  OrganizationDto,
  OrganizationNameDto,
  UpdateMemberDto,
} from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

/** Who may call what: src/organizations/organization-policy.ts. Non-members get 404 for everything. */
@ApiTags('organizations')
@Controller('organizations')
@Authenticated()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not a member, or the organization is deleted' })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'FORBIDDEN: your role does not allow this' })
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an organization with its own wallet; you become its OWNER' })
  @ApiCreatedResponse({ type: OrganizationDto })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: OrganizationNameDto,
  ): Promise<OrganizationDto> {
    return this.organizations.create(user.id, body.name);
  }

  @Get()
  @ApiOperation({ summary: 'The organizations you are a member of' })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<OrganizationDto[]> {
    return this.organizations.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
  ): Promise<OrganizationDto> {
    return this.organizations.get(id, user.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename (OWNER)' })
  @ApiOkResponse({ type: OrganizationDto })
  rename(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: OrganizationNameDto,
  ): Promise<OrganizationDto> {
    return this.organizations.rename(id, user.id, body.name);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete (OWNER): a soft delete that keeps the ledger and revokes the organization’s keys',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'WALLET_NOT_EMPTY while the wallet’s remaining is not 0 (forfeit=true forfeits positive credits); HOLDS_PENDING while requests hold credits',
  })
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: DeleteOrganizationQueryDto,
  ): Promise<void> {
    await this.organizations.delete(id, user.id, query.forfeit === 'true');
  }

  @Get(':id/members')
  @ApiOkResponse({ type: [MemberDto] })
  members(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
  ): Promise<MemberDto[]> {
    return this.organizations.members(id, user.id);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add a registered user by email (OWNER)' })
  @ApiCreatedResponse({ type: MemberDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_MEMBER' })
  addMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberDto> {
    return this.organizations.addMember(id, user.id, body.email, body.role);
  }

  @Patch(':id/members/:userId')
  @ApiOperation({
    summary:
      'Change a role (OWNER) or a spend limit (OWNER: anyone’s; BILLING_ADMIN: MEMBERs’). What was used in the period stays used',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LAST_OWNER' })
  updateMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Param('userId', ResourceIdPipe) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.organizations.updateMember(id, user.id, userId, body);
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a member (OWNER) or leave (yourself); their organization keys are revoked',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LAST_OWNER' })
  async removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Param('userId', ResourceIdPipe) userId: string,
  ): Promise<void> {
    await this.organizations.removeMember(id, user.id, userId);
  }

  @Post(':id/api-keys')
  @ApiOperation({
    summary:
      'An organization API key (OWNER, BILLING_ADMIN): spends from the organization’s wallet as you, on credits, billing and priced routes only',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createKey(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.organizations.createKey(id, user.id, body.name);
  }

  @Get(':id/api-keys')
  @ApiOkResponse({ type: [ApiKeyDto] })
  listKeys(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
  ): Promise<ApiKeyDto[]> {
    return this.organizations.listKeys(id, user.id);
  }

  @Delete(':id/api-keys/:keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async revokeKey(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Param('keyId', ResourceIdPipe) keyId: string,
  ): Promise<void> {
    await this.organizations.revokeKey(id, user.id, keyId);
  }
}
