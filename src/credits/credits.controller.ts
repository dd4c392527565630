import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { CreditsService } from './credits.service.js';
import { BalanceDto, TransactionPageDto, TransactionsQueryDto } from './dto/credits.dto.js';

@ApiTags('credits')
@Controller('credits')
@Authenticated()
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get('balance')
  @ApiOperation({ summary: 'The balance: total, used, reserved by requests in flight, and remaining' })
  @ApiOkResponse({ type: BalanceDto })
  balance(@CurrentUser() user: AuthenticatedUser): Promise<BalanceDto> {
    return this.credits.balance(user.walletId);
  }

  @Get('transactions')
  @ApiOperation({ summary: 'The ledger, newest first, keyset-paginated' })
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'limit outside 1–100, or a cursor this API did not issue',
  })
  transactions(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: TransactionsQueryDto,
  ): Promise<TransactionPageDto> {
    return this.credits.transactions(user.walletId, query.limit, query.cursor);
  }
}
