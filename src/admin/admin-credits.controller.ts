import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { ResourceIdPipe } from '../common/http/resource-id.pipe.js';
import { TransactionPageDto, TransactionsQueryDto } from '../credits/dto/credits.dto.js';
import { AdminCreditsService } from './admin-credits.service.js';
import { AdjustCreditsDto, LedgerEntryDto } from './dto/admin-credits.dto.js';

@ApiTags('admin')
@Controller('admin/users/:id')
@Roles('ADMIN')
export class AdminCreditsController {
  constructor(private readonly adminCredits: AdminCreditsService) {}

  @Post('credits')
  @ApiOperation({ summary: 'Grant credits (positive amount) or take unspent credits back (negative)' })
  @ApiCreatedResponse({ type: LedgerEntryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown user' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'INSUFFICIENT_CREDITS: would take remaining below 0',
  })
  adjust(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ResourceIdPipe) userId: string,
    @Body() body: AdjustCreditsDto,
  ): Promise<LedgerEntryDto> {
    return this.adminCredits.adjust(admin.id, userId, body);
  }

  @Get('transactions')
  @ApiOperation({ summary: "A user's ledger, newest first" })
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown user' })
  transactions(
    @Param('id', ResourceIdPipe) userId: string,
    @Query() query: TransactionsQueryDto,
  ): Promise<TransactionPageDto> {
    return this.adminCredits.transactions(userId, query.limit, query.cursor);
  }
}
