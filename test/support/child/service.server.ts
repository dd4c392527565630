import pg from 'pg';
import { createApplication } from '../../../src/bootstrap.js';
import { loadAppConfig } from '../../../src/config/app-config.js';

/**
 * The real service in a child process, configured from its environment, listening on PORT (loopback; any
 * free port when unset) and printing `listening <port>`, for tests that kill it (`kill -9`) and start it
 * again (started by test/support/service-child.ts). With CRASH_AFTER_SETTLE set, the process
 * SIGKILLs itself the moment the credit settle statement (the one that writes `usage:<id>`) has
 * answered — after the charge committed, before any reply is written. This hook exists only here.
 */
if (process.env.CRASH_AFTER_SETTLE) {
  // Kept to be called with the client as `this` (query.apply below): the wrapper only watches the answers.
  // oxlint-disable-next-line typescript/unbound-method
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const crash = () => process.kill(process.pid, 'SIGKILL');
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    const settle = text?.includes(`'usage:'`) ?? false;
    const callback = args.at(-1);
    // pg-pool passes a callback; a checked-out client returns a promise.
    if (settle && typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (!error) crash();
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
    }
    const result = query.apply(this, args);
    if (settle && result instanceof Promise) return result.then((value: unknown) => (crash(), value));
    return result;
  } as typeof pg.Client.prototype.query;
}

const app = await createApplication({ config: loadAppConfig(process.env) });
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
process.stdout.write(`listening ${port}\n`);
