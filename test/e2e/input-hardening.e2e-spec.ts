import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9.5: no input answers 500. Each case below was a 500 (or a silently accepted request) before: text
 * PostgreSQL cannot store, a string `isEmail` throws on, JSON nested deeper than class-transformer's stack,
 * the token of a deleted user on a write route, body keys that shadow Object.prototype, lax page limits,
 * sandbox routes in production answering JSON as HTML, a framework name in the 429 message, and the
 * OpenAPI types of nullable and integer fields.
 */

let t: TestApp;
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  user = await createUser(t, { credits: 100 });
  admin = await createUser(t, { role: 'ADMIN' });
});
afterAll(() => t?.close());

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  line2: 'Flat 3',
  city: 'London',
  state: 'Greater London',
  postalCode: 'SW1Y 4LE',
  country: 'GB',
};

function expectValidationError(response: { status: number; body: Record<string, unknown> }) {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
}

describe('text PostgreSQL cannot store is refused with 400, and nothing is written', () => {
  it('U+0000 in the register name', async () => {
    const email = 'nul-name@example.com';
    const response = await t.http
      .post('/api/auth/register')
      .send({ email, password: 'password-123', name: 'Ada\u0000' });
    expectValidationError(response);
    expect(await t.prisma.user.findUnique({ where: { email } })).toBeNull();
  });

  it('U+0000 in an API key name', async () => {
    expectValidationError(
      await t.http.post('/api/auth/api-keys').set(user.auth).send({ name: 'ci\u0000key' }),
    );
    expect(await t.prisma.apiKey.count({ where: { userId: user.id } })).toBe(0);
  });

  it.each(Object.keys(address))('U+0000 in the billing address field %s', async (field) => {
    const body = { ...address, [field]: `${address[field as keyof typeof address]}\u0000` };
    expectValidationError(await t.http.put('/api/billing/address').set(user.auth).send(body));
    expect(await t.prisma.billingAddress.findFirst({ where: { userId: user.id } })).toBeNull();
  });

  it('U+0000 in the admin reason', async () => {
    expectValidationError(
      await t.http
        .post(`/api/admin/users/${user.id}/credits`)
        .set(admin.auth)
        .send({ amount: 5, reason: 'goodwill\u0000' }),
    );
    expect(
      await t.prisma.creditTransaction.count({ where: { userId: user.id, type: 'GRANT', amount: 5 } }),
    ).toBe(0);
  });

  it('a lone surrogate in an email', async () => {
    for (const route of ['/api/auth/register', '/api/auth/login']) {
      expectValidationError(
        await t.http.post(route).send({ email: 'ada\uD800@example.com', password: 'password-123' }),
      );
    }
  });
});

it('JSON nested thousands of levels deep is 400, not a stack overflow', async () => {
  const depth = 5000;
  const body = `{"email":"deep@example.com","password":"password-123","name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const response = await t.http.post('/api/auth/register').set('Content-Type', 'application/json').send(body);
  expectValidationError(response);
  const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  expectValidationError(
    await t.http
      .put('/api/billing/address')
      .set(user.auth)
      .set('Content-Type', 'application/json')
      .send(objects),
  );
});

it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
  'an extra key named %s is refused like any other unknown property',
  async (key) => {
    const body = `{"email":"proto@example.com","password":"password-123",${JSON.stringify(key)}:{"x":1}}`;
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body);
    expectValidationError(response);
    expect(JSON.stringify(response.body.details)).toContain(key);
  },
);

describe('the token of a deleted user is 401 on write routes', () => {
  let gone: TestUser;
  beforeAll(async () => {
    gone = await createUser(t, { credits: 50 });
    await t.prisma.creditTransaction.deleteMany({ where: { userId: gone.id } });
    await t.prisma.user.delete({ where: { id: gone.id } });
  });

  it.each([
    ['POST /api/auth/api-keys', () => t.http.post('/api/auth/api-keys').set(gone.auth).send({ name: 'ci' })],
    ['PUT /api/billing/address', () => t.http.put('/api/billing/address').set(gone.auth).send(address)],
    [
      'POST /api/billing/checkout-sessions',
      () => t.http.post('/api/billing/checkout-sessions').set(gone.auth).send({ credits: 50 }),
    ],
    [
      'POST /api/ai/generate with an Idempotency-Key',
      () =>
        t.http
          .post('/api/ai/generate')
          .set(gone.auth)
          .set('Idempotency-Key', 'gone-1')
          .send({ prompt: 'hello' }),
    ],
    [
      'POST /api/ai/generate (no Idempotency-Key)',
      () => t.http.post('/api/ai/generate').set(gone.auth).send({ prompt: 'hello' }),
    ],
  ])('%s', async (_route, request) => {
    const response = await request();
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });
});

it.each(['1e1', '0x10', ' 5', '5.0'])(
  'GET /api/admin/webhook-events?limit=%s is refused like every other list',
  async (limit) => {
    const response = await t.http.get('/api/admin/webhook-events').query({ limit }).set(admin.auth);
    expectValidationError(response);
  },
);

it('the OpenAPI document types nullable address fields as strings and the admin amount as an integer', async () => {
  const { components } = (await t.http.get('/docs-json').expect(200)).body as {
    components: { schemas: Record<string, { properties: Record<string, { type?: string }> }> };
  };
  for (const field of ['name', 'line2', 'state'])
    expect(components.schemas.PutBillingAddressDto.properties[field].type).toBe('string');
  expect(components.schemas.AdjustCreditsDto.properties.amount.type).toBe('integer');
});

describe('in production', () => {
  let production: TestApp;
  beforeAll(async () => {
    production = await createTestApp({
      env: {
        NODE_ENV: 'production',
        STRIPE_SECRET_KEY: 'sk_test_production_suite',
        STRIPE_WEBHOOK_SECRET: 'whsec_production_suite',
        STRIPE_API_URL: 'http://127.0.0.1:9',
        AUTH_RATE_LIMIT_PER_MINUTE: '1',
      },
    });
  });
  afterAll(() => production?.close());

  it.each([
    ['GET', '/api/payments/sandbox/checkout/sbx_0123'],
    ['POST', '/api/payments/sandbox/checkout/sbx_0123/pay'],
    ['POST', '/api/payments/sandbox/webhook'],
  ])('%s %s does not exist: the JSON 404 of any unknown route', async (method, path) => {
    const response = await (method === 'GET'
      ? production.http.get(path)
      : production.http.post(path).send({}));
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('the 429 message names no framework class', async () => {
    const login = () =>
      production.http.post('/api/auth/login').send({ email: 'a@example.com', password: 'x'.repeat(8) });
    await login();
    const limited = await login();
    expect(limited.status).toBe(429);
    expect(limited.body.message).not.toMatch(/Exception/);
    expect(limited.body.message).toMatch(/too many requests/i);
  });
});
