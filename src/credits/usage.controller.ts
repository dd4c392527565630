import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { can, OrganizationRight } from '../organizations/organization-policy.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { CurrentWallet, WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import { UsageDto, UsageQueryDto } from './dto/usage.dto.js';
import { UsageService } from './usage.service.js';

@ApiTags('credits')
@Controller('credits')
@WalletScoped()
export class UsageController {
  constructor(private readonly usageService: UsageService) {}

  @Get('usage')
  @ApiOperation({ summary: 'Credits charged in [from, to), by UTC day, by route or by member' })
  @ApiOkResponse({ type: UsageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'A bad date, from not before to, more than 366 days, or groupBy=member on a personal wallet',
  })
  usage(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UsageQueryDto,
  ): Promise<UsageDto> {
    // A MEMBER of an organization sees their own usage only.
    const onlyUserId =
      wallet.role && !can(wallet.role, OrganizationRight.READ_ALL_USAGE) ? user.id : undefined;
    return this.usageService.usageOf(wallet.walletId, { ...query, onlyUserId });
  }
}
