import autocannon from 'autocannon';

interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  /** Run for this long… */
  durationSeconds?: number;
  /** …or send exactly this many requests (autocannon builds one request per request sent). */
  amount?: number;
  /** Called once per request sent, in order. */
  next: () => LoadRequest;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts (no HTTP status). */
  errors: number;
}

/**
 * autocannon as a library. Latencies are taken from its per-response event rather than its histogram,
 * which keeps whole milliseconds only (a 0.8 ms and a 1.4 ms p50 would both read 1) and 2xx only;
 * these percentiles cover every response, 402s included. Requests/s is responses over the time from
 * the start to the last response (autocannon's own duration rounds up to its 1 s tick).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  let lastResponse = started;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: options.baseUrl,
      connections: options.connections,
      ...(options.amount !== undefined
        ? { amount: options.amount }
        : { duration: options.durationSeconds ?? 10 }),
      timeout: 30,
      requests: [
        {
          setupRequest: (request) => {
            const next = options.next();
            return {
              ...request,
              method: next.method,
              path: next.path,
              headers: next.headers,
              body: next.body,
            };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    lastResponse = performance.now();
  });
  const result = await done;
  const seconds = (lastResponse - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    statuses,
    errors: result.errors + result.timeouts,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function count2xx(statuses: Record<string, number>): number {
  return Object.entries(statuses).reduce((sum, [status, n]) => (status.startsWith('2') ? sum + n : sum), 0);
}
