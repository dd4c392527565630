import { Global, Module } from '@nestjs/common';
import { CreditsController } from './credits.controller.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import { CreditsRepository } from './credits.repository.js';
import { CreditsService } from './credits.service.js';
import { ReservationSweeper } from './reservation-sweeper.js';

/** Global so that any feature module can put @RequiresCredits on its routes without importing it. */
@Global()
@Module({
  controllers: [CreditsController],
  providers: [CreditsRepository, CreditsService, CreditsInterceptor, ReservationSweeper],
  exports: [CreditsRepository, CreditsService, CreditsInterceptor, ReservationSweeper],
})
export class CreditsModule {}
