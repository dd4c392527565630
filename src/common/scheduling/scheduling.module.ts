import { Module } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { registerClusterGuard } from './schedule-every.js';
import { ScheduledJobRepository } from './scheduled-job.repository.js';

/** Gives `scheduleEvery` its once-per-cluster guard (see schedule-every.ts). */
@Module({ providers: [ScheduledJobRepository] })
export class SchedulingModule {
  constructor(scheduler: SchedulerRegistry, jobs: ScheduledJobRepository) {
    registerClusterGuard(scheduler, jobs);
  }
}
