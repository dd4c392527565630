import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { can, OrganizationRight } from '../organizations/organization-policy.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { CurrentWallet, WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import { CreditsService } from './credits.service.js';
import { BalanceDto, TransactionPageDto, TransactionsQueryDto } from './dto/credits.dto.js';

@ApiTags('credits')
@Controller('credits')
@WalletScoped()
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get('balance')
  @ApiOperation({ summary: 'The balance: total, used, reserved by requests in flight, and remaining' })
  @ApiOkResponse({ type: BalanceDto })
  balance(@CurrentWallet() wallet: ResolvedWalletContext): Promise<BalanceDto> {
    return this.credits.balance(wallet.walletId);
  }

  @Get('transactions')
  @ApiOperation({ summary: 'The ledger, newest first, keyset-paginated' })
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'limit outside 1–100, or a cursor this API did not issue',
  })
  transactions(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: TransactionsQueryDto,
  ): Promise<TransactionPageDto> {
    // A MEMBER of an organization reads only the rows they caused.
    const actorUserId = wallet.role && !can(wallet.role, OrganizationRight.READ_LEDGER) ? user.id : undefined;
    return this.credits.transactions(wallet.walletId, query.limit, query.cursor, actorUserId);
  }
}
