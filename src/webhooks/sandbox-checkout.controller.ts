import { Controller, Get, Header, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { SandboxCheckoutService } from './sandbox-checkout.service.js';

/** The sandbox's checkout page and its buttons (development only; 404 when the sandbox is off). */
@ApiExcludeController()
@SkipThrottle()
@Controller('payments/sandbox/checkout')
export class SandboxCheckoutController {
  constructor(private readonly checkout: SandboxCheckoutService) {}

  @Get(':sessionId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  page(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.page(sessionId);
  }

  @Post(':sessionId/pay')
  @HttpCode(HttpStatus.OK)
  @Header('Content-Type', 'text/html; charset=utf-8')
  pay(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.pay(sessionId);
  }

  @Post(':sessionId/cancel')
  @HttpCode(HttpStatus.OK)
  @Header('Content-Type', 'text/html; charset=utf-8')
  cancel(@Param('sessionId') sessionId: string): Promise<string> {
    return this.checkout.cancel(sessionId);
  }
}
