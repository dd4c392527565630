import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tracingSettings } from '../telemetry/tracing.js';
import { loadAppConfig } from './app-config.js';

type Env = Record<string, string | undefined>;

/** The variables `read` asks `env` for, whatever it answers. */
function variablesRead(read: (env: Env) => unknown, values: Env): Set<string> {
  const seen = new Set<string>();
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') seen.add(name);
      return target[name as string];
    },
  });
  read(env);
  return seen;
}

/** Every variable .env.example names, commented out or not (`NAME=` at the start of a line). */
function documentedVariables(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
}

/**
 * Environments that together make the loader read every variable it knows: some are only read when
 * another is set (STRIPE_API_URL with Stripe configured, OTEL_SERVICE_NAME with an endpoint).
 */
const ENVIRONMENTS: Env[] = [
  {},
  {
    STRIPE_SECRET_KEY: 'sk_test_x',
    STRIPE_WEBHOOK_SECRET: 'whsec_x',
    DODO_PAYMENTS_API_KEY: 'dodo_x',
    DODO_PAYMENTS_WEBHOOK_KEY: 'whsec_x',
    DODO_CREDITS_PRODUCT_ID: 'pdt_x',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
  },
];

describe('.env.example', () => {
  it('documents exactly the variables the service reads', () => {
    const read = new Set<string>();
    for (const env of ENVIRONMENTS) {
      for (const name of variablesRead(loadAppConfig, env)) read.add(name);
      for (const name of variablesRead(tracingSettings, env)) read.add(name);
    }
    const documented = documentedVariables();
    expect([...new Set(documented)].sort()).toEqual([...read].sort());
  });

  it('is a configuration the loader accepts as it stands (the uncommented lines)', () => {
    const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const env = Object.fromEntries(
      [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
    expect(() => loadAppConfig(env)).not.toThrow();
  });
});
