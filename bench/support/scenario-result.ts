import type { LoadResult } from './load-driver.js';
import type { UsageDelta } from './resource-usage.js';

/** One row of the results table, and everything measured to produce it. */
export interface ScenarioResult {
  id: string;
  title: string;
  /** What was driven: route, connections, users, length of the run. */
  setup: string;
  /** Requests (or events, or pgbench transactions) per second. */
  rps: number;
  p50Ms?: number;
  p99Ms?: number;
  requests: number;
  /** Responses by status outside 2xx; connection errors as `error`. */
  non2xx: Record<string, number>;
  /** Users with remaining < 0 that no clawback explains (undefined where no credits move). */
  overdrawnUsers?: number;
  /** Credits spent beyond what was there. */
  overdraftCredits?: number;
  peakRssMb?: number;
  /** Correctness checks of this scenario: every one must hold. */
  checks: { name: string; ok: boolean; detail: string }[];
  usage?: UsageDelta;
  /** Scenario-specific figures (start-up times, plans, …). */
  extra?: Record<string, unknown>;
}

export function fromLoad(
  load: LoadResult,
): Pick<ScenarioResult, 'rps' | 'p50Ms' | 'p99Ms' | 'requests' | 'non2xx'> {
  const non2xx = Object.fromEntries(
    Object.entries(load.statuses).filter(([status]) => !status.startsWith('2')),
  );
  if (load.errors > 0) non2xx.error = load.errors;
  return { rps: load.rps, p50Ms: load.p50Ms, p99Ms: load.p99Ms, requests: load.requests, non2xx };
}

export function check(name: string, ok: boolean, detail: string): ScenarioResult['checks'][number] {
  return { name, ok, detail };
}
