/**
 * The benchmark's server: the production application (createApplication, the same modules, pipes, filters
 * and configuration from the environment) plus BenchRoutesModule. Compiled by tsc like `npm run build`
 * (bench/tsconfig.json) and run with plain `node`, so the server under load is the production build.
 *
 * IPC, for the harness: 'stats' answers the statements sent to PostgreSQL so far and process.memoryUsage();
 * 'stop' closes the app and exits normally — not through a signal, because Nest's SIGTERM hook ends the
 * process by re-raising the signal, and `--cpu-prof` writes its profile only on a normal exit.
 */
import pg from 'pg';
import { createApplication } from '../../src/bootstrap.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { APP_CONFIG } from '../../src/config/config.module.js';
import { BenchRoutesModule } from './bench-routes.module.js';

// Every statement Prisma sends goes through pg.Client#query (pool.query included, and the BEGIN/COMMIT of
// interactive transactions), so counting here gives statements per request without pg_stat_statements.
let statements = 0;
// Unbound on purpose: the wrapper below calls it with the client it runs on as `this`.
// oxlint-disable-next-line typescript/unbound-method
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const app = await createApplication({ imports: [BenchRoutesModule] });
const { port } = app.get<AppConfig>(APP_CONFIG);
await app.listen(port, '127.0.0.1');

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ statements, memory: process.memoryUsage() });
  if (message === 'stop') void app.close().finally(() => process.exit(0));
});
