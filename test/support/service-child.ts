/**
 * The service as a child process, configured from its environment and listening on PORT (loopback),
 * for tests that kill it (`kill -9`) and start it again. Run with test/support/swc-register.mjs.
 */
import { createApplication } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/app-config.js';

const app = await createApplication({ config: loadAppConfig(process.env) });
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.stdout.write('listening\n');
