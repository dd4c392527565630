import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module.js';
import { BillingAddressRepository } from './billing-address.repository.js';
import { BillingAddressService } from './billing-address.service.js';
import { BillingController } from './billing.controller.js';
import { CheckoutService } from './checkout.service.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';

/** Packs, checkout sessions, orders and the billing address (DESIGN.md §5 Billing). Providers only through PaymentGatewayRegistry. */
@Module({
  imports: [PaymentsModule],
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
