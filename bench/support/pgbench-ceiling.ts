import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  latencyAverageMs: number;
  command: string;
}

/** The machine's pgbench (any version reads the embedded PostgreSQL 18 too); undefined when there is none. */
export function findPgbench(): string | undefined {
  return [process.env.PGBENCH, '/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].find(
    (path): path is string => !!path && existsSync(path),
  );
}

/**
 * One pgbench run of a custom script: -M prepared, as the service sends its statements (each parsed and
 * planned once per connection, src/database/sql-client.ts; the script's variables become parameters), no vacuum, two threads (the machine's cores). A "transaction" of pgbench is one run of the script,
 * i.e. one hold + settle: the equivalent of one charged request.
 */
export async function runPgbench(options: {
  pgbench: string;
  url: string;
  script: string;
  /** Script variables, passed as -D name=value. */
  variables: Record<string, string | number>;
  clients: number;
  seconds: number;
}): Promise<PgbenchResult> {
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(options.clients),
    '-j',
    '2',
    '-T',
    String(options.seconds),
    ...Object.entries(options.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
    '-f',
    options.script,
    options.url,
  ];
  const { stdout } = await run(options.pgbench, args, { maxBuffer: 16 * 1024 * 1024 });
  const number = (pattern: RegExp) => {
    const match = pattern.exec(stdout);
    if (!match) throw new Error(`pgbench output without ${pattern}: ${stdout}`);
    return Number(match[1]);
  };
  return {
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: /number of failed transactions: (\d+)/.test(stdout)
      ? number(/number of failed transactions: (\d+)/)
      : 0,
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    command: `pgbench ${args.slice(0, -1).join(' ')} <bench database>`,
  };
}
