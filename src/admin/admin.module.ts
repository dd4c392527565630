import { Module } from '@nestjs/common';
import { AdminCreditsController } from './admin-credits.controller.js';
import { AdminCreditsService } from './admin-credits.service.js';
import { AdminOrganizationCreditsController } from './admin-organization-credits.controller.js';
import { AdminUsageController } from './admin-usage.controller.js';

@Module({
  controllers: [AdminCreditsController, AdminOrganizationCreditsController, AdminUsageController],
  providers: [AdminCreditsService],
})
export class AdminModule {}
