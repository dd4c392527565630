import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { ScheduledJobRepository } from './scheduled-job.repository.js';

/**
 * The once-per-cluster guard of each application's jobs, keyed by its SchedulerRegistry (one per
 * application; tests run several in one process). SchedulingModule registers it when the application
 * starts, before any `onApplicationBootstrap` schedules a job.
 */
const clusterGuards = new WeakMap<SchedulerRegistry, ScheduledJobRepository>();

export function registerClusterGuard(scheduler: SchedulerRegistry, jobs: ScheduledJobRepository): void {
  clusterGuards.set(scheduler, jobs);
}

/**
 * Runs `task` every `seconds` (0 = never) through Nest's scheduler, so the interval is cleared on
 * shutdown. A run that is still going when the next one is due is not doubled; an error is logged and
 * the next run tries again. Once per cluster: each tick takes the job's PostgreSQL advisory lock and claims
 * its interval (ScheduledJobRepository), so however many instances run, each job runs once per interval.
 */
export function scheduleEvery(
  scheduler: SchedulerRegistry,
  name: string,
  seconds: number,
  task: () => Promise<unknown>,
  logger: Logger,
): void {
  if (seconds <= 0) return;
  const jobs = clusterGuards.get(scheduler);
  if (!jobs) throw new Error(`scheduleEvery(${name}): SchedulingModule is not imported by the application`);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await jobs.runOnce(name, seconds, task);
    } catch (error) {
      logger.error({ err: error }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  scheduler.addInterval(
    name,
    setInterval(() => void tick(), seconds * 1000),
  );
}
