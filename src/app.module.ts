import type { Writable } from 'node:stream';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BillingModule } from './billing/billing.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { PaginationModule } from './common/pagination/pagination.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { CreditsModule } from './credits/credits.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ExamplesModule } from './examples/examples.module.js';
import { HealthModule } from './health/health.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppModuleOptions {
  /** Replaces the configuration read from process.env (tests, benchmarks). */
  config?: AppConfig;
  /** Where log lines go (default stdout); tests capture them to prove no secret is logged. */
  logStream?: Writable;
  /** Extra feature modules mounted beside the product's (test-only routes, benchmark baselines). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        options.config ? ConfigModule.withConfig(options.config) : ConfigModule,
        LoggingModule.forRoot(options.logStream),
        ScheduleModule.forRoot(),
        DatabaseModule,
        AuthModule,
        IdempotencyModule,
        RateLimitModule,
        PaginationModule,
        HealthModule,
        PaymentsModule,
        WebhooksModule,
        BillingModule,
        CreditsModule,
        ExamplesModule,
        AdminModule,
        OrganizationsModule,
        ...(options.imports ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
