import { Module } from '@nestjs/common';
import { BillingModule } from '../../billing/billing.module.js';
import { WebhooksModule } from '../../webhooks/webhooks.module.js';
import { PaymentsModule } from '../payments.module.js';
import { SandboxCheckoutService } from './sandbox-checkout.service.js';
import { SandboxController } from './sandbox.controller.js';

/**
 * The sandbox provider's routes (checkout page, buttons, webhook endpoint). Its gateway is built by
 * PaymentsModule like every other provider's; AppModule mounts this module only when the sandbox is enabled.
 */
@Module({
  imports: [PaymentsModule, BillingModule, WebhooksModule],
  controllers: [SandboxController],
  providers: [SandboxCheckoutService],
})
export class SandboxModule {}
