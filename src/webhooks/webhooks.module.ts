import { Module } from '@nestjs/common';
import { AutoTopUpStoreModule } from '../auto-top-up/auto-top-up-store.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { CreditsModule } from '../credits/credits.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { FulfilmentRepository } from './fulfilment.repository.js';
import { PaymentWebhooksController } from './payment-webhooks.controller.js';
import { ReconciliationService } from './reconciliation.service.js';
import { WebhookInboxRepository } from './webhook-inbox.repository.js';
import { WebhooksService } from './webhooks.service.js';
import { EventsModule } from '../events/events.module.js';

/**
 * The provider-agnostic inbox and fulfilment, and reconciliation. Orders through BillingModule's repository,
 * credits through CreditsModule's ledger.
 */
@Module({
  imports: [PaymentsModule, BillingModule, CreditsModule, AutoTopUpStoreModule, EventsModule],
  controllers: [PaymentWebhooksController],
  providers: [WebhooksService, FulfilmentRepository, WebhookInboxRepository, ReconciliationService],
  exports: [WebhooksService, ReconciliationService],
})
export class WebhooksModule {}
