import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { OrganizationRight } from '../organizations/organization-policy.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { CurrentWallet, WalletScoped } from '../organizations/wallet-scoped.decorator.js';
import { AutoTopUpService } from './auto-top-up.service.js';
import { AutoTopUpAttemptPageDto, AutoTopUpDto, PutAutoTopUpDto } from './dto/auto-top-up.dto.js';

@ApiTags('auto-top-up')
@Controller('credits')
@WalletScoped(OrganizationRight.MANAGE_AUTO_TOP_UP)
@ApiForbiddenResponse({
  type: ErrorResponseDto,
  description: 'An organization MEMBER (OWNER and BILLING_ADMIN manage it)',
})
export class AutoTopUpController {
  constructor(private readonly autoTopUp: AutoTopUpService) {}

  @Get('auto-top-up')
  @ApiOperation({ summary: "The wallet's auto top-up rule and saved payment method" })
  @ApiOkResponse({ type: AutoTopUpDto })
  get(@CurrentWallet() wallet: ResolvedWalletContext): Promise<AutoTopUpDto> {
    return this.autoTopUp.get(wallet.walletId);
  }

  @Put('auto-top-up')
  @ApiOperation({
    summary: 'Sets the rule; enabling stores the consent and tops up once if already below the threshold',
  })
  @ApiOkResponse({ type: AutoTopUpDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad rule' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'NO_SAVED_PAYMENT_METHOD or AUTO_TOP_UP_UNSUPPORTED',
  })
  put(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PutAutoTopUpDto,
  ): Promise<AutoTopUpDto> {
    return this.autoTopUp.put(wallet, user.id, body);
  }

  @Delete('auto-top-up')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disables auto top-up (the saved method stays)' })
  @ApiNoContentResponse()
  async disable(@CurrentWallet() wallet: ResolvedWalletContext): Promise<void> {
    await this.autoTopUp.disable(wallet.walletId);
  }

  @Delete('payment-method')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Detaches the saved method at the provider, forgets it and disables auto top-up' })
  @ApiNoContentResponse()
  async removePaymentMethod(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.autoTopUp.removePaymentMethod(wallet, user.id);
  }

  @Get('auto-top-up/attempts')
  @ApiOperation({ summary: 'Auto top-up attempts, newest first, keyset-paginated' })
  @ApiOkResponse({ type: AutoTopUpAttemptPageDto })
  attempts(
    @CurrentWallet() wallet: ResolvedWalletContext,
    @Query() query: PageQueryDto,
  ): Promise<AutoTopUpAttemptPageDto> {
    return this.autoTopUp.listAttempts(wallet.walletId, query.limit, query.cursor);
  }
}
