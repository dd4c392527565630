import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { inject } from 'vitest';
import type { AppModuleOptions } from '../../src/app.module.js';
import { createApplication } from '../../src/bootstrap.js';
import { type AppConfig, loadAppConfig } from '../../src/config/app-config.js';
import { APP_CONFIG } from '../../src/config/config.module.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase } from './databases.js';
import { assertInvariants } from './invariants.js';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

export interface TestAppOptions {
  /** Extra environment variables, exactly as an operator would set them. */
  env?: Record<string, string | undefined>;
  /** Share another TestApp's database (a second instance of the service); it is not dropped on close. */
  databaseUrl?: string;
  /** Keep the log lines the service writes, at level info, in `logs`. */
  captureLogs?: boolean;
  /** Extra modules mounted beside the product's, e.g. a controller with test-only priced routes. */
  imports?: AppModuleOptions['imports'];
  /** The built web app to serve at `/` (the browser tests); none by default, so `/` stays the API's 404. */
  webAppDirectory?: string;
  /** Listen on this port instead of a random one (when PUBLIC_URL must name the port). */
  port?: number;
}

export interface TestApp {
  app: NestExpressApplication;
  /** supertest bound to the listening server: `t.http.get('/api/health')`. */
  http: ReturnType<typeof supertest>;
  baseUrl: string;
  prisma: PrismaService;
  config: AppConfig;
  databaseUrl: string;
  logs: string[];
  /** Checks the ledger invariants, closes the app and drops the database it created. */
  close(options?: { skipInvariants?: boolean }): Promise<void>;
}

/**
 * The real application, configured from environment variables, listening on a random loopback port,
 * on a fresh database cloned from the migrated template (one per test file, unless shared).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const serverUrl = inject('serverUrl');
  const ownDatabase = options.databaseUrl
    ? undefined
    : await createDatabaseFromTemplate(serverUrl, inject('templateDatabase'));
  const url = options.databaseUrl ?? databaseUrl(serverUrl, ownDatabase!);

  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: options.captureLogs ? 'info' : 'silent',
    // Background jobs run only when a test calls them, so that they never race a test by surprise.
    RESERVATION_SWEEP_INTERVAL_SECONDS: '0',
    GRANT_EXPIRY_INTERVAL_SECONDS: '0',
    RECONCILE_INTERVAL_SECONDS: '0',
    AUTO_TOP_UP_INTERVAL_SECONDS: '0',
    PAYMENT_METHOD_DETACH_INTERVAL_SECONDS: '0',
    EVENT_DISPATCH_INTERVAL_MS: '0',
    // Suites register many users from one IP; the rate-limit spec sets its own low limit.
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  };
  let config: AppConfig;
  try {
    config = loadAppConfig(env);
  } catch (error) {
    // A configuration error must not leave the freshly cloned database behind.
    if (ownDatabase) await dropDatabase(serverUrl, ownDatabase);
    throw error;
  }
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });

  let app: NestExpressApplication;
  try {
    app = await createApplication({
      config,
      logStream,
      imports: options.imports,
      webAppDirectory: options.webAppDirectory ?? null,
    });
  } catch (error) {
    // A boot refusal (a misconfigured provider, say) must not leave the cloned database behind either.
    if (ownDatabase) await dropDatabase(serverUrl, ownDatabase).catch(() => undefined);
    throw error;
  }
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const prisma = app.get(PrismaService);

  return {
    app,
    http: supertest(baseUrl),
    baseUrl,
    prisma,
    config: app.get<AppConfig>(APP_CONFIG),
    databaseUrl: url,
    logs,
    async close({ skipInvariants = false } = {}) {
      try {
        if (!skipInvariants) await assertInvariants(prisma);
      } finally {
        await app.close();
        if (ownDatabase) await dropDatabase(serverUrl, ownDatabase);
      }
    },
  };
}
