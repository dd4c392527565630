import { defineConfig } from 'vitest/config';

// No SWC plugin: Vite's own transform (oxc) reads tsconfig.json and emits the decorator metadata
// (emitDecoratorMetadata) that Nest's injection needs; the interceptor specs assert it.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two cores: e2e files each boot an app and hammer PostgreSQL; more workers only add contention.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
