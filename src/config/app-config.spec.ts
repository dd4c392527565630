import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEVELOPMENT_JWT_SECRET, loadAppConfig } from './app-config.js';

type Env = Record<string, string | undefined>;

const PRODUCTION_SECRET = 'production-jwt-secret-0123456789abcdef';
const STRIPE = {
  STRIPE_SECRET_KEY: 'sk_live_supersecretstripekey',
  STRIPE_WEBHOOK_SECRET: 'whsec_supersecretwebhook',
};
const DODO = {
  DODO_PAYMENTS_API_KEY: 'dodo_supersecretapikey',
  DODO_PAYMENTS_WEBHOOK_KEY: 'whsec_dodosupersecret',
  DODO_CREDITS_PRODUCT_ID: 'pdt_credits',
};

/** The error loadAppConfig throws for `env`; fails the test when it does not throw one. */
function configurationError(env: Env): ConfigurationError {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error(`loadAppConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

describe('loadAppConfig', () => {
  it('gives the documented defaults for an empty development environment', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      port: 3000,
      databaseUrl: undefined,
      embeddedDataDir: '.data/postgres',
      migrateOnBoot: true,
      publicUrl: 'http://localhost:3000',
      creditsPerUnit: 50,
      redisUrl: undefined,
      logLevel: 'info',
    });
    expect(config.jwt).toEqual({
      secret: DEVELOPMENT_JWT_SECRET,
      expiresInSeconds: 3600,
      usingDevelopmentSecret: true,
    });
    expect([...config.adminEmails]).toEqual([]);
    expect(config.payments).toMatchObject({
      enabled: ['sandbox'],
      defaultProvider: 'sandbox',
      sandboxEnabled: true,
    });
  });

  it('reads every variable it is given', () => {
    const config = loadAppConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db.internal:5432/forge',
      JWT_SECRET: PRODUCTION_SECRET,
      JWT_EXPIRES_IN: '15m',
      ADMIN_EMAILS: ' Boss@Example.com , ops@example.com,',
      PUBLIC_URL: 'https://credits.example.com/',
      CREDITS_PER_UNIT: '100',
      REDIS_URL: 'redis://cache:6379',
      MIGRATE_ON_BOOT: 'false',
      ...STRIPE,
      ...DODO,
      DEFAULT_PAYMENT_PROVIDER: 'dodo',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://app:pw@db.internal:5432/forge');
    expect(config.jwt).toEqual({
      secret: PRODUCTION_SECRET,
      expiresInSeconds: 900,
      usingDevelopmentSecret: false,
    });
    expect([...config.adminEmails]).toEqual(['boss@example.com', 'ops@example.com']);
    expect(config.publicUrl).toBe('https://credits.example.com');
    expect(config.creditsPerUnit).toBe(100);
    expect(config.migrateOnBoot).toBe(false);
    expect(config.payments.enabled).toEqual(['stripe', 'dodo']);
    expect(config.payments.defaultProvider).toBe('dodo');
    expect(config.payments.sandboxEnabled).toBe(false);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/forge' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: 'forever' }],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: '0' }],
    ['ADMIN_EMAILS', { ADMIN_EMAILS: 'boss@example.com, not-an-email' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://example.com' }],
    ['CREDITS_PER_UNIT', { CREDITS_PER_UNIT: '-5' }],
    ['CREDITS_PER_UNIT', { CREDITS_PER_UNIT: '2.5' }],
    ['DEFAULT_PAYMENT_PROVIDER', { DEFAULT_PAYMENT_PROVIDER: 'paypal' }],
    ['DEFAULT_PAYMENT_PROVIDER', { DEFAULT_PAYMENT_PROVIDER: 'stripe' }],
    ['DEFAULT_PAYMENT_PROVIDER', { DEFAULT_PAYMENT_PROVIDER: 'dodo' }],
    ['DODO_PAYMENTS_ENVIRONMENT', { DODO_PAYMENTS_ENVIRONMENT: 'production' }],
    ['STRIPE_API_URL', { ...STRIPE, STRIPE_API_URL: 'localhost:12111' }],
    ['MIGRATE_ON_BOOT', { MIGRATE_ON_BOOT: 'yes please' }],
    ['PAYMENT_PROVIDER_TIMEOUT_MS', { PAYMENT_PROVIDER_TIMEOUT_MS: '10s' }],
    ['RECONCILE_INTERVAL_SECONDS', { RECONCILE_INTERVAL_SECONDS: 'often' }],
    ['RECONCILE_MIN_AGE_MINUTES', { RECONCILE_MIN_AGE_MINUTES: '-1' }],
    ['RESERVATION_SWEEP_INTERVAL_SECONDS', { RESERVATION_SWEEP_INTERVAL_SECONDS: '1e3' }],
    ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
  ])('names %s when it is malformed', (variable, env) => {
    const error = configurationError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it('requires JWT_SECRET when NODE_ENV=production, and a long one', () => {
    expect(configurationError({ NODE_ENV: 'production' }).variable).toBe('JWT_SECRET');
    expect(configurationError({ NODE_ENV: 'production', JWT_SECRET: '   ' }).variable).toBe('JWT_SECRET');
    const short = configurationError({ NODE_ENV: 'production', JWT_SECRET: 'short-secret' });
    expect(short.variable).toBe('JWT_SECRET');
    expect(short.message).not.toContain('short-secret');
    // Outside production the development secret is used, and flagged so main.ts warns.
    expect(loadAppConfig({ NODE_ENV: 'development' }).jwt.usingDevelopmentSecret).toBe(true);
    expect(loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET }).jwt.secret).toBe(
      PRODUCTION_SECRET,
    );
  });

  it.each([
    ['STRIPE_WEBHOOK_SECRET', { STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY }],
    ['STRIPE_SECRET_KEY', { STRIPE_WEBHOOK_SECRET: STRIPE.STRIPE_WEBHOOK_SECRET }],
    [
      'DODO_PAYMENTS_WEBHOOK_KEY',
      { DODO_PAYMENTS_API_KEY: DODO.DODO_PAYMENTS_API_KEY, DODO_CREDITS_PRODUCT_ID: 'pdt_x' },
    ],
    [
      'DODO_CREDITS_PRODUCT_ID',
      {
        DODO_PAYMENTS_API_KEY: DODO.DODO_PAYMENTS_API_KEY,
        DODO_PAYMENTS_WEBHOOK_KEY: DODO.DODO_PAYMENTS_WEBHOOK_KEY,
      },
    ],
    [
      'DODO_PAYMENTS_API_KEY',
      { DODO_PAYMENTS_WEBHOOK_KEY: DODO.DODO_PAYMENTS_WEBHOOK_KEY, DODO_CREDITS_PRODUCT_ID: 'pdt_x' },
    ],
  ])('stops the boot on half a provider configuration, naming the missing %s', (missing, env) => {
    expect(configurationError(env).variable).toBe(missing);
  });

  it('enables a provider only when all its variables are set, and prefers stripe, then dodo', () => {
    expect(loadAppConfig({ ...DODO }).payments).toMatchObject({
      enabled: ['dodo', 'sandbox'],
      defaultProvider: 'dodo',
    });
    expect(loadAppConfig({ ...STRIPE, ...DODO }).payments).toMatchObject({
      enabled: ['stripe', 'dodo', 'sandbox'],
      defaultProvider: 'stripe',
    });
    expect(loadAppConfig({ ...STRIPE }).payments.dodo).toBeUndefined();
    expect(
      loadAppConfig({ ...DODO, DODO_PAYMENTS_ENVIRONMENT: 'live_mode' }).payments.dodo?.environment,
    ).toBe('live_mode');
  });

  it('reads the Dodo auto top-up product only with Dodo configured; unset means no Dodo auto top-up', () => {
    expect(loadAppConfig({ ...DODO }).payments.dodo?.autoTopUpProductId).toBeUndefined();
    expect(
      loadAppConfig({ ...DODO, DODO_AUTO_TOP_UP_PRODUCT_ID: 'pdt_top_up' }).payments.dodo?.autoTopUpProductId,
    ).toBe('pdt_top_up');
    expect(configurationError({ DODO_AUTO_TOP_UP_PRODUCT_ID: 'pdt_top_up' }).variable).toBe(
      'DODO_AUTO_TOP_UP_PRODUCT_ID',
    );
  });

  it('refuses sandbox as the explicit default in production, and never enables it there', () => {
    const error = configurationError({
      NODE_ENV: 'production',
      JWT_SECRET: PRODUCTION_SECRET,
      ...STRIPE,
      DEFAULT_PAYMENT_PROVIDER: 'sandbox',
    });
    expect(error.variable).toBe('DEFAULT_PAYMENT_PROVIDER');
    const production = loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, ...STRIPE });
    expect(production.payments).toMatchObject({
      enabled: ['stripe'],
      defaultProvider: 'stripe',
      sandboxEnabled: false,
    });
    // Outside production sandbox may be chosen explicitly even with real providers configured.
    expect(loadAppConfig({ ...STRIPE, DEFAULT_PAYMENT_PROVIDER: 'sandbox' }).payments.defaultProvider).toBe(
      'sandbox',
    );
  });

  it('never puts a secret value into an error message', () => {
    const cases: Array<[Env, string[]]> = [
      [{ DATABASE_URL: 'postgresql://app:db-password-xyz@db:99999999/forge' }, ['db-password-xyz']],
      [{ DATABASE_URL: 'mysql://app:db-password-xyz@db/forge' }, ['db-password-xyz']],
      [{ STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY }, [STRIPE.STRIPE_SECRET_KEY]],
      [{ STRIPE_WEBHOOK_SECRET: STRIPE.STRIPE_WEBHOOK_SECRET }, [STRIPE.STRIPE_WEBHOOK_SECRET]],
      [{ DODO_PAYMENTS_API_KEY: DODO.DODO_PAYMENTS_API_KEY }, [DODO.DODO_PAYMENTS_API_KEY]],
      [{ DODO_PAYMENTS_WEBHOOK_KEY: DODO.DODO_PAYMENTS_WEBHOOK_KEY }, [DODO.DODO_PAYMENTS_WEBHOOK_KEY]],
      [{ NODE_ENV: 'production', JWT_SECRET: 'too-short-jwt-secret' }, ['too-short-jwt-secret']],
      [{ REDIS_URL: 'http://:redis-password-xyz@cache:6379' }, ['redis-password-xyz']],
      [
        { ...STRIPE, STRIPE_API_URL: 'not a url with sk_live_embedded' },
        [STRIPE.STRIPE_SECRET_KEY, 'sk_live_embedded'],
      ],
    ];
    for (const [env, secrets] of cases) {
      const error = configurationError(env);
      for (const secret of secrets) {
        expect(error.message, `message for ${error.variable}`).not.toContain(secret);
        expect(String(error.stack)).not.toContain(secret);
      }
    }
  });
});

describe('loadAppConfig: outgoing events', () => {
  it('defaults: the retry schedule 5s,5m,30m,2h,5h,10h,10h, a 10 s timeout, private endpoints refused, threshold 10', () => {
    expect(loadAppConfig({}).events).toEqual({
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      deliveryTimeoutMs: 10_000,
      allowPrivateEndpoints: false,
      dispatchIntervalMs: 250,
      dispatchConcurrency: 16,
      lowBalanceThresholds: [10],
    });
  });

  it('reads the variables', () => {
    const events = loadAppConfig({
      EVENT_RETRY_SCHEDULE: '200ms, 1s,2m',
      EVENT_DELIVERY_TIMEOUT_MS: '500',
      EVENT_ENDPOINTS_ALLOW_PRIVATE: 'true',
      LOW_BALANCE_THRESHOLDS: '100,10,50,10',
    }).events;
    expect(events).toMatchObject({
      retryScheduleMs: [200, 1_000, 120_000],
      deliveryTimeoutMs: 500,
      allowPrivateEndpoints: true,
      lowBalanceThresholds: [10, 50, 100],
    });
  });

  it.each([
    ['EVENT_RETRY_SCHEDULE', '5s,,5m'],
    ['EVENT_RETRY_SCHEDULE', '5 seconds'],
    ['EVENT_DELIVERY_TIMEOUT_MS', '0'],
    ['EVENT_ENDPOINTS_ALLOW_PRIVATE', 'yes'],
    ['LOW_BALANCE_THRESHOLDS', '10,-1'],
    ['LOW_BALANCE_THRESHOLDS', '0'],
  ])('names %s when it is %j', (variable, value) => {
    expect(configurationError({ [variable]: value }).variable).toBe(variable);
  });
});
