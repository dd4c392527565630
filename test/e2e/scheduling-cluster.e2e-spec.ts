import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleEvery } from '../../src/common/scheduling/schedule-every.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Run {
  instance: string;
  job: string;
  started: number;
  finished: number;
}

/** A module that schedules `jobs` like the product's jobs do, recording every run of each in `runs`. */
function recordingJobs(
  instance: string,
  runs: Run[],
  jobs: { name: string; seconds: number; workMs: number }[],
) {
  @Injectable()
  class RecordingJobs implements OnApplicationBootstrap {
    constructor(private readonly scheduler: SchedulerRegistry) {}

    onApplicationBootstrap(): void {
      for (const job of jobs) {
        scheduleEvery(
          this.scheduler,
          job.name,
          job.seconds,
          async () => {
            const started = Date.now();
            await sleep(job.workMs);
            runs.push({ instance, job: job.name, started, finished: Date.now() });
          },
          new Logger(job.name),
        );
      }
    }
  }
  @Module({ providers: [RecordingJobs] })
  class RecordingJobsModule {}
  return RecordingJobsModule;
}

function overlaps(runs: Run[]): number {
  const sorted = [...runs].sort((a, b) => a.started - b.started);
  return sorted.filter((run, index) => index > 0 && run.started < sorted[index - 1].finished).length;
}

describe('scheduled jobs on two instances of one database', () => {
  const runs: Run[] = [];
  // `slow` works longer than its interval: two instances unguarded would run it side by side all the time.
  // `quick` is short: two instances unguarded would each run it once per interval, twice per interval in all.
  const jobs = [
    { name: `slow-${Date.now()}`, seconds: 0.3, workMs: 450 },
    { name: `quick-${Date.now()}`, seconds: 1, workMs: 50 },
  ];
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp({ imports: [recordingJobs('first', runs, jobs)] });
    second = await createTestApp({
      databaseUrl: first.databaseUrl,
      imports: [recordingJobs('second', runs, jobs)],
    });
    runs.length = 0; // count from the moment both run
    await sleep(4_200);
  });
  afterAll(async () => {
    await second?.close({ skipInvariants: true });
    await first?.close();
  });

  it('never runs one job on both instances at once', () => {
    const slow = runs.filter((run) => run.job === jobs[0].name);
    expect(slow.length).toBeGreaterThanOrEqual(4);
    expect(overlaps(slow)).toBe(0);
  });

  it('runs each job once per interval across the cluster, not once per instance', () => {
    const quick = runs.filter((run) => run.job === jobs[1].name);
    // 4.2 s at one run a second; both instances unguarded would make 8.
    expect(quick.length).toBeGreaterThanOrEqual(3);
    expect(quick.length).toBeLessThanOrEqual(5);
    expect(overlaps(quick)).toBe(0);
  });

  it('lets different jobs run at the same time (one lock per job)', () => {
    const slow = runs.filter((run) => run.job === jobs[0].name);
    const quick = runs.filter((run) => run.job === jobs[1].name);
    const concurrent = quick.some((q) => slow.some((s) => q.started < s.finished && s.started < q.finished));
    expect(concurrent).toBe(true);
  });

  it('records when each job last started', async () => {
    const rows = await first.prisma.scheduledJobRun.findMany({
      where: { name: { in: jobs.map((job) => job.name) } },
    });
    expect(rows).toHaveLength(2);
  });
});
