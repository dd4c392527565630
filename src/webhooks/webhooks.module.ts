import { Module } from '@nestjs/common';
import { WebhookEventsController } from '../admin/webhook-events.controller.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { FulfilmentRepository } from './fulfilment.repository.js';
import { PaymentWebhooksController } from './payment-webhooks.controller.js';
import { ReconciliationService } from './reconciliation.service.js';
import { SandboxCheckoutController } from './sandbox-checkout.controller.js';
import { SandboxCheckoutService } from './sandbox-checkout.service.js';
import { WebhooksService } from './webhooks.service.js';

@Module({
  imports: [PaymentsModule],
  controllers: [PaymentWebhooksController, SandboxCheckoutController, WebhookEventsController],
  providers: [WebhooksService, FulfilmentRepository, ReconciliationService, SandboxCheckoutService],
  exports: [WebhooksService, ReconciliationService],
})
export class WebhooksModule {}
