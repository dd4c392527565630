import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { outgoingEvents } from '../../src/events/event-catalogue.js';
import { appendEventsStatement } from '../../src/events/outbox-statements.js';
import type { BenchContext } from './bench-context.js';
import { check, type ScenarioResult } from './scenario-result.js';

/** Events per second during the lag run, each appended by its own transaction. */
const RATE = 200;

interface Receiver {
  url: string;
  /** webhook-id → when its first 2xx was answered (ms, performance.now() clock). */
  answered: Map<string, number>;
  duplicates: number;
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const answered = new Map<string, number>();
  const receiver = { answered, duplicates: 0 } as Receiver;
  receiver.server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id']);
      if (answered.has(id)) receiver.duplicates++;
      else answered.set(id, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/events`;
  return receiver;
}

function lowBalance(n: number) {
  return outgoingEvents.balanceLow({
    walletId: '00000000-0000-4000-8000-' + String(n % 1000).padStart(12, '0'),
    userId: '00000000-0000-4000-9000-' + String(n % 1000).padStart(12, '0'),
    remaining: 9,
    threshold: 10,
  });
}

/** Appends events in one transaction (as a change's own transaction would); resolves after COMMIT. */
async function appendCommitted(db: pg.Pool, events: ReturnType<typeof lowBalance>[]): Promise<string[]> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { ids, statement } = appendEventsStatement(events);
    await client.query(statement.text, statement.values as unknown[]);
    await client.query('COMMIT');
    return ids;
  } finally {
    client.release();
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * H: outgoing events, appended straight to the outbox (not through a credit statement, to measure the
 * dispatcher alone; `--events` measures what the credit statements' events cost A) and
 * delivered by the server's dispatcher to a receiver on loopback that answers 204.
 * - H1, throughput: a backlog of N events, committed at once, until the last is answered.
 * - H2, lag: 200 events/s, one transaction each, for the run's length; lag = the receiver's 2xx
 *   minus the moment COMMIT returned.
 */
export async function eventsScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const receiver = await startReceiver();
  await ctx.db.query(`DELETE FROM "WebhookEndpoint"`);
  await ctx.db.query(
    `INSERT INTO "WebhookEndpoint" (id, url, events, secret, "updatedAt")
     VALUES (gen_random_uuid(), $1, '["*"]', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now())`,
    [receiver.url],
  );
  try {
    // H1
    const backlog = ctx.sizes.webhookDeliveries;
    const backlogIds: string[] = [];
    ctx.rss.reset();
    const started = performance.now();
    const { usage: usage1 } = await ctx.meter.measure(
      async () => {
        for (let i = 0; i < backlog; i += 500) {
          const events = Array.from({ length: Math.min(500, backlog - i) }, (_, k) => lowBalance(i + k));
          backlogIds.push(...(await appendCommitted(ctx.db, events)));
        }
        // Until the backlog is gone, so that H2 starts on an empty queue.
        await until(() => backlogIds.every((id) => receiver.answered.has(id)), 600_000);
        return backlog;
      },
      (n) => n,
    );
    const seconds = (performance.now() - started) / 1000;
    const delivered1 = backlogIds.filter((id) => receiver.answered.has(id)).length;
    const throughput: ScenarioResult = {
      id: 'H1',
      title: 'H1. Outgoing events: a backlog delivered',
      setup: `${backlog.toLocaleString('en-US')} events appended in transactions of 500, one endpoint subscribed to *, receiver on loopback answering 204`,
      rps: Math.round(delivered1 / seconds),
      requests: delivered1,
      non2xx: {},
      peakRssMb: ctx.rss.peak(),
      usage: usage1,
      checks: [
        check('every event delivered', delivered1 === backlog, `${delivered1} of ${backlog}`),
        check('no event delivered twice', receiver.duplicates === 0, `${receiver.duplicates} duplicates`),
      ],
    };

    // H2
    const runSeconds = ctx.sizes.spreadSeconds;
    const committed = new Map<string, number>();
    const total = RATE * runSeconds;
    ctx.rss.reset();
    const { usage: usage2 } = await ctx.meter.measure(
      async () => {
        const begin = performance.now();
        const pending: Promise<void>[] = [];
        for (let n = 0; n < total; n++) {
          const due = begin + (n * 1000) / RATE;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
          pending.push(
            appendCommitted(ctx.db, [lowBalance(n)]).then(([id]) => {
              committed.set(id!, performance.now());
            }),
          );
        }
        await Promise.all(pending);
        await until(() => [...committed.keys()].every((id) => receiver.answered.has(id)), 60_000);
        return total;
      },
      (n) => n,
    );
    const lags = [...committed]
      .filter(([id]) => receiver.answered.has(id))
      .map(([id, at]) => receiver.answered.get(id)! - at)
      .sort((a, b) => a - b);
    const lag: ScenarioResult = {
      id: 'H2',
      title: 'H2. Outgoing events: lag from COMMIT to the receiver’s 2xx at 200 events/s',
      setup: `${RATE} events/s for ${runSeconds} s, one transaction each, one endpoint subscribed to *`,
      rps: Math.round(lags.length / runSeconds),
      p50Ms: Math.round(percentile(lags, 50) * 10) / 10,
      p99Ms: Math.round(percentile(lags, 99) * 10) / 10,
      requests: lags.length,
      non2xx: {},
      peakRssMb: ctx.rss.peak(),
      usage: usage2,
      checks: [
        check('every event delivered', lags.length === total, `${lags.length} of ${total}`),
        check('no event delivered twice', receiver.duplicates === 0, `${receiver.duplicates} duplicates`),
      ],
      extra: { maxLagMs: Math.round(lags.at(-1) ?? Number.NaN) },
    };
    return [throughput, lag];
  } finally {
    await new Promise((resolve) => receiver.server.close(resolve));
  }
}
