import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { ServerStats } from './server-process.js';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time of one process in ms (user + system), from /proc/<pid>/stat; 0 once it is gone. */
function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name the fields start at number 3, so utime (14) and stime (15) are indexes 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU ms of every process named `postgres` (backends and background workers), by pid. */
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres')
        byPid.set(entry, processCpuMs(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return byPid;
}

/** All cores: busy and total time in ms, from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: ((total - idle) * 1000) / TICKS_PER_SECOND, total: (total * 1000) / TICKS_PER_SECOND };
}

interface Snapshot {
  machine: { busy: number; total: number };
  serverMs: number;
  postgresMs: Map<string, number>;
  harnessMs: number;
  statements?: number;
  /** pg_current_wal_lsn() as a byte position, and the next transaction id: both move at once, unlike pg_stat_*. */
  walBytes: number;
  xid: number;
}

export interface UsageDelta {
  /** Share of both cores busy over the run, 0–100. */
  machineBusyPct: number;
  /** CPU milliseconds per request (or per pgbench transaction) of each party. */
  serverCpuMsPerOp: number;
  /** PostgreSQL processes alive at the end (backends that exit during the run, pgbench's, are missed). */
  postgresCpuMsPerOp: number;
  loadGeneratorCpuMsPerOp: number;
  /** Statements the server sent per request (undefined for pgbench: its script is the count). */
  statementsPerOp?: number;
  /** Transactions that wrote (took a transaction id) and WAL bytes, per request; cluster-wide. */
  writeTransactionsPerOp: number;
  walBytesPerOp: number;
  /** The server's process.memoryUsage() at the end of the run, in MB. */
  serverMemoryMb?: Record<string, number>;
}

/**
 * Where the time goes, measured rather than guessed: CPU of the server, of PostgreSQL and of the load
 * generator from /proc; statements per request counted in the server; write transactions and WAL from
 * the transaction id and WAL position (pg_stat_database would lag: backends flush it up to 10 s late).
 */
export class ResourceMeter {
  constructor(
    private readonly db: pg.Pool,
    private readonly serverPid: () => number | undefined,
    private readonly serverStats: () => Promise<ServerStats | undefined>,
  ) {}

  /** Runs `work` between two snapshots; `ops(result)` is how many requests (or transactions) it made. */
  async measure<T>(
    work: () => Promise<T>,
    ops: (result: T) => number,
  ): Promise<{ result: T; usage: UsageDelta }> {
    const before = await this.snapshot();
    const result = await work();
    const after = await this.snapshot();
    const stats = await this.serverStats();
    const n = ops(result);
    const per = (value: number) => (n > 0 ? value / n : Number.NaN);
    const machineTotal = after.machine.total - before.machine.total;
    let postgresMs = 0;
    for (const [pid, ms] of after.postgresMs) postgresMs += ms - (before.postgresMs.get(pid) ?? 0);
    // Let requests still in flight when the load stopped finish before the next run starts.
    await sleep(500);
    return {
      result,
      usage: {
        machineBusyPct:
          machineTotal > 0 ? (100 * (after.machine.busy - before.machine.busy)) / machineTotal : Number.NaN,
        serverCpuMsPerOp: per(after.serverMs - before.serverMs),
        postgresCpuMsPerOp: per(postgresMs),
        loadGeneratorCpuMsPerOp: per(after.harnessMs - before.harnessMs),
        statementsPerOp:
          before.statements === undefined || after.statements === undefined
            ? undefined
            : per(after.statements - before.statements),
        writeTransactionsPerOp: per(after.xid - before.xid - 1),
        walBytesPerOp: per(after.walBytes - before.walBytes),
        serverMemoryMb: stats
          ? Object.fromEntries(
              Object.entries(stats.memory).map(([key, bytes]) => [key, Math.round(bytes / 2 ** 20)]),
            )
          : undefined,
      },
    };
  }

  private async snapshot(): Promise<Snapshot> {
    const stats = await this.serverStats();
    const { rows } = await this.db.query<{ wal: string; xid: string }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS wal, pg_current_xact_id()::text::bigint AS xid`,
    );
    const pid = this.serverPid();
    const harness = process.cpuUsage();
    return {
      machine: machineCpuMs(),
      serverMs: pid ? processCpuMs(pid) : 0,
      postgresMs: postgresCpuMs(),
      harnessMs: (harness.user + harness.system) / 1000,
      statements: stats?.statements,
      walBytes: Number(rows[0].wal),
      xid: Number(rows[0].xid),
    };
  }
}
