/**
 * `npm run reconcile`: one reconciliation run against DATABASE_URL (or the embedded PostgreSQL), for cron
 * or by hand, then exit. Prints `{"checked":n,"fulfilled":m}`.
 */
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module.js';
import { loadEnvironmentFile } from '../config/environment-file.js';
import { ReconciliationService } from '../webhooks/reconciliation.service.js';

loadEnvironmentFile();
// This process runs once: no interval timers (reconciliation's or the reservation sweeper's).
process.env.RECONCILE_INTERVAL_SECONDS = '0';
process.env.RESERVATION_SWEEP_INTERVAL_SECONDS = '0';

const app = await NestFactory.createApplicationContext(AppModule.forRoot(), {
  bufferLogs: true,
  abortOnError: false,
});
app.useLogger(app.get(Logger));
try {
  const result = await app.get(ReconciliationService).run();
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await app.close();
}
