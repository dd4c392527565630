import { defineConfig } from 'vitest/config';

// `npm run test:web`: the web app in Debian's chromium against the real service on a real PostgreSQL.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser-spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
