import type pg from 'pg';
import type { RssSampler } from './server-process.js';
import type { ResourceMeter } from './resource-usage.js';

/** Run lengths: the full run reproduces the table; --quick only proves every scenario still runs. */
export interface BenchSizes {
  warmupSeconds: number;
  /** A, C and the baseline under A. */
  spreadSeconds: number;
  /** B and the baseline under B send exactly this many requests; the hot user can pay for half. */
  hotRequests: number;
  pgbenchSeconds: number;
  /** D: deliveries, 20 % of them duplicates. */
  webhookDeliveries: number;
  /** E: the long history; the short one is always 1,000 rows. */
  longHistoryRows: number;
  growthSeconds: number;
  /** F: cold and warm starts each. */
  startups: number;
}

export const FULL: BenchSizes = {
  warmupSeconds: 5,
  spreadSeconds: 20,
  hotRequests: 20_000,
  pgbenchSeconds: 15,
  webhookDeliveries: 10_000,
  longHistoryRows: 1_000_000,
  growthSeconds: 8,
  startups: 2,
};

export const QUICK: BenchSizes = {
  warmupSeconds: 1,
  spreadSeconds: 3,
  hotRequests: 2_000,
  pgbenchSeconds: 3,
  webhookDeliveries: 1_000,
  longHistoryRows: 20_000,
  growthSeconds: 2,
  startups: 1,
};

export interface BenchContext {
  baseUrl: string;
  /** The benchmark database (seeding, checks, statistics). */
  db: pg.Pool;
  databaseUrl: string;
  meter: ResourceMeter;
  rss: RssSampler;
  sizes: BenchSizes;
  jwtSecret: string;
  stripeWebhookSecret: string;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
export const GENERATE_BODY = JSON.stringify({ prompt: 'A haiku about ledgers' });

export function bearer(token: string): Record<string, string> {
  return { ...JSON_HEADERS, authorization: `Bearer ${token}` };
}
