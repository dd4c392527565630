// Runs `prisma generate` on a machine with or without internet access.
// The Prisma 7 CLI insists on a native schema engine before every command and downloads it when missing,
// although `generate` never uses it (prisma/orm#17482). Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file satisfies that check offline; a user who already set it keeps their own value.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
