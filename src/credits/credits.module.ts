import { Global, Module } from '@nestjs/common';
import { CreditsController } from './credits.controller.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import { CreditsRepository } from './credits.repository.js';
import { CreditsService } from './credits.service.js';
import { GrantExpirySweeper } from './grant-expiry-sweeper.js';
import { LedgerRepository } from './ledger.repository.js';
import { ReservationSweeper } from './reservation-sweeper.js';

/** Global so that any feature module can put @RequiresCredits on its routes without importing it. */
@Global()
@Module({
  controllers: [CreditsController],
  providers: [
    CreditsRepository,
    LedgerRepository,
    CreditsService,
    CreditsInterceptor,
    ReservationSweeper,
    GrantExpirySweeper,
  ],
  exports: [
    CreditsRepository,
    LedgerRepository,
    CreditsService,
    CreditsInterceptor,
    ReservationSweeper,
    GrantExpirySweeper,
  ],
})
export class CreditsModule {}
