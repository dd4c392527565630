import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { AutoTopUpAttemptsRepository } from './auto-top-up-attempts.repository.js';
import { SavedPaymentMethodsRepository } from './saved-payment-methods.repository.js';

/**
 * The auto top-up rows that checkout (the customer) and fulfilment (a credited attempt) write too: a module
 * of their own, so billing and webhooks can use them without depending on the worker that depends on them.
 */
@Module({
  imports: [EventsModule, PaymentsModule],
  providers: [AutoTopUpAttemptsRepository, SavedPaymentMethodsRepository],
  exports: [AutoTopUpAttemptsRepository, SavedPaymentMethodsRepository],
})
export class AutoTopUpStoreModule {}
