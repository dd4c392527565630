import { Module } from '@nestjs/common';
import { AutoTopUpStoreModule } from '../auto-top-up/auto-top-up-store.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { PaginationModule } from '../common/pagination/pagination.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { BillingAddressRepository } from './billing-address.repository.js';
import { BillingAddressService } from './billing-address.service.js';
import { BillingController } from './billing.controller.js';
import { CheckoutService } from './checkout.service.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';

/** Packs, checkout sessions, orders and the billing address (docs/api.md, "Buying credits"). Providers only through PaymentGatewayRegistry. */
@Module({
  // Idempotency: @Idempotent() on checkout; pagination: the orders list.
  imports: [PaymentsModule, IdempotencyModule, PaginationModule, AutoTopUpStoreModule],
  controllers: [BillingController],
  providers: [
    CheckoutService,
    OrdersService,
    BillingAddressService,
    OrdersRepository,
    BillingAddressRepository,
  ],
  exports: [OrdersRepository, BillingAddressRepository],
})
export class BillingModule {}
