import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AdminCreditsController } from './admin-credits.controller.js';
import { AdminCreditsService } from './admin-credits.service.js';
import { AdminWebhookEventsController } from './admin-webhook-events.controller.js';

/** Every admin route. The webhook inbox and reconciliation come from WebhooksModule. */
@Module({
  imports: [WebhooksModule],
  controllers: [AdminCreditsController, AdminWebhookEventsController],
  providers: [AdminCreditsService],
})
export class AdminModule {}
