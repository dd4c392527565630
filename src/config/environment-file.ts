import { existsSync } from 'node:fs';

/**
 * The one way a process of this service reads `.env`: `npm start` (main.ts) and the CLIs call this before
 * anything reads the environment. Variables already set win over the file (Node's loadEnvFile never
 * overwrites), and tests (NODE_ENV=test) never read a developer's `.env`.
 */
export function loadEnvironmentFile(path = '.env'): void {
  if (process.env.NODE_ENV === 'test' || !existsSync(path)) return;
  process.loadEnvFile(path);
}
