import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from './server-process.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * F: `node dist/main.js` (the production entry point, DATABASE_URL unset) from process start to the first
 * 200 of /api/health. Cold: a new, empty data directory, so the time includes initdb, starting PostgreSQL,
 * creating the database and applying the migrations. Warm: the same directory again after a clean stop.
 */
export async function startupScenario(options: {
  runs: number;
  jwtSecret: string;
}): Promise<ScenarioResult[]> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'forge-bench-startup-'));
    // mkdtemp makes it 0700; run as root, PostgreSQL runs as `postgres` and must reach the cluster below it.
    await chmod(dataDir, 0o755);
    try {
      for (const times of [cold, warm]) {
        const server = await startServer({
          args: ['dist/main.js'],
          env: {
            NODE_ENV: 'production',
            JWT_SECRET: options.jwtSecret,
            LOG_LEVEL: 'warn',
            EMBEDDED_POSTGRES_DIR: join(dataDir, 'postgres'),
          },
          port: await freePort(),
          ipcStop: false,
          healthTimeoutMs: 120_000,
        });
        times.push(server.startMs);
        await server.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const row = (id: string, title: string, times: number[]): ScenarioResult => {
    const worst = Math.max(...times);
    return {
      id,
      title,
      setup: `node dist/main.js, embedded PostgreSQL, ${times.length} run${times.length > 1 ? 's' : ''}: ${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`,
      rps: Number.NaN,
      requests: times.length,
      non2xx: {},
      checks: [],
      extra: {
        startMs: times,
        worstMs: worst,
        medianMs: times.toSorted((a, b) => a - b)[Math.floor((times.length - 1) / 2)],
      },
    };
  };
  return [
    row('F cold', 'F. Start-up, cold (new data directory)', cold),
    row('F warm', 'F. Start-up, warm (same data directory)', warm),
  ];
}
