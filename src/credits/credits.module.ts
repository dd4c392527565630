import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { PaginationModule } from '../common/pagination/pagination.module.js';
import { CreditsController } from './credits.controller.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import { CreditsRepository } from './credits.repository.js';
import { CreditsService } from './credits.service.js';
import { GrantExpirySweeper } from './grant-expiry-sweeper.js';
import { LedgerRepository } from './ledger.repository.js';
import { ReservationSweeper } from './reservation-sweeper.js';

/**
 * Import it in every module that puts @RequiresCredits on a route. Nest builds a route's interceptors in
 * the route's own module, so CreditsInterceptor finds CreditsRepository through this export, and
 * IdempotencyInterceptor (installed by the same decorator) finds its repository through the re-exported
 * IdempotencyModule.
 */
@Module({
  imports: [IdempotencyModule, PaginationModule],
  controllers: [CreditsController],
  providers: [
    CreditsRepository,
    LedgerRepository,
    CreditsService,
    CreditsInterceptor,
    ReservationSweeper,
    GrantExpirySweeper,
  ],
  exports: [CreditsRepository, LedgerRepository, CreditsService, IdempotencyModule],
})
export class CreditsModule {}
