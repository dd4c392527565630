import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_JWT_SECRET } from './test-app.js';

/** The service running in a child process (test/support/child/service.server.ts). */
export interface ServiceChild {
  child: ChildProcess;
  baseUrl: string;
}

/**
 * Starts the real service as a child process on `databaseUrl` — for tests that kill it with SIGKILL — and
 * resolves once it listens. Background loops are off unless `env` turns them on; `env` adds to or
 * overrides the child's environment.
 */
export async function startServiceChild(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceChild> {
  const child = spawn(
    process.execPath,
    ['--import', './test/support/child/swc-register.mjs', './test/support/child/service.server.ts'],
    {
      cwd: resolve('.'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'silent',
        RESERVATION_SWEEP_INTERVAL_SECONDS: '0',
        RECONCILE_INTERVAL_SECONDS: '0',
        GRANT_EXPIRY_INTERVAL_SECONDS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const port = await new Promise<number>((resolvePort, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const match = /listening (\d+)/.exec(output);
      if (match) resolvePort(Number(match[1]));
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`service exited (${code ?? signal}) during start-up: ${stderr}`)),
    );
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}
