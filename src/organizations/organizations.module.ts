import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CreditsModule } from '../credits/credits.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';
import { WalletContextGuard } from './wallet-context.guard.js';

/** Global so that credits, billing and any priced route can resolve X-Organization-Id (WalletContextGuard). */
@Global()
@Module({
  imports: [AuthModule, CreditsModule, PaymentsModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService, WalletContextGuard],
  exports: [OrganizationsRepository, WalletContextGuard],
})
export class OrganizationsModule {}
