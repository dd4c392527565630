import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type EventReceiver,
  startEventReceiver,
  verifyEvent,
} from '../support/event-receiver.js';
import { createUser, type TestUser } from '../support/factories.js';
import { type ServiceChild, startServiceChild } from '../support/service-child.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

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

async function startService(): Promise<ServiceChild> {
  const service = await startServiceChild(t.databaseUrl, {
    EVENT_DISPATCH_INTERVAL_MS: '50',
    // The lease is the timeout plus 5 s: short here, so the restarted service takes over soon.
    EVENT_DELIVERY_TIMEOUT_MS: '1000',
  });
  children.push(service.child);
  return service;
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
