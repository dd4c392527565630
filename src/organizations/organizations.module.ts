import { Global, Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';
import { WalletContextGuard } from './wallet-context.guard.js';

/** Global so that credits, billing and any priced route can resolve X-Organization-Id (WalletContextGuard). */
@Global()
@Module({
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService, WalletContextGuard],
  exports: [OrganizationsRepository, WalletContextGuard],
})
export class OrganizationsModule {}
