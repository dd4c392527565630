import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** Inject with `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The configuration validated once, at boot (AppModule.forRoot calls `loadAppConfig` after main.ts or a CLI
 * loaded `.env` with loadEnvironmentFile; tests and benchmarks pass their own), offered to every module.
 * Global on purpose (as @nestjs/config's own module is): nearly every module reads the configuration, and an
 * import of it in each would say nothing a reader does not already know.
 */
@Module({})
export class ConfigModule {
  static withConfig(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
