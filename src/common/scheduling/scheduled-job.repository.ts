import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../../database/database-pool.js';

/** Whether this instance ran the tick, or skipped it because the cluster had it covered. */
export type TickOutcome = 'ran' | 'running-elsewhere' | 'ran-recently';

/**
 * Makes each scheduled job run once per cluster. A tick holds a PostgreSQL advisory lock named after its job
 * for as long as it runs, on a connection of its own (a session lock, released when it ends or when that
 * connection dies: a crashed instance never keeps a job locked), so two instances never run a job at once.
 * Under that lock it claims the job's interval in "ScheduledJobRun": an instance whose timer fires just after
 * another's finished finds the job started less than an interval ago and skips it, so with N instances the
 * job still runs once per interval, not N times.
 */
@Injectable()
export class ScheduledJobRepository {
  constructor(private readonly database: DatabasePool) {}

  async runOnce(job: string, intervalSeconds: number, task: () => Promise<unknown>): Promise<TickOutcome> {
    const connection = await this.database.pool.connect();
    // A checked-out connection has no pool error listener; a backend dying now must not crash the process.
    const ignore = () => {};
    connection.on('error', ignore);
    // A connection whose statements failed may still hold the lock: destroy it rather than pool it.
    let broken = false;
    try {
      const [{ locked }] = (
        await connection
          .query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
            lockName(job),
          ])
          .catch((error: unknown) => {
            broken = true;
            throw error;
          })
      ).rows;
      if (!locked) return 'running-elsewhere';
      try {
        // A timer fires a little late, never early: 90 % of the interval tells "this interval" from "the last".
        const claimed = await connection.query(
          `INSERT INTO "ScheduledJobRun" (name, "lastStartedAt") VALUES ($1, now())
           ON CONFLICT (name) DO UPDATE SET "lastStartedAt" = now()
           WHERE "ScheduledJobRun"."lastStartedAt" <= now() - make_interval(secs => $2 * 0.9)
           RETURNING name`,
          [job, intervalSeconds],
        );
        if (!claimed.rowCount) return 'ran-recently';
        await task();
        return 'ran';
      } finally {
        await connection
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName(job)])
          .catch(() => (broken = true));
      }
    } finally {
      connection.off('error', ignore);
      connection.release(broken);
    }
  }
}

function lockName(job: string): string {
  return `forge-credits:job:${job}`;
}
