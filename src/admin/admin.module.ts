import { Module } from '@nestjs/common';
import { CreditsModule } from '../credits/credits.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AdminCreditsController } from './admin-credits.controller.js';
import { AdminCreditsService } from './admin-credits.service.js';
import { AdminWebhookEventsController } from './admin-webhook-events.controller.js';
import { AdminOrganizationCreditsController } from './admin-organization-credits.controller.js';
import { AdminUsageController } from './admin-usage.controller.js';

/** Every admin route: credit grants and adjustments (CreditsModule), the webhook inbox and reconciliation (WebhooksModule). */
@Module({
  imports: [CreditsModule, WebhooksModule],
  controllers: [
    AdminCreditsController,
    AdminOrganizationCreditsController,
    AdminUsageController,
    AdminWebhookEventsController,
  ],
  providers: [AdminCreditsService],
})
export class AdminModule {}
