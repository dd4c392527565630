import { Module } from '@nestjs/common';
import { CreditsModule } from '../credits/credits.module.js';
import { AdminCreditsController } from './admin-credits.controller.js';
import { AdminCreditsService } from './admin-credits.service.js';

@Module({
  imports: [CreditsModule],
  controllers: [AdminCreditsController],
  providers: [AdminCreditsService],
})
export class AdminModule {}
