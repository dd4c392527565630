import { Controller, HttpCode, HttpStatus, Post, Req, type RawBodyRequest } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { ErrorResponseDto } from '../common/http/error-response.dto.js';
import type { PaymentProviderName } from '../payments/payment-gateway.js';
import { WebhookReceivedDto } from './dto/webhook-event.dto.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Provider webhooks. No authentication and no rate limit: the signature over the raw bytes is the
 * authentication, and a provider retrying a burst must never be throttled into losing a purchase.
 * 200 also for duplicates, ignored types and permanent mismatches (kept FAILED for an admin);
 * 500 only when processing failed and a retry can succeed.
 */
@ApiTags('payment webhooks')
@SkipThrottle()
@Controller('payments')
export class PaymentWebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('stripe/webhook')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Stripe events (Stripe-Signature over the raw body, 300 s tolerance)' })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_SIGNATURE: nothing was recorded' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Stripe is not configured' })
  @ApiInternalServerErrorResponse({ type: ErrorResponseDto, description: 'WEBHOOK_PROCESSING_FAILED: retry' })
  stripe(@Req() request: RawBodyRequest<Request>): Promise<WebhookReceivedDto> {
    return this.receive('stripe', request);
  }

  @Post('dodo/webhook')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Dodo Payments events (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)',
  })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_SIGNATURE: nothing was recorded' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Dodo Payments is not configured' })
  @ApiInternalServerErrorResponse({ type: ErrorResponseDto, description: 'WEBHOOK_PROCESSING_FAILED: retry' })
  dodo(@Req() request: RawBodyRequest<Request>): Promise<WebhookReceivedDto> {
    return this.receive('dodo', request);
  }

  private async receive(
    provider: PaymentProviderName,
    request: RawBodyRequest<Request>,
  ): Promise<WebhookReceivedDto> {
    await this.webhooks.receive(provider, request.rawBody, request.headers);
    return { received: true };
  }
}
