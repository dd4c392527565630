import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 with the database up', async () => {
    const response = await t.http.get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers readiness at /api/health/ready and liveness at /api/health/live', async () => {
    expect((await t.http.get('/api/health/ready').expect(200)).body).toEqual({
      status: 'ok',
      database: 'up',
    });
    expect((await t.http.get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('returns the request id it was given, or a new one', async () => {
    const given = await t.http.get('/api/health').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const generated = await t.http.get('/api/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces a request id that could smuggle anything into the logs', async () => {
    const response = await t.http
      .get('/api/health')
      .set('X-Request-Id', 'evil id\twith "quotes"')
      .expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI at /docs and the document at /docs-json, with both security schemes and the auth routes', async () => {
    const ui = await t.http.get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);

    const { body: document } = await t.http.get('/docs-json').expect(200);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    for (const [path, method] of [
      ['/api/auth/register', 'post'],
      ['/api/auth/login', 'post'],
      ['/api/auth/me', 'get'],
      ['/api/auth/api-keys', 'post'],
      ['/api/auth/api-keys', 'get'],
      ['/api/auth/api-keys/{id}', 'delete'],
      ['/api/health', 'get'],
      ['/api/health/live', 'get'],
      ['/api/health/ready', 'get'],
    ]) {
      expect(document.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    expect(document.paths['/api/auth/me'].get.security).toEqual(
      expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]),
    );
    expect(document.paths['/api/auth/register'].post.security ?? []).toEqual([]);
    // DTOs are documented: the register body names its fields and limits.
    const register = document.components.schemas.RegisterDto;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(register.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
  });
});

/** A loopback port nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GET /api/health with the database unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Without migrations at boot (they need the database), the service must still start and report.
    t = await createTestApp({
      env: {
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${await closedPort()}/forge_credits`,
        MIGRATE_ON_BOOT: 'false',
      },
    });
  });
  // The invariants need the database this app cannot reach.
  afterAll(() => t.close({ skipInvariants: true }));

  it('answers 503 quickly with the database down, in the contract error shape', async () => {
    for (const path of ['/api/health', '/api/health/ready']) {
      const started = Date.now();
      const response = await t.http.get(path);
      expect(response.status, path).toBe(503);
      expect(response.body).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database does not answer',
        status: 'error',
        database: 'down',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('stays live: the process answers without asking the database', async () => {
    expect((await t.http.get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('answers a route that needs the database with 500 INTERNAL_ERROR and no internals', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .send({ email: 'ada@example.com', password: 'whatever-password' });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    });
  });
});

describe('GET /api/health/ready with Redis configured', () => {
  describe('and unreachable', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    });
    afterAll(() => t.close());

    it('answers 503 with redis down and the database up, and stays live', async () => {
      for (const path of ['/api/health/ready', '/api/health']) {
        const started = Date.now();
        const response = await t.http.get(path);
        expect(response.status, path).toBe(503);
        expect(response.body).toEqual({
          statusCode: 503,
          code: 'SERVICE_UNAVAILABLE',
          message: 'Redis does not answer',
          status: 'error',
          database: 'up',
          redis: 'down',
        });
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      await t.http.get('/api/health/live').expect(200);
    });
  });

  describe('and reachable', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
    const available = await redisAnswers(url);
    let t: TestApp;
    beforeAll(async () => {
      if (available) t = await createTestApp({ env: { REDIS_URL: url } });
    });
    afterAll(() => t?.close());

    it.skipIf(!available)('answers 200 with redis up', async () => {
      const response = await t.http.get('/api/health/ready').expect(200);
      expect(response.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    });
  });
});

async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
