import type { BenchContext } from './bench-context.js';
import { bearer } from './bench-context.js';
import type { BenchSeeder } from './bench-seed.js';
import { count2xx, runLoad } from './load-driver.js';
import { check, fromLoad, type ScenarioResult } from './scenario-result.js';

const SHORT_HISTORY = 1_000;
const KEYSET_INDEX = 'CreditTransaction_walletId_createdAt_id_idx';

/**
 * Ledger rows for one wallet, written with SQL (as the issue asks), newest last; creditsTotal and one
 * grant of the same size follow, so the wallet's books still balance.
 */
async function seedHistory(
  ctx: BenchContext,
  userId: string,
  walletId: string,
  rows: number,
): Promise<number> {
  const started = performance.now();
  await ctx.db.query(
    `INSERT INTO "CreditTransaction" (id, "walletId", "userId", type, amount, "balanceAfter", reference, description, "createdAt")
     SELECT gen_random_uuid(), $3::uuid, $1::uuid, 'GRANT', 1, g, 'bench-history:' || g, 'Benchmark history',
            now() - make_interval(secs => ($2::int - g) / 100.0)
     FROM generate_series(1, $2::int) AS g`,
    [userId, rows, walletId],
  );
  await ctx.db.query(
    `WITH grant_row AS (
       INSERT INTO "CreditGrant" (id, "walletId", source, category, amount, remaining, reference)
       VALUES (gen_random_uuid(), $1::uuid, 'ADMIN_GRANT', 'PAID', $2, $2, 'bench-history')
     )
     UPDATE "Wallet" SET "creditsTotal" = "creditsTotal" + $2 WHERE id = $1::uuid`,
    [walletId, rows],
  );
  return performance.now() - started;
}

/** EXPLAIN ANALYZE of the first page exactly as CreditsRepository.listTransactions asks for it (limit + 1). */
async function explainFirstPage(ctx: BenchContext, walletId: string): Promise<string> {
  const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS)
     SELECT id, type, amount, "balanceAfter", description, "orderId", "createdAt"
     FROM "CreditTransaction"
     WHERE "walletId" = $1::uuid
     ORDER BY "createdAt" DESC, id DESC
     LIMIT $2`,
    [walletId, 21],
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * E: the balance and the first transactions page, for a user with 1,000 ledger rows and one with
 * `longHistoryRows`, 4 connections each, alternately. Neither query may grow with the history: the
 * balance is one row by primary key, the page a keyset scan of the (walletId, createdAt DESC, id DESC) index.
 */
export async function growthScenario(ctx: BenchContext, seeder: BenchSeeder): Promise<ScenarioResult[]> {
  const users = await seeder.cohort('history', 6, 2, 0);
  const [shortUser, longUser] = [0, 1];
  const seedMs = [
    await seedHistory(ctx, users.ids[shortUser], users.walletIds[shortUser], SHORT_HISTORY),
    await seedHistory(ctx, users.ids[longUser], users.walletIds[longUser], ctx.sizes.longHistoryRows),
  ];
  // As after any bulk load: fresh statistics and a visibility map, so autovacuum does not run mid-measurement.
  await ctx.db.query('VACUUM ANALYZE "CreditTransaction"');
  const plans = [
    await explainFirstPage(ctx, users.walletIds[shortUser]),
    await explainFirstPage(ctx, users.walletIds[longUser]),
  ];

  const endpoints = [
    { name: 'balance', path: '/api/credits/balance' },
    { name: 'transactions (first page)', path: '/api/credits/transactions?limit=20' },
  ];
  const histories = [
    { user: shortUser, rows: SHORT_HISTORY },
    { user: longUser, rows: ctx.sizes.longHistoryRows },
  ];
  const results: ScenarioResult[] = [];
  for (const endpoint of endpoints) {
    const measured = [];
    for (const history of histories) {
      const token = users.tokens[history.user];
      const drive = (seconds: number) =>
        runLoad({
          baseUrl: ctx.baseUrl,
          connections: 4,
          durationSeconds: seconds,
          next: () => ({ method: 'GET', path: endpoint.path, headers: bearer(token) }),
        });
      await drive(1);
      ctx.rss.reset();
      const { result: load, usage } = await ctx.meter.measure(
        () => drive(ctx.sizes.growthSeconds),
        (result) => result.requests,
      );
      measured.push({ history, load, usage, peakRssMb: ctx.rss.peak() });
    }
    const [short, long] = measured;
    const p99Ratio = long.load.p99Ms / short.load.p99Ms;
    for (const run of measured) {
      const ok = count2xx(run.load.statuses);
      results.push({
        id: `E ${endpoint.name} @${run.history.rows.toLocaleString('en-US')}`,
        title: `E. Growth: GET ${endpoint.path.split('?')[0]}, ${run.history.rows.toLocaleString('en-US')} ledger rows`,
        setup: `GET ${endpoint.path}, one user with ${run.history.rows.toLocaleString('en-US')} ledger rows, 4 connections, ${ctx.sizes.growthSeconds} s`,
        ...fromLoad(run.load),
        peakRssMb: run.peakRssMb,
        usage: run.usage,
        checks: [
          check('every request answered 200', ok === run.load.requests, `${ok} of ${run.load.requests}`),
        ],
        extra: run === long ? { p99RatioToShortHistory: p99Ratio } : undefined,
      });
    }
  }
  const indexUsed = plans.every((plan) => plan.includes(KEYSET_INDEX));
  results[0].extra = {
    ...results[0].extra,
    seedMs,
    plans,
    keysetIndexUsed: indexUsed,
  };
  results[0].checks.push(
    check(`first page served by ${KEYSET_INDEX}`, indexUsed, indexUsed ? 'both plans' : 'see plans'),
  );
  return results;
}
