import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { OrganizationRight } from '../organizations/organization-policy.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { CurrentWallet, WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import { GrantPageDto, GrantsQueryDto } from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';

@ApiTags('credits')
@Controller('credits')
@WalletScoped(OrganizationRight.READ_GRANTS)
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get('grants')
  @ApiOperation({ summary: "The wallet's grants (lots) in draw-down order, keyset-paginated" })
  @ApiOkResponse({ type: GrantPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'An unknown status, limit outside 1–100, or a cursor this API did not issue',
  })
  list(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Query() query: GrantsQueryDto,
  ): Promise<GrantPageDto> {
    return this.grants.list(wallet.walletId, query.status, query.limit, query.cursor);
  }
}
