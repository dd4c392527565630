import { Module } from '@nestjs/common';
import { PaginationModule } from '../common/pagination/pagination.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EndpointAddressPolicy } from './endpoint-address-policy.js';
import { EventDeliveriesRepository } from './event-deliveries.repository.js';
import { EventDispatcher } from './event-dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookSender } from './webhook-sender.js';

/**
 * Outgoing events (docs/events.md). Other modules import it for `OutboxRepository`, to append events in
 * their own transactions; the dispatcher and the admin API live here.
 */
@Module({
  imports: [PaginationModule],
  controllers: [WebhookEndpointsController],
  providers: [
    {
      provide: EndpointAddressPolicy,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new EndpointAddressPolicy(config.isProduction && !config.events.allowPrivateEndpoints),
    },
    {
      provide: WebhookSender,
      inject: [EndpointAddressPolicy, APP_CONFIG],
      useFactory: (policy: EndpointAddressPolicy, config: AppConfig) =>
        new WebhookSender(policy, config.events.deliveryTimeoutMs),
    },
    OutboxRepository,
    EventDeliveriesRepository,
    EventDispatcher,
    WebhookEndpointsRepository,
    WebhookEndpointsService,
  ],
  exports: [OutboxRepository],
})
export class EventsModule {}
