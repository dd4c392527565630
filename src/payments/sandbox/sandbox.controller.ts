import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import type { WebhookReceivedDto } from '../../webhooks/dto/webhook-event.dto.js';
import { WebhooksService } from '../../webhooks/webhooks.service.js';
import { SandboxCheckoutService } from './sandbox-checkout.service.js';

/**
 * The sandbox provider's routes: its hosted checkout page with its buttons, and its webhook endpoint.
 * Mounted only when the sandbox is enabled (never in production): otherwise they do not exist, and the
 * service answers them like any unknown route.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('payments/sandbox')
export class SandboxController {
  constructor(
    private readonly checkout: SandboxCheckoutService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get('checkout/:sessionId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  page(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.page(sessionId);
  }

  @Post('checkout/:sessionId/pay')
  @HttpCode(HttpStatus.OK)
  @Header('Content-Type', 'text/html; charset=utf-8')
  pay(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.pay(sessionId);
  }

  @Post('checkout/:sessionId/cancel')
  @HttpCode(HttpStatus.OK)
  @Header('Content-Type', 'text/html; charset=utf-8')
  cancel(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.cancel(sessionId);
  }

  /** The sandbox checkout page's buttons deliver the same events; this endpoint takes them from outside too. */
  @Post('webhook')
  @HttpCode(HttpStatus.OK)
  async webhook(@Req() request: RawBodyRequest<Request>): Promise<WebhookReceivedDto> {
    await this.webhooks.receive('sandbox', request.rawBody, request.headers);
    return { received: true };
  }
}
