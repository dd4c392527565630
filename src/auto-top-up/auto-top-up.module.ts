import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { PaginationModule } from '../common/pagination/pagination.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AutoTopUpRulesRepository } from './auto-top-up-rules.repository.js';
import { AutoTopUpStoreModule } from './auto-top-up-store.module.js';
import { AutoTopUpController } from './auto-top-up.controller.js';
import { AutoTopUpService } from './auto-top-up.service.js';
import { AutoTopUpWorker } from './auto-top-up.worker.js';

/** Auto top-up (README, "Auto top-up"): the rule API and the worker that charges off-session. */
@Module({
  imports: [AutoTopUpStoreModule, BillingModule, PaymentsModule, WebhooksModule, PaginationModule],
  controllers: [AutoTopUpController],
  providers: [AutoTopUpService, AutoTopUpRulesRepository, AutoTopUpWorker],
  exports: [AutoTopUpWorker],
})
export class AutoTopUpModule {}
