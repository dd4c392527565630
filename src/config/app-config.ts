import { isIP } from 'node:net';

/**
 * The one validated, typed configuration of the service (README.md, "Configuration"), read once at boot.
 * `loadAppConfig` throws a ConfigurationError naming the first bad variable; it never echoes a value,
 * so secrets cannot leak through a boot error.
 */
import { PaymentProvider } from '../generated/prisma/enums.js';

/** The providers, from the database enum (the one list), in the order of preference for the default. */
export type PaymentProviderName = PaymentProvider;
export const PAYMENT_PROVIDERS: readonly PaymentProviderName[] = Object.values(PaymentProvider);
type DodoEnvironment = 'test_mode' | 'live_mode';

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Set in tests and with stripe-mock; unset means Stripe's own API. */
  apiUrl?: URL;
}

export interface DodoConfig {
  apiKey: string;
  webhookKey: string;
  environment: DodoEnvironment;
  /** Set in tests; when set, `environment` is not passed to the SDK (the two together throw). */
  baseUrl?: string;
  creditsProductId: string;
  /**
   * The on-demand subscription product that saves a card and charges it off-session (auto top-up).
   * Unset: Dodo cannot save a payment method, and auto top-up answers AUTO_TOP_UP_UNSUPPORTED for it.
   */
  autoTopUpProductId?: string;
}

export interface AppConfig {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  /** Unset: an embedded PostgreSQL is started with its data under `embeddedDataDir`. */
  databaseUrl?: string;
  databasePoolSize: number;
  embeddedDataDir: string;
  migrateOnBoot: boolean;
  jwt: { secret: string; expiresInSeconds: number; usingDevelopmentSecret: boolean };
  adminEmails: ReadonlySet<string>;
  publicUrl: string;
  creditsPerUnit: number;
  payments: {
    stripe?: StripeConfig;
    dodo?: DodoConfig;
    sandboxEnabled: boolean;
    /** Providers that can take a checkout, in preference order. */
    enabled: PaymentProviderName[];
    defaultProvider: PaymentProviderName | undefined;
    /** How long a provider call may take before the checkout fails with 502. */
    timeoutMs: number;
  };
  reconcile: { intervalSeconds: number; minAgeMinutes: number; driftReportIntervalSeconds: number };
  /** Seconds between runs of the auto top-up worker (0: never). */
  autoTopUpIntervalSeconds: number;
  /** Seconds between runs of the job that retries owed payment method detaches (0: never). */
  paymentMethodDetachIntervalSeconds: number;
  reservations: { sweepIntervalSeconds: number };
  /** Credit grants: expiry and the promotional signup bonus (README, "Wallets and grants"). */
  grants: {
    /** 0 = no bonus. */
    signupBonusCredits: number;
    /** 0 = the bonus never expires. */
    signupBonusExpiresInDays: number;
    /** Unset: purchased credits never expire. */
    purchasedCreditsExpireInDays?: number;
    /** How often grants past expiry are written off; 0 = never (tests drive the sweep themselves). */
    expiryIntervalSeconds: number;
    /** The "expiring soon" horizon of the balance. */
    expiryNoticeDays: number;
  };
  redisUrl?: string;
  /** Login and registration attempts per client IP per minute. */
  authRateLimitPerMinute: number;
  logLevel: string;
  /** Bearer token `/metrics` requires; unset: the endpoint is open (keep it off the public network). */
  metricsToken?: string;
  /** Express's `trust proxy` setting: which hops in front of the service may set X-Forwarded-For. */
  trustProxy: TrustProxy;
  /** Origins allowed by CORS; empty: no CORS headers, so browsers allow the service's own origin only. */
  corsOrigins: string[];
  /** Outgoing events (docs/events.md). */
  events: EventsConfig;
}

interface EventsConfig {
  /** Delay before each retry of a failed delivery; after the last one a delivery is FAILED. */
  retryScheduleMs: number[];
  deliveryTimeoutMs: number;
  /** Lifts the production rule (https only, no private or loopback addresses) for endpoint URLs. */
  allowPrivateEndpoints: boolean;
  /** How often an idle dispatcher looks for due deliveries; 0 = this instance does not dispatch. */
  dispatchIntervalMs: number;
  /** Deliveries one instance has in flight at once. */
  dispatchConcurrency: number;
  /** `balance.low` fires when remaining falls below each of these (ascending, distinct). */
  lowBalanceThresholds: number[];
}

/** `false` (off), `true` (every hop: only behind a proxy that overwrites the header), a hop count, or addresses. */
type TrustProxy = boolean | number | string;

export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigurationError';
  }
}

export const DEVELOPMENT_JWT_SECRET = 'forge-credits-development-secret-do-not-use-in-production';

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigurationError(name, `must be an integer between ${min} and ${max}`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigurationError(name, 'must be true or false');
}

function url(env: Env, name: string, protocols: string[]): URL | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (protocols.includes(parsed.protocol)) return parsed;
  } catch {
    // reported below
  }
  throw new ConfigurationError(name, `must be a ${protocols.join(' or ')} URL`);
}

/** Parses `1h`, `15m`, `30s`, `2d` or a plain number of seconds. */
function duration(env: Env, name: string, fallback: string): number {
  const raw = read(env, name) ?? fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw);
  if (!match || Number(match[1]) === 0) {
    throw new ConfigurationError(name, 'must be a duration such as 3600, 15m, 1h or 7d');
  }
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** `5s,5m,2h` (units ms, s, m, h, d) in milliseconds. */
function durationList(env: Env, name: string, fallback: string): number[] {
  const raw = read(env, name) ?? fallback;
  const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  return raw.split(',').map((item) => {
    const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(item.trim());
    if (!match)
      throw new ConfigurationError(name, 'must be a comma-separated list of durations such as 5s,5m,2h');
    return Number(match[1]) * units[match[2] as keyof typeof units];
  });
}

/** `10,5` → [5, 10]: distinct positive integers. */
function integerSet(env: Env, name: string, fallback: string): number[] {
  const raw = read(env, name) ?? fallback;
  const values = raw.split(',').map((item) => item.trim());
  if (values.some((value) => !/^\d{1,9}$/.test(value) || Number(value) < 1)) {
    throw new ConfigurationError(name, 'must be a comma-separated list of positive integers');
  }
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}

/** Both variables or neither: half a provider configuration is a mistake worth stopping the boot for. */
function allOrNone(env: Env, names: string[]): Record<string, string> | undefined {
  const present = names.filter((name) => read(env, name) !== undefined);
  if (present.length === 0) return undefined;
  const missing = names.find((name) => read(env, name) === undefined);
  if (missing) {
    throw new ConfigurationError(
      missing,
      `is required when ${present.join(' and ')} ${present.length > 1 ? 'are' : 'is'} set`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, read(env, name)!]));
}

/** Express's own names for address ranges (proxy-addr). */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxy(env: Env): TrustProxy {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw) && Number(raw) <= 10) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (PROXY_RANGES.has(entry)) return true;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (!family || rest.length) return false;
    if (bits === undefined) return true;
    return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  if (!valid) {
    throw new ConfigurationError(
      'TRUST_PROXY',
      'must be true, false, a hop count (0-10), or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    );
  }
  return entries.join(',');
}

function corsOrigins(env: Env): string[] {
  const raw = read(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin: URL | undefined;
      try {
        origin = new URL(entry);
      } catch {
        // reported below
      }
      // An origin is scheme, host and port only: a path would never match a browser's Origin header.
      if (
        !origin ||
        !['http:', 'https:'].includes(origin.protocol) ||
        origin.origin !== entry.replace(/\/$/, '')
      ) {
        throw new ConfigurationError(
          'CORS_ORIGINS',
          'must be a comma-separated list of origins such as https://app.example.com',
        );
      }
      return origin.origin;
    });
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const nodeEnv = read(env, 'NODE_ENV') ?? 'development';
  const isProduction = nodeEnv === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65535);

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])?.toString();

  const jwtSecret = read(env, 'JWT_SECRET');
  if (!jwtSecret && isProduction)
    throw new ConfigurationError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (jwtSecret && jwtSecret.length < 32 && isProduction) {
    throw new ConfigurationError('JWT_SECRET', 'must be at least 32 characters when NODE_ENV=production');
  }

  const adminEmails = new Set(
    (read(env, 'ADMIN_EMAILS') ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const email of adminEmails) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw new ConfigurationError('ADMIN_EMAILS', 'must be a comma-separated list of emails');
  }

  const publicUrl = (
    url(env, 'PUBLIC_URL', ['http:', 'https:'])?.toString() ?? `http://localhost:${port}`
  ).replace(/\/$/, '');

  const stripeVars = allOrNone(env, ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  const stripe: StripeConfig | undefined = stripeVars && {
    secretKey: stripeVars.STRIPE_SECRET_KEY,
    webhookSecret: stripeVars.STRIPE_WEBHOOK_SECRET,
    apiUrl: url(env, 'STRIPE_API_URL', ['http:', 'https:']),
  };

  const dodoVars = allOrNone(env, [
    'DODO_PAYMENTS_API_KEY',
    'DODO_PAYMENTS_WEBHOOK_KEY',
    'DODO_CREDITS_PRODUCT_ID',
  ]);
  const dodoEnvironment = read(env, 'DODO_PAYMENTS_ENVIRONMENT') ?? 'test_mode';
  if (dodoEnvironment !== 'test_mode' && dodoEnvironment !== 'live_mode') {
    throw new ConfigurationError('DODO_PAYMENTS_ENVIRONMENT', 'must be test_mode or live_mode');
  }
  const dodoAutoTopUpProductId = read(env, 'DODO_AUTO_TOP_UP_PRODUCT_ID');
  if (dodoAutoTopUpProductId && !dodoVars) {
    throw new ConfigurationError(
      'DODO_AUTO_TOP_UP_PRODUCT_ID',
      'is set but Dodo is not (DODO_PAYMENTS_API_KEY, DODO_PAYMENTS_WEBHOOK_KEY, DODO_CREDITS_PRODUCT_ID)',
    );
  }
  const dodo: DodoConfig | undefined = dodoVars && {
    apiKey: dodoVars.DODO_PAYMENTS_API_KEY,
    webhookKey: dodoVars.DODO_PAYMENTS_WEBHOOK_KEY,
    creditsProductId: dodoVars.DODO_CREDITS_PRODUCT_ID,
    autoTopUpProductId: dodoAutoTopUpProductId,
    environment: dodoEnvironment,
    baseUrl: url(env, 'DODO_PAYMENTS_BASE_URL', ['http:', 'https:'])?.toString().replace(/\/$/, ''),
  };

  const requestedDefault = read(env, 'DEFAULT_PAYMENT_PROVIDER');
  if (
    requestedDefault !== undefined &&
    !PAYMENT_PROVIDERS.includes(requestedDefault as PaymentProviderName)
  ) {
    throw new ConfigurationError('DEFAULT_PAYMENT_PROVIDER', 'must be stripe, dodo or sandbox');
  }
  if (requestedDefault === 'sandbox' && isProduction) {
    throw new ConfigurationError('DEFAULT_PAYMENT_PROVIDER', 'cannot be sandbox when NODE_ENV=production');
  }
  if (requestedDefault === 'stripe' && !stripe) {
    throw new ConfigurationError(
      'DEFAULT_PAYMENT_PROVIDER',
      'is stripe but STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are not set',
    );
  }
  if (requestedDefault === 'dodo' && !dodo) {
    throw new ConfigurationError(
      'DEFAULT_PAYMENT_PROVIDER',
      'is dodo but the DODO_PAYMENTS_* variables are not set',
    );
  }
  const sandboxEnabled = !isProduction;
  const enabled = PAYMENT_PROVIDERS.filter((name) =>
    name === 'stripe' ? !!stripe : name === 'dodo' ? !!dodo : sandboxEnabled,
  );
  const defaultProvider = (requestedDefault as PaymentProviderName | undefined) ?? enabled[0];

  return {
    nodeEnv,
    isProduction,
    port,
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    embeddedDataDir: read(env, 'EMBEDDED_POSTGRES_DIR') ?? '.data/postgres',
    migrateOnBoot: boolean(env, 'MIGRATE_ON_BOOT', true),
    jwt: {
      secret: jwtSecret ?? DEVELOPMENT_JWT_SECRET,
      expiresInSeconds: duration(env, 'JWT_EXPIRES_IN', '1h'),
      usingDevelopmentSecret: !jwtSecret,
    },
    adminEmails,
    publicUrl,
    creditsPerUnit: integer(env, 'CREDITS_PER_UNIT', 50, 1, 50_000),
    payments: {
      stripe,
      dodo,
      sandboxEnabled,
      enabled,
      defaultProvider,
      timeoutMs: integer(env, 'PAYMENT_PROVIDER_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    autoTopUpIntervalSeconds: integer(env, 'AUTO_TOP_UP_INTERVAL_SECONDS', 5, 0, 3_600),
    paymentMethodDetachIntervalSeconds: integer(env, 'PAYMENT_METHOD_DETACH_INTERVAL_SECONDS', 60, 0, 86_400),
    reconcile: {
      intervalSeconds: integer(env, 'RECONCILE_INTERVAL_SECONDS', 300, 0, 86_400),
      minAgeMinutes: integer(env, 'RECONCILE_MIN_AGE_MINUTES', 10, 0, 4_320),
      driftReportIntervalSeconds: integer(env, 'DRIFT_REPORT_INTERVAL_SECONDS', 3_600, 0, 604_800),
    },
    reservations: { sweepIntervalSeconds: integer(env, 'RESERVATION_SWEEP_INTERVAL_SECONDS', 30, 0, 86_400) },
    grants: {
      signupBonusCredits: integer(env, 'SIGNUP_BONUS_CREDITS', 0, 0, 1_000_000),
      signupBonusExpiresInDays: integer(env, 'SIGNUP_BONUS_EXPIRES_IN_DAYS', 30, 0, 36_500),
      purchasedCreditsExpireInDays:
        read(env, 'PURCHASED_CREDITS_EXPIRE_IN_DAYS') === undefined
          ? undefined
          : integer(env, 'PURCHASED_CREDITS_EXPIRE_IN_DAYS', 0, 1, 36_500),
      expiryIntervalSeconds: integer(env, 'GRANT_EXPIRY_INTERVAL_SECONDS', 60, 0, 86_400),
      expiryNoticeDays: integer(env, 'EXPIRY_NOTICE_DAYS', 7, 0, 3_650),
    },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'])?.toString(),
    authRateLimitPerMinute: integer(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 20, 1, 1_000_000),
    logLevel: read(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    metricsToken: read(env, 'METRICS_TOKEN'),
    trustProxy: trustProxy(env),
    corsOrigins: corsOrigins(env),
    events: {
      retryScheduleMs: durationList(env, 'EVENT_RETRY_SCHEDULE', '5s,5m,30m,2h,5h,10h,10h'),
      deliveryTimeoutMs: integer(env, 'EVENT_DELIVERY_TIMEOUT_MS', 10_000, 100, 120_000),
      allowPrivateEndpoints: boolean(env, 'EVENT_ENDPOINTS_ALLOW_PRIVATE', false),
      dispatchIntervalMs: integer(env, 'EVENT_DISPATCH_INTERVAL_MS', 250, 0, 3_600_000),
      dispatchConcurrency: integer(env, 'EVENT_DISPATCH_CONCURRENCY', 16, 1, 1_000),
      lowBalanceThresholds: integerSet(env, 'LOW_BALANCE_THRESHOLDS', '10'),
    },
  };
}
