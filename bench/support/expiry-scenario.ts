import type { AppConfig } from '../../src/config/app-config.js';
import { LedgerRepository } from '../../src/credits/ledger.repository.js';
import { poolSqlClient } from '../../src/database/sql-client.js';
import type { SqlDatabase } from '../../src/database/sql-database.js';
import { type BenchContext, bearer, GENERATE_BODY } from './bench-context.js';
import { cohortState } from './bench-checks.js';
import type { BenchSeeder, Cohort } from './bench-seed.js';
import { count2xx, type LoadResult, runLoad } from './load-driver.js';
import { PRICED_PATH } from './credit-scenarios.js';
import { check, fromLoad, type ScenarioResult } from './scenario-result.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';

export const EXPIRING_PER_WALLET = 100;
const EXPIRING_AMOUNT = 10;
const SLICE_SECONDS = 5;
/** Seeded this long before they expire, so that the load starts on grants that are all past expiry. */
const LEAD_MS = 3_000;

/**
 * G: 100,000 grants (100 in each of 1,000 wallets) expire at the same instant; the sweep — the
 * service's own LedgerRepository.expireGrants, in its batches, as GrantExpirySweeper runs it — writes
 * them off while POST /api/ai/generate spends from the same wallets at full load. Measured: how long the
 * sweep takes, grants per second, and the request rate and p99 meanwhile. The sweep repeats until no
 * grant past expiry has available credits: a pass that found every due wallet locked by a request
 * (SKIP LOCKED) handles nothing, and the scheduled sweeper would simply pick those up a minute later.
 */
export async function expiryScenario(
  ctx: BenchContext,
  seeder: BenchSeeder,
  cohort: Cohort,
): Promise<ScenarioResult> {
  const expiresAt = new Date(Date.now() + LEAD_MS);
  const seeded = await seeder.expiringGrants(cohort, EXPIRING_PER_WALLET, EXPIRING_AMOUNT, expiresAt);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now() + 100)));
  const before = await cohortState(ctx.db, cohort.ids);

  const sql = poolSqlClient(ctx.db);
  const ledger = new LedgerRepository(
    sql as unknown as SqlDatabase,
    { grants: { expiryNoticeDays: 7 } } as unknown as AppConfig,
    new OutboxRepository({ events: { lowBalanceThresholds: [10] } } as unknown as AppConfig),
  );
  let sweepMs = 0;
  let passes = 0;
  let swept = 0;
  const sweep = async () => {
    const started = performance.now();
    for (;;) {
      passes++;
      let batch: number;
      do {
        batch = await ledger.expireGrants(500, sql);
        swept += batch;
      } while (batch > 0);
      const left = await pastExpiry(ctx, cohort);
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    sweepMs = performance.now() - started;
  };

  ctx.rss.reset();
  const tokens = cohort.tokens;
  const progress = { sweepDone: false };
  // The load runs in slices until the sweep is over (and for at least A's length), so the whole sweep
  // runs under spending; the slices are summed into one result.
  const drive = async (): Promise<LoadResult> => {
    const slices: LoadResult[] = [];
    let seconds = 0;
    while (!progress.sweepDone || seconds < ctx.sizes.spreadSeconds) {
      const slice = await runLoad({
        baseUrl: ctx.baseUrl,
        connections: 32,
        durationSeconds: SLICE_SECONDS,
        next: () => ({
          method: 'POST',
          path: PRICED_PATH,
          headers: bearer(tokens[Math.floor(Math.random() * tokens.length)]),
          body: GENERATE_BODY,
        }),
      });
      slices.push(slice);
      seconds += slice.seconds;
    }
    return combine(slices);
  };
  const [{ result: load, usage }] = await Promise.all([
    ctx.meter.measure(drive, (result) => result.requests),
    // Give the load a moment to reach full speed, then sweep under it.
    new Promise((resolve) => setTimeout(resolve, 500)).then(sweep).finally(() => {
      progress.sweepDone = true;
    }),
  ]);
  const peakRssMb = ctx.rss.peak();
  // Requests the driver stopped waiting for may still be queued behind the sweep's last wallet locks:
  // their settles land within moments of it.
  let after = await cohortState(ctx.db, cohort.ids);
  for (let waited = 0; after.creditsReserved !== 0 && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await cohortState(ctx.db, cohort.ids);
  }
  const successes = count2xx(load.statuses);
  const { rows } = await ctx.db.query<{ rows: number; credits: string }>(
    `SELECT COUNT(*)::int AS rows, COALESCE(-SUM(amount), 0)::bigint AS credits FROM "CreditTransaction"
     WHERE "walletId" = ANY($1::uuid[]) AND type = 'EXPIRATION'`,
    [cohort.walletIds],
  );
  const expirations = rows[0]!;
  const expected = seeded * EXPIRING_AMOUNT;
  const spent = after.creditsUsed - before.creditsUsed;
  return {
    id: 'G',
    title: `G. Expiry: ${seeded.toLocaleString('en-US')} grants expire at once, swept under A's load`,
    setup: `${cohort.size.toLocaleString('en-US')} wallets × ${EXPIRING_PER_WALLET} expired grants; POST ${PRICED_PATH}, 32 connections, until the sweep is over (≥ ${ctx.sizes.spreadSeconds} s); sweep batches of 500 grants`,
    ...fromLoad(load),
    overdrawnUsers: after.overdrawnUsers,
    overdraftCredits: after.overdraftCredits,
    peakRssMb,
    usage,
    extra: {
      grants: seeded,
      sweepSeconds: Number((sweepMs / 1000).toFixed(2)),
      grantsPerSecond: Math.round(seeded / (sweepMs / 1000)),
      sweepPasses: passes,
      grantsHandled: swept,
      loadSeconds: Number(load.seconds.toFixed(1)),
    },
    checks: [
      check('every request answered 201', successes === load.requests, `${successes} of ${load.requests}`),
      check(
        'one EXPIRATION row per grant, for all its credits',
        expirations.rows === seeded && Number(expirations.credits) === expected,
        `${expirations.rows} rows, ${expirations.credits} credits for ${seeded} grants of ${EXPIRING_AMOUNT}`,
      ),
      check(
        'no expired credit was spent',
        after.creditsTotal === before.creditsTotal - expected,
        `creditsTotal ${before.creditsTotal} → ${after.creditsTotal} (−${expected} expected); ${spent} spent from other grants`,
      ),
      check('no hold left behind', after.creditsReserved === 0, `creditsReserved ${after.creditsReserved}`),
      check('no overdraft', after.overdrawnUsers === 0, `${after.overdrawnUsers} users below zero`),
    ],
  };
}

async function pastExpiry(ctx: BenchContext, cohort: Cohort): Promise<number> {
  const { rows } = await ctx.db.query<{ left: number }>(
    `SELECT COUNT(*)::int AS left FROM "CreditGrant"
     WHERE "walletId" = ANY($1::uuid[]) AND status = 'ACTIVE' AND "expiresAt" <= now() AND remaining > held`,
    [cohort.walletIds],
  );
  return rows[0]?.left ?? 0;
}

/** Slices of one load as one result: totals summed; p50 the requests-weighted mean, p99 the worst slice's. */
function combine(slices: LoadResult[]): LoadResult {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const slice of slices)
    for (const [status, n] of Object.entries(slice.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50Ms: slices.reduce((sum, slice) => sum + slice.p50Ms * slice.requests, 0) / Math.max(requests, 1),
    p99Ms: Math.max(...slices.map((slice) => slice.p99Ms)),
    statuses,
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
  };
}
