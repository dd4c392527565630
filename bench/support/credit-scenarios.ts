import { type BenchContext, bearer, GENERATE_BODY } from './bench-context.js';
import { type CohortState, cohortState } from './bench-checks.js';
import type { Cohort } from './bench-seed.js';
import { count2xx, type LoadResult, runLoad } from './load-driver.js';
import { findPgbench, runPgbench } from './pgbench-ceiling.js';
import { check, fromLoad, type ScenarioResult } from './scenario-result.js';

const COST = 10;
export const PRICED_PATH = '/api/ai/generate';
const UNPRICED_PATH = '/api/bench/unpriced/ai/generate';
export const BASELINE_PATH = '/api/bench/baseline/ai/generate';

interface CreditRun {
  load: LoadResult;
  before: CohortState;
  after: CohortState;
  peakRssMb: number;
  usage: ScenarioResult['usage'];
}

/** POSTs the generate body to `path` as a random user of the cohort, between two balance snapshots. */
async function driveCredits(
  ctx: BenchContext,
  options: { path: string; cohort: Cohort; connections: number; seconds?: number; amount?: number },
): Promise<CreditRun> {
  const before = await cohortState(ctx.db, options.cohort.ids);
  ctx.rss.reset();
  const tokens = options.cohort.tokens;
  const { result: load, usage } = await ctx.meter.measure(
    () =>
      runLoad({
        baseUrl: ctx.baseUrl,
        connections: options.connections,
        durationSeconds: options.seconds,
        amount: options.amount,
        next: () => ({
          method: 'POST',
          path: options.path,
          headers: bearer(tokens[tokens.length === 1 ? 0 : Math.floor(Math.random() * tokens.length)]),
          body: GENERATE_BODY,
        }),
      }),
    (result) => result.requests,
  );
  const peakRssMb = ctx.rss.peak();
  const after = await cohortState(ctx.db, options.cohort.ids);
  return { load, before, after, peakRssMb, usage };
}

/** Not measured: lets V8 optimise the hot path and the pool open its connections before the first figure. */
export async function warmUp(ctx: BenchContext, cohort: Cohort): Promise<void> {
  for (const path of [PRICED_PATH, UNPRICED_PATH, BASELINE_PATH]) {
    await runLoad({
      baseUrl: ctx.baseUrl,
      connections: 32,
      durationSeconds: ctx.sizes.warmupSeconds,
      next: () => ({
        method: 'POST',
        path,
        headers: bearer(cohort.tokens[Math.floor(Math.random() * cohort.size)]),
        body: GENERATE_BODY,
      }),
    });
  }
}

/** A, and the baseline under A: 1,000 users with more credits than the run can spend, 32 connections. */
export async function spreadScenario(
  ctx: BenchContext,
  options: { id: string; title: string; path: string; cohort: Cohort },
): Promise<ScenarioResult> {
  const run = await driveCredits(ctx, {
    path: options.path,
    cohort: options.cohort,
    connections: 32,
    seconds: ctx.sizes.spreadSeconds,
  });
  const successes = count2xx(run.load.statuses);
  const spent = run.after.creditsUsed - run.before.creditsUsed;
  return {
    id: options.id,
    title: options.title,
    setup: `POST ${options.path}, ${options.cohort.size.toLocaleString('en-US')} users, 32 connections, ${ctx.sizes.spreadSeconds} s`,
    ...fromLoad(run.load),
    overdrawnUsers: run.after.overdrawnUsers,
    overdraftCredits: run.after.overdraftCredits,
    peakRssMb: run.peakRssMb,
    usage: run.usage,
    checks: [
      check(
        'every request answered 201',
        successes === run.load.requests,
        `${successes} of ${run.load.requests}`,
      ),
      // A run that stops on time drops the responses of the requests in flight; the server still charges them.
      check(
        'credits spent = 10 × charged requests',
        spent >= COST * successes && spent <= COST * (successes + 32),
        `${spent} spent for ${successes} × 201 and up to 32 requests in flight at the stop`,
      ),
      check(
        'no hold left behind',
        run.after.creditsReserved === 0,
        `creditsReserved ${run.after.creditsReserved}`,
      ),
      check('no overdraft', run.after.overdrawnUsers === 0, `${run.after.overdrawnUsers} users below zero`),
    ],
  };
}

/** C: the same route and load without @RequiresCredits. */
export async function unpricedScenario(ctx: BenchContext, cohort: Cohort): Promise<ScenarioResult> {
  const run = await driveCredits(ctx, {
    path: UNPRICED_PATH,
    cohort,
    connections: 32,
    seconds: ctx.sizes.spreadSeconds,
  });
  const successes = count2xx(run.load.statuses);
  return {
    id: 'C',
    title: 'C. Overhead: same route without @RequiresCredits',
    setup: `POST ${UNPRICED_PATH}, ${cohort.size.toLocaleString('en-US')} users, 32 connections, ${ctx.sizes.spreadSeconds} s`,
    ...fromLoad(run.load),
    peakRssMb: run.peakRssMb,
    usage: run.usage,
    checks: [
      check(
        'every request answered 201',
        successes === run.load.requests,
        `${successes} of ${run.load.requests}`,
      ),
      check(
        'no credits moved',
        run.after.creditsUsed === run.before.creditsUsed,
        `${run.after.creditsUsed - run.before.creditsUsed} spent`,
      ),
    ],
  };
}

/**
 * B, and the baseline under B: one user, 64 connections, exactly `hotRequests` requests and credits for
 * half of them. Correct charging answers exactly half 201 and half 402 and ends at remaining = 0.
 */
export async function hotScenario(
  ctx: BenchContext,
  options: { id: string; title: string; path: string; cohort: Cohort },
): Promise<ScenarioResult> {
  const requests = ctx.sizes.hotRequests;
  const run = await driveCredits(ctx, {
    path: options.path,
    cohort: options.cohort,
    connections: 64,
    amount: requests,
  });
  const successes = count2xx(run.load.statuses);
  const refused = run.load.statuses['402'] ?? 0;
  const affordable = run.before.creditsTotal / COST;
  const spent = run.after.creditsUsed - run.before.creditsUsed;
  const remaining = run.after.creditsTotal - run.after.creditsUsed - run.after.creditsReserved;
  return {
    id: options.id,
    title: options.title,
    setup: `POST ${options.path}, 1 user with ${run.before.creditsTotal.toLocaleString('en-US')} credits (${affordable.toLocaleString('en-US')} requests' worth), 64 connections, ${requests.toLocaleString('en-US')} requests`,
    ...fromLoad(run.load),
    overdrawnUsers: run.after.overdrawnUsers,
    overdraftCredits: run.after.overdraftCredits,
    peakRssMb: run.peakRssMb,
    usage: run.usage,
    checks: [
      check('every request answered', run.load.requests === requests, `${run.load.requests} of ${requests}`),
      check(
        'successes = initial credits / 10',
        successes === affordable,
        `${successes} × 201, ${affordable} affordable`,
      ),
      check(
        '402 for the rest',
        refused === requests - affordable,
        `${refused} × 402, expected ${requests - affordable}`,
      ),
      check('credits spent = 10 × successes', spent === COST * successes, `${spent} spent`),
      check('remaining ends at 0', remaining === 0, `remaining ${remaining}`),
      check(
        'no overdraft',
        run.after.overdrawnUsers === 0,
        `${run.after.overdraftCredits} credits overdrawn`,
      ),
      check(
        'one USAGE row per success',
        run.after.usageRows - run.before.usageRows === successes,
        `${run.after.usageRows - run.before.usageRows} rows`,
      ),
    ],
  };
}

/** The ceilings: pgbench running exactly hold + settle (see hold-settle-script.ts) on the benchmark database. */
export async function ceilingScenario(
  ctx: BenchContext,
  options: { id: string; title: string; script: string; clients: number; cohort: Cohort },
): Promise<ScenarioResult> {
  const pgbench = findPgbench();
  if (!pgbench) {
    return {
      id: options.id,
      title: options.title,
      setup: 'pgbench not found (set PGBENCH): not run',
      rps: Number.NaN,
      requests: 0,
      non2xx: {},
      checks: [],
    };
  }
  const before = await cohortState(ctx.db, options.cohort.ids);
  const { result, usage } = await ctx.meter.measure(
    () =>
      runPgbench({
        pgbench,
        url: ctx.databaseUrl,
        script: options.script,
        // The cohort's ids are consecutive: the script picks one of `users` from the first.
        variables: { first: options.cohort.ids[0].slice(-12), users: options.cohort.size },
        clients: options.clients,
        seconds: ctx.sizes.pgbenchSeconds,
      }),
    (run) => run.transactions,
  );
  const after = await cohortState(ctx.db, options.cohort.ids);
  const spent = after.creditsUsed - before.creditsUsed;
  return {
    id: options.id,
    title: options.title,
    setup: `${result.command} (${options.cohort.size.toLocaleString('en-US')} user${options.cohort.size > 1 ? 's' : ''})`,
    rps: result.tps,
    requests: result.transactions,
    non2xx: result.failed ? { failed: result.failed } : {},
    overdrawnUsers: after.overdrawnUsers,
    usage,
    checks: [
      check(
        'every transaction charged 10',
        spent === COST * result.transactions,
        `${spent} spent in ${result.transactions} transactions`,
      ),
      check('no hold left behind', after.creditsReserved === 0, `creditsReserved ${after.creditsReserved}`),
    ],
    extra: { latencyAverageMs: result.latencyAverageMs },
  };
}
