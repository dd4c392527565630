import { Body, Controller, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import { idempotentClaimOf } from '../common/idempotency/idempotent-claim.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { CreateTransferDto, TransferDto } from './dto/transfers.dto.js';
import { TransfersService } from './transfers.service.js';

@ApiTags('credits')
@Controller('credits')
@Authenticated()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post('transfers')
  @Idempotent()
  @ApiOperation({
    summary: 'Move available credits between two wallets you control, keeping their category and expiry',
  })
  @ApiCreatedResponse({ type: TransferDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A wallet you cannot see' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Your role in the wallet lacks the right' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'INSUFFICIENT_CREDITS: not enough available credits in fromWalletId',
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateTransferDto,
    @Req() request: Request,
  ): Promise<TransferDto> {
    return this.transfers.transfer(user, body, idempotentClaimOf(request));
  }
}
