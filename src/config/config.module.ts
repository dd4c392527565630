import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { type AppConfig, loadAppConfig } from './app-config.js';

/** Inject with `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * @nestjs/config loads `.env` (when present) into process.env; `loadAppConfig` then validates the
 * environment once, at boot, and the typed result is what every other module reads.
 * Global on purpose (as @nestjs/config's own module is): nearly every module reads the configuration, and an
 * import of it in each would say nothing a reader does not already know.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ ignoreEnvFile: process.env.NODE_ENV === 'test' })],
  providers: [{ provide: APP_CONFIG, useFactory: () => loadAppConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {
  /** A configuration built by the caller (tests and benchmarks call `loadAppConfig({...})`). */
  static withConfig(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      imports: [],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
