import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/app-config.js';
import { createUser } from '../support/factories.js';
import { type FakeDodoServer, startFakeDodoServer } from '../support/fake-dodo-server.js';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Which providers a configuration enables, as GET /api/billing/packs and checkouts see it
 * (README.md, "Configuration"): Stripe needs both of its variables, Dodo all three, and half a configuration stops
 * the boot with an error that names the missing variable. Every app here shares one database.
 */

let base: TestApp;
let stripe: FakeStripeServer;
let dodo: FakeDodoServer;

beforeAll(async () => {
  [stripe, dodo] = await Promise.all([startFakeStripeServer(), startFakeDodoServer()]);
  base = await createTestApp();
});

afterAll(async () => {
  await base?.close();
  await Promise.all([stripe?.close(), dodo?.close()]);
});

/** Boots a second instance on the base database with `env`, runs `check`, closes it. */
async function withApp(env: Record<string, string>, check: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await createTestApp({ env, databaseUrl: base.databaseUrl });
  try {
    await check(t);
  } finally {
    await t.close();
  }
}

async function bootError(env: Record<string, string>): Promise<ConfigurationError> {
  const error = await createTestApp({ env, databaseUrl: base.databaseUrl }).then(
    async (t) => {
      await t.close();
      throw new Error('the app booted');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

const SEED_PACKS = [
  { credits: 50, units: 1, amount: 1000 },
  { credits: 100, units: 2, amount: 1800 },
  { credits: 250, units: 5, amount: 4000 },
];

describe('GET /api/billing/packs', () => {
  it('is public and, with no provider configured, offers the sandbox only', async () => {
    const response = await base.http.get('/api/billing/packs').expect(200);
    expect(response.body).toEqual({
      creditsPerUnit: 50,
      currency: 'usd',
      packs: SEED_PACKS,
      tiers: [
        { minUnits: 1, unitAmount: 1000 },
        { minUnits: 2, unitAmount: 900 },
        { minUnits: 5, unitAmount: 800 },
      ],
      providers: ['sandbox'],
      defaultProvider: 'sandbox',
    });
  });

  it('follows CREDITS_PER_UNIT, and so do checkouts', async () => {
    await withApp({ CREDITS_PER_UNIT: '100' }, async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body).toMatchObject({
        creditsPerUnit: 100,
        packs: [
          { credits: 100, units: 1, amount: 1000 },
          { credits: 200, units: 2, amount: 1800 },
          { credits: 500, units: 5, amount: 4000 },
        ],
      });
      const user = await createUser(t);
      const refused = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 50 })
        .expect(400);
      expect(refused.body.code).toBe('INVALID_CREDITS');
      const bought = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 300 })
        .expect(201);
      expect(bought.body).toMatchObject({ credits: 300, amount: 2700 });
    });
  });
});

describe('which providers are enabled', () => {
  it('Stripe with both of its variables; a checkout through Dodo is then 400 PROVIDER_UNAVAILABLE', async () => {
    await withApp(stripe.env(), async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body).toMatchObject({ providers: ['stripe', 'sandbox'], defaultProvider: 'stripe' });
      const user = await createUser(t);
      const before = dodo.requests.length;
      const response = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 50, provider: 'dodo' })
        .expect(400);
      expect(response.body.code).toBe('PROVIDER_UNAVAILABLE');
      expect(dodo.requests.length).toBe(before);
      expect(await t.prisma.order.count({ where: { userId: user.id } })).toBe(0);
    });
  });

  it('Dodo with all three of its variables; Stripe is then unavailable', async () => {
    await withApp(dodo.env(), async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body).toMatchObject({ providers: ['dodo', 'sandbox'], defaultProvider: 'dodo' });
      const user = await createUser(t);
      const response = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 50, provider: 'stripe' })
        .expect(400);
      expect(response.body.code).toBe('PROVIDER_UNAVAILABLE');
      const viaDefault = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 50 })
        .expect(201);
      expect(viaDefault.body.provider).toBe('dodo');
    });
  });

  it('DEFAULT_PAYMENT_PROVIDER picks the provider of a checkout that names none', async () => {
    await withApp({ ...stripe.env(), ...dodo.env(), DEFAULT_PAYMENT_PROVIDER: 'dodo' }, async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body).toMatchObject({ providers: ['stripe', 'dodo', 'sandbox'], defaultProvider: 'dodo' });
      const user = await createUser(t);
      const response = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 100 })
        .expect(201);
      expect(response.body).toMatchObject({ provider: 'dodo', amount: 1800 });
    });
  });

  it('STRIPE_API_URL or DODO_PAYMENTS_BASE_URL alone enables nothing', async () => {
    await withApp({ STRIPE_API_URL: stripe.url, DODO_PAYMENTS_BASE_URL: dodo.url }, async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body.providers).toEqual(['sandbox']);
    });
  });

  it('in production the sandbox is off: only the real providers are offered', async () => {
    await withApp({ ...stripe.env(), NODE_ENV: 'production' }, async (t) => {
      const packs = await t.http.get('/api/billing/packs').expect(200);
      expect(packs.body).toMatchObject({ providers: ['stripe'], defaultProvider: 'stripe' });
      const user = await createUser(t);
      const response = await t.http
        .post('/api/billing/checkout-sessions')
        .set(user.auth)
        .send({ credits: 50, provider: 'sandbox' })
        .expect(400);
      expect(response.body.code).toBe('PROVIDER_UNAVAILABLE');
    });
  });
});

describe('half a provider configuration stops the boot', () => {
  it.each([
    [
      'STRIPE_SECRET_KEY without STRIPE_WEBHOOK_SECRET',
      { STRIPE_SECRET_KEY: 'sk_test_secret_value' },
      'STRIPE_WEBHOOK_SECRET',
    ],
    [
      'STRIPE_WEBHOOK_SECRET without STRIPE_SECRET_KEY',
      { STRIPE_WEBHOOK_SECRET: 'whsec_secret_value' },
      'STRIPE_SECRET_KEY',
    ],
    [
      'Dodo without DODO_CREDITS_PRODUCT_ID',
      { DODO_PAYMENTS_API_KEY: 'dodo_secret_value', DODO_PAYMENTS_WEBHOOK_KEY: 'whsec_secret_value' },
      'DODO_CREDITS_PRODUCT_ID',
    ],
    [
      'Dodo without DODO_PAYMENTS_WEBHOOK_KEY',
      { DODO_PAYMENTS_API_KEY: 'dodo_secret_value', DODO_CREDITS_PRODUCT_ID: 'pdt_x' },
      'DODO_PAYMENTS_WEBHOOK_KEY',
    ],
    ['Dodo with only its product id', { DODO_CREDITS_PRODUCT_ID: 'pdt_x' }, 'DODO_PAYMENTS_API_KEY'],
  ])('%s → ConfigurationError naming %s, without echoing a secret', async (_label, env, missing) => {
    const error = await bootError(env);
    expect(error.variable).toBe(missing);
    expect(error.message).toContain(missing);
    expect(error.message).not.toContain('secret_value');
  });

  it('DEFAULT_PAYMENT_PROVIDER naming a provider that is not configured', async () => {
    const error = await bootError({ DEFAULT_PAYMENT_PROVIDER: 'stripe' });
    expect(error.variable).toBe('DEFAULT_PAYMENT_PROVIDER');
  });

  it('DEFAULT_PAYMENT_PROVIDER=sandbox in production', async () => {
    const error = await bootError({
      ...stripe.env(),
      NODE_ENV: 'production',
      DEFAULT_PAYMENT_PROVIDER: 'sandbox',
    });
    expect(error.variable).toBe('DEFAULT_PAYMENT_PROVIDER');
  });
});

describe('OpenAPI', () => {
  it('documents every billing route, with its error bodies', async () => {
    const { paths } = (await base.http.get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>
      >;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(paths[path]?.[method]?.responses ?? {}).sort();
    expect(statuses('/api/billing/packs', 'get')).toEqual(['200']);
    expect(statuses('/api/billing/checkout-sessions', 'post')).toEqual([
      '201',
      '400',
      '401',
      '409',
      '422',
      '502',
    ]);
    expect(paths['/api/billing/checkout-sessions'].post.parameters?.map((p) => p.name)).toContain(
      'Idempotency-Key',
    );
    expect(statuses('/api/billing/orders', 'get')).toEqual(['200', '400', '401']);
    expect(statuses('/api/billing/orders/{id}', 'get')).toEqual(['200', '401', '404']);
    expect(statuses('/api/billing/address', 'get')).toEqual(['200', '401', '404']);
    expect(statuses('/api/billing/address', 'put')).toEqual(['200', '400', '401']);
  });
});
