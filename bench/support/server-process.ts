import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerStats {
  /** Statements sent to PostgreSQL since start (bench-server.ts counts them). */
  statements: number;
  memory: NodeJS.MemoryUsage;
}

export interface ServerProcess {
  pid: number;
  /** Only for servers started with `ipcStop` (the bench server). */
  stats(): Promise<ServerStats | undefined>;
  baseUrl: string;
  child: ChildProcess;
  /** Why the process ended, when it did: a crash fails the benchmark. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts a server as a child process (so its RSS and CPU time are its own, read from /proc) and resolves
 * once `GET /api/health` answers 200. `ipcStop` servers are stopped with an IPC message (see bench-server.ts).
 */
export async function startServer(options: {
  args: string[];
  env: Record<string, string | undefined>;
  port: number;
  ipcStop: boolean;
  healthTimeoutMs?: number;
  /** Echo the server's stderr (boot errors) to ours. */
  echoErrors?: boolean;
}): Promise<ServerProcess & { startMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'ignore', 'pipe', ...(options.ipcStop ? (['ipc'] as const) : [])],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
    if (options.echoErrors) process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = started + (options.healthTimeoutMs ?? 60_000);
  for (;;) {
    if (gone)
      throw new Error(
        `server exited during start-up (code ${child.exitCode}): ${stderr.trim().slice(-2_000)}`,
      );
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `server not healthy after ${options.healthTimeoutMs ?? 60_000} ms: ${stderr.trim().slice(-2_000)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  const startMs = performance.now() - started;
  return {
    pid: child.pid!,
    baseUrl,
    child,
    exited,
    startMs,
    stats() {
      if (!options.ipcStop || !child.connected) return Promise.resolve(undefined);
      return new Promise<ServerStats | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 2_000);
        child.once('message', (message) => {
          clearTimeout(timer);
          resolve(message as ServerStats);
        });
        child.send('stats');
      });
    },
    async stop() {
      if (gone) return;
      if (options.ipcStop && child.connected) child.send('stop');
      else child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process in MB, or undefined once it is gone. */
function rssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 100 ms; `peak()` since the last `reset()`. */
export class RssSampler {
  private peakMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    const mb = rssMb(this.pid);
    if (mb !== undefined && mb > this.peakMb) this.peakMb = mb;
  }

  reset(): void {
    this.peakMb = 0;
    this.sample();
  }

  peak(): number {
    this.sample();
    return this.peakMb;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
