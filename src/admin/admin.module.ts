import { Module } from '@nestjs/common';
import { AdminCreditsController } from './admin-credits.controller.js';
import { AdminCreditsService } from './admin-credits.service.js';

@Module({
  controllers: [AdminCreditsController],
  providers: [AdminCreditsService],
})
export class AdminModule {}
