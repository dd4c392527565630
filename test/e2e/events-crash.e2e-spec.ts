import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type EventReceiver,
  startEventReceiver,
  verifyEvent,
} from '../support/event-receiver.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

/**
 * A crash between the commit and the delivery loses nothing: the service (a child process) claims the
 * delivery — the lease is committed — and is killed with SIGKILL while the receiver holds the request.
 * Started again, it delivers once the lease has run out, with the same webhook-id.
 */

let t: TestApp;
let admin: TestUser;
let receiver: EventReceiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startEventReceiver();
  // This app only owns the database and reads it; the child processes do the work.
  t = await createTestApp({ env: { EVENT_DISPATCH_INTERVAL_MS: '0' } });
  admin = await createUser(t, { role: 'ADMIN' });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await t?.close();
  await receiver?.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startService(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', './test/support/swc-register.mjs', 'test/support/service-child.ts'],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: t.databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'silent',
        RESERVATION_SWEEP_INTERVAL_SECONDS: '0',
        RECONCILE_INTERVAL_SECONDS: '0',
        EVENT_DISPATCH_INTERVAL_MS: '50',
        // The lease is the timeout plus 5 s: short here, so the restarted service takes over soon.
        EVENT_DELIVERY_TIMEOUT_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`service exited (${code}) during start-up: ${stderr}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

describe('kill -9 between commit and delivery', () => {
  it('the event is delivered after the restart, with the same webhook-id', async () => {
    const first = await startService();
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    // The first attempt reaches the receiver, which holds it while the service is killed.
    receiver.handle('/crash', (_request, response, index) => {
      if (index === 0) first.child.kill('SIGKILL');
      else response.writeHead(200).end();
    });

    const created = await fetch(`${first.baseUrl}/api/admin/webhook-endpoints`, {
      method: 'POST',
      headers: { ...admin.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/crash`, events: ['*'] }),
    }).then((response) => response.json() as Promise<{ id: string; secret: string }>);
    const ping = await fetch(`${first.baseUrl}/api/admin/webhook-endpoints/${created.id}/test`, {
      method: 'POST',
      headers: admin.auth,
    });
    expect(ping.status).toBe(202);
    const { eventId } = (await ping.json()) as { eventId: string };
    await exited;

    // Committed (event, delivery and the lease) but not delivered, and no attempt recorded.
    const leased = await t.prisma.eventDelivery.findFirstOrThrow({ where: { eventId } });
    expect(leased).toMatchObject({ status: 'PENDING', attempts: 1, deliveredAt: null });
    expect(leased.leasedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await t.prisma.eventDeliveryAttempt.count()).toBe(0);

    await startService();
    const delivered = await eventually(
      async () => {
        const row = await t.prisma.eventDelivery.findFirstOrThrow({ where: { eventId } });
        return row.status === 'DELIVERED' && row;
      },
      30_000,
      'the delivery after the restart',
    );
    expect(delivered.attempts).toBe(2);
    const requests = receiver.at('/crash');
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(verifyEvent(requests[1]!, created.secret)).toMatchObject({ id: eventId, type: 'ping' });
  });
});
