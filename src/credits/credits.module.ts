import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { PaginationModule } from '../common/pagination/pagination.module.js';
import { CreditsController } from './credits.controller.js';
import { GrantsController } from './grants.controller.js';
import { GrantsRepository } from './grants.repository.js';
import { GrantsService } from './grants.service.js';
import { TransfersController } from './transfers.controller.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';
import { UsageReversalRepository } from './usage-reversal.repository.js';
import { UsageController } from './usage.controller.js';
import { UsageRepository } from './usage.repository.js';
import { UsageService } from './usage.service.js';
import { WalletAccessPolicy } from './wallet-access.policy.js';
import { WalletAccessRepository } from './wallet-access.repository.js';
import { CreditsInterceptor } from './credits.interceptor.js';
import { CreditsRepository } from './credits.repository.js';
import { CreditsService } from './credits.service.js';
import { GrantExpirySweeper } from './grant-expiry-sweeper.js';
import { LedgerRepository } from './ledger.repository.js';
import { ReservationSweeper } from './reservation-sweeper.js';
import { EventsModule } from '../events/events.module.js';

/**
 * Import it in every module that puts @RequiresCredits on a route. Nest builds a route's interceptors in
 * the route's own module, so CreditsInterceptor finds CreditsRepository through this export, and
 * IdempotencyInterceptor (installed by the same decorator) finds its repository through the re-exported
 * IdempotencyModule.
 */
@Module({
  imports: [IdempotencyModule, PaginationModule, EventsModule],
  controllers: [CreditsController, GrantsController, UsageController, TransfersController],
  providers: [
    CreditsRepository,
    LedgerRepository,
    CreditsService,
    CreditsInterceptor,
    ReservationSweeper,
    GrantExpirySweeper,
    GrantsRepository,
    GrantsService,
    UsageRepository,
    UsageService,
    UsageReversalRepository,
    WalletAccessRepository,
    WalletAccessPolicy,
    TransfersRepository,
    TransfersService,
  ],
  exports: [
    CreditsRepository,
    LedgerRepository,
    CreditsService,
    UsageService,
    WalletAccessPolicy,
    TransfersService,
    IdempotencyModule,
  ],
})
export class CreditsModule {}
