import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { ScenarioResult } from './scenario-result.js';

export interface Ratio {
  name: string;
  value: number;
}

export interface Target {
  name: string;
  /** Undefined when the scenario did not run. */
  met: boolean | undefined;
  measured: string;
}

export interface BenchReport {
  date: string;
  mode: 'full' | 'quick';
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    postgres: string;
    database: string;
  };
  server: { databasePoolSize: number; logLevel: string };
  results: ScenarioResult[];
  ratios: Ratio[];
  targets: Target[];
  /** Product correctness checks that failed (overdraft, invariant, exactly-once); the baseline's are expected. */
  violations: string[];
}

const find = (results: ScenarioResult[], id: string) => results.find((result) => result.id === id);

/** A ÷ C in a full run of the counters-on-User code (2026-12-01), before wallets and grants. */
const A_OVER_C_BEFORE_GRANTS = 0.39;

export function ratiosOf(results: ScenarioResult[]): Ratio[] {
  const rps = (id: string) => find(results, id)?.rps ?? Number.NaN;
  return [
    { name: 'A ÷ pgbench ceiling', value: rps('A') / rps('ceiling A') },
    { name: 'B ÷ one-row pgbench ceiling', value: rps('B') / rps('ceiling B') },
    { name: 'A ÷ C (price of @RequiresCredits)', value: rps('A') / rps('C') },
    { name: 'A ÷ baseline under A', value: rps('A') / rps('baseline A') },
    { name: 'B ÷ baseline under B', value: rps('B') / rps('baseline B') },
  ];
}

export function targetsOf(results: ScenarioResult[], ratios: Ratio[]): Target[] {
  const ratio = (name: string) => ratios.find((r) => r.name.startsWith(name))?.value ?? Number.NaN;
  const pct = (value: number) => `${(100 * value).toFixed(0)} %`;
  const a = find(results, 'A');
  const b = find(results, 'B');
  const d = find(results, 'D');
  const fCold = find(results, 'F cold');
  const targets: Target[] = [];
  targets.push({
    name: 'A ≥ 70 % of the pgbench ceiling',
    met: ratio('A ÷ pgbench') >= 0.7,
    measured: pct(ratio('A ÷ pgbench')),
  });
  // Issue 11: wallets and grants may cost at most 15 % of A ÷ C as measured on the counters (0.39, 2026-12-01).
  targets.push({
    name: `A ÷ C ≥ ${(A_OVER_C_BEFORE_GRANTS * 0.85).toFixed(2)} (at most 15 % below ${A_OVER_C_BEFORE_GRANTS} before grants)`,
    met: ratio('A ÷ C') >= A_OVER_C_BEFORE_GRANTS * 0.85,
    measured: `${ratio('A ÷ C').toFixed(2)} (${pct(ratio('A ÷ C') / A_OVER_C_BEFORE_GRANTS - 1)} against ${A_OVER_C_BEFORE_GRANTS})`,
  });
  const g = find(results, 'G');
  targets.push({
    name: 'G: 100,000 expired grants swept under load, each written off once, nothing expired spent',
    met: !!g && g.checks.every((c) => c.ok),
    measured: g
      ? `${Number(g.extra?.sweepSeconds)} s (${Number(g.extra?.grantsPerSecond).toLocaleString('en-US')} grants/s) while serving ${g.rps.toFixed(0)} req/s`
      : 'not run',
  });
  const bCorrect = !!b && b.checks.every((c) => c.ok);
  targets.push({
    name: 'B: zero overdraft, exact 201/402 counts',
    met: bCorrect,
    measured: b
      ? `${b.overdraftCredits ?? 0} credits overdrawn; ${
          b.checks
            .filter((c) => !c.ok)
            .map((c) => c.name)
            .join(', ') || 'all checks hold'
        }`
      : 'not run',
  });
  targets.push({
    name: 'B ≥ 50 % of the one-row ceiling',
    met: ratio('B ÷ one-row') >= 0.5,
    measured: pct(ratio('B ÷ one-row')),
  });
  const dExact = !!d && d.checks.every((c) => c.ok);
  targets.push({
    name: 'D ≥ 500 events/s, exactly-once',
    met: !!d && d.rps >= 500 && dExact,
    measured: d ? `${d.rps.toFixed(0)} events/s; ${dExact ? 'exactly once' : 'NOT exactly once'}` : 'not run',
  });
  for (const endpoint of ['balance', 'transactions (first page)']) {
    const long = results.find(
      (r) => r.id.startsWith(`E ${endpoint} @`) && r.extra?.p99RatioToShortHistory !== undefined,
    );
    const value = Number(long?.extra?.p99RatioToShortHistory ?? Number.NaN);
    targets.push({
      name: `E ${endpoint}: p99 at long history ≤ 1.5 × p99 at 1,000 rows`,
      met: value <= 1.5,
      measured: `${value.toFixed(2)} ×`,
    });
  }
  targets.push({
    name: 'Server RSS ≤ 250 MB under A',
    met: !!a?.peakRssMb && a.peakRssMb <= 250,
    measured: `${a?.peakRssMb?.toFixed(0) ?? '?'} MB`,
  });
  const coldWorst = Number(fCold?.extra?.worstMs ?? Number.NaN);
  targets.push({
    name: 'F ≤ 5 s cold (embedded PostgreSQL)',
    met: coldWorst <= 5_000,
    measured: `${(coldWorst / 1000).toFixed(2)} s (worst of ${fCold?.requests ?? 0})`,
  });
  // A target whose figure could not be measured (scenario not run, pgbench missing) is not run, not missed.
  return targets.map((target) =>
    /NaN|not run|\?/.test(target.measured) ? { ...target, met: undefined, measured: 'not run' } : target,
  );
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function statusText(non2xx: Record<string, number>): string {
  const entries = Object.entries(non2xx);
  return entries.length
    ? entries.map(([status, n]) => `${status}: ${n.toLocaleString('en-US')}`).join(', ')
    : '0';
}

function overdraftText(result: ScenarioResult): string {
  if (result.overdrawnUsers === undefined) return '—';
  if (result.overdrawnUsers === 0) return '0';
  return `${result.overdrawnUsers} users, ${fmt(result.overdraftCredits)} credits`;
}

function checksText(result: ScenarioResult): string {
  if (result.checks.length === 0) return '';
  const failed = result.checks.filter((c) => !c.ok);
  return failed.length
    ? `FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`
    : `${result.checks.length} ok`;
}

function rows(results: ScenarioResult[]): string[][] {
  return results.map((r) => [
    r.id,
    r.id.startsWith('F') ? `${fmt(Number(r.extra?.medianMs) / 1000, 2)} s` : fmt(r.rps),
    fmt(r.p50Ms, 2),
    fmt(r.p99Ms, 2),
    statusText(r.non2xx),
    overdraftText(r),
    fmt(r.peakRssMb),
    checksText(r),
  ]);
}

const HEADER = [
  'scenario',
  'req/s (F: start)',
  'p50 ms',
  'p99 ms',
  'non-2xx',
  'overdrafts',
  'peak RSS MB',
  'checks',
];

export function textTable(results: ScenarioResult[]): string {
  const table = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}

function markdownTable(results: ScenarioResult[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [HEADER, HEADER.map(() => '---'), ...rows(results)]
    .map((row) => `| ${row.map(escape).join(' | ')} |`)
    .join('\n');
}

function usageTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'machine CPU busy',
    'server CPU ms/req',
    'PostgreSQL CPU ms/req',
    'load generator CPU ms/req',
    'statements/req',
    'write transactions/req',
    'WAL bytes/req',
    'server heap used / total MB',
  ];
  const body = results
    .filter((r) => r.usage)
    .map((r) => {
      const u = r.usage!;
      return [
        r.id,
        `${fmt(u.machineBusyPct)} %`,
        fmt(u.serverCpuMsPerOp, 3),
        fmt(u.postgresCpuMsPerOp, 3),
        fmt(u.loadGeneratorCpuMsPerOp, 3),
        fmt(u.statementsPerOp, 2),
        fmt(u.writeTransactionsPerOp, 2),
        fmt(u.walBytesPerOp),
        u.serverMemoryMb ? `${u.serverMemoryMb.heapUsed} / ${u.serverMemoryMb.heapTotal}` : '—',
      ];
    });
  return [header, header.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const BEGIN_MARKER =
  '<!-- bench:results:begin (generated by `npm run bench`; edit outside these markers) -->';
const END_MARKER = '<!-- bench:results:end -->';

function resultsMarkdown(report: BenchReport): string {
  const e = report.results.find((r) => r.extra?.plans);
  const plans = (e?.extra?.plans as string[] | undefined) ?? [];
  const lines = [
    BEGIN_MARKER,
    '',
    `Measured ${report.date} with \`${report.command}\`.`,
    '',
    `Machine: ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.machine.memoryGiB} GiB memory; Node ${report.machine.node}; ${report.machine.postgres} (${report.machine.database}).`,
    `Server: the production build, NODE_ENV=production, LOG_LEVEL=${report.server.logLevel}, DATABASE_POOL_SIZE=${report.server.databasePoolSize}; the load generator (autocannon), the server and PostgreSQL share the same ${report.machine.cpus} cores.`,
    '',
    '### Results',
    '',
    markdownTable(report.results),
    '',
    ...report.results.map((r) => `- **${r.id}** — ${r.title}: ${r.setup}.`),
    '',
    '### Ratios',
    '',
    '| ratio | value |',
    '| --- | --- |',
    ...report.ratios.map((r) => `| ${r.name} | ${fmt(r.value, 2)} |`),
    '',
    '### Targets',
    '',
    '| target | met | measured |',
    '| --- | --- | --- |',
    ...report.targets.map(
      (t) => `| ${t.name} | ${t.met === undefined ? 'not run' : t.met ? 'yes' : '**no**'} | ${t.measured} |`,
    ),
    '',
    '### Where the time goes (per request, measured over each run)',
    '',
    usageTable(report.results),
    '',
    'CPU from /proc (the server process, the `postgres` processes alive at the end of the run — pgbench’s',
    'backends have exited by then —, the harness); statements counted in the server (pg.Client#query);',
    'write transactions and WAL from the transaction id and WAL position (cluster-wide).',
    '',
    ...(plans.length
      ? [
          '### EXPLAIN ANALYZE of the first transactions page',
          '',
          ...plans.flatMap((plan, i) => [
            `${i === 0 ? '1,000 rows' : 'long history'}:`,
            '',
            '```',
            plan,
            '```',
            '',
          ]),
        ]
      : []),
    END_MARKER,
  ];
  return lines.join('\n');
}

/** Replaces the generated part of RESULTS.md, keeping the hand-written reading around it. */
export async function refreshResultsFile(path: string, report: BenchReport): Promise<void> {
  const generated = resultsMarkdown(report);
  const current = existsSync(path)
    ? await readFile(path, 'utf8')
    : `# Benchmark results\n\n${BEGIN_MARKER}\n${END_MARKER}\n`;
  const begin = current.indexOf(BEGIN_MARKER);
  const end = current.indexOf(END_MARKER);
  const next =
    begin >= 0 && end > begin
      ? current.slice(0, begin) + generated + current.slice(end + END_MARKER.length)
      : `${current.trimEnd()}\n\n${generated}\n`;
  await writeFile(path, next);
}
