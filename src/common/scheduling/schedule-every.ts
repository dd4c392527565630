import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `task` every `seconds` (0 = never) through Nest's scheduler, so the interval is cleared on
 * shutdown. A run that is still going when the next one is due is not doubled; an error is logged and
 * the next run tries again. Background jobs here are safe on every instance at once, so no leader is needed.
 */
export function scheduleEvery(
  scheduler: SchedulerRegistry,
  name: string,
  seconds: number,
  task: () => Promise<unknown>,
  logger: Logger,
): void {
  if (seconds <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
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
