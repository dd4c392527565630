import type { Writable } from 'node:stream';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BillingModule } from './billing/billing.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { type AppConfig, loadAppConfig } from './config/app-config.js';
import { SchedulingModule } from './common/scheduling/scheduling.module.js';
import { ConfigModule } from './config/config.module.js';
import { CreditsModule } from './credits/credits.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DriftReportModule } from './drift-report/drift-report.module.js';
import { EventsModule } from './events/events.module.js';
import { ExamplesModule } from './examples/examples.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { SandboxModule } from './payments/sandbox/sandbox.module.js';
import { AutoTopUpModule } from './auto-top-up/auto-top-up.module.js';
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
  /** Validates the configuration (options.config, else process.env) once, here: it decides what is mounted. */
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadAppConfig(process.env);
    return {
      module: AppModule,
      imports: [
        ConfigModule.withConfig(config),
        LoggingModule.forRoot(options.logStream),
        MetricsModule,
        ScheduleModule.forRoot(),
        SchedulingModule,
        DatabaseModule,
        AuthModule,
        HealthModule,
        PaymentsModule,
        WebhooksModule,
        AutoTopUpModule,
        ...(config.payments.sandboxEnabled ? [SandboxModule] : []),
        BillingModule,
        CreditsModule,
        ExamplesModule,
        AdminModule,
        DriftReportModule,
        EventsModule,
        OrganizationsModule,
        ...(options.imports ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
