import { SqlDatabase } from '../../src/database/sql-database.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingEvents } from '../../src/events/event-catalogue.js';
import { EventDeliveriesRepository } from '../../src/events/event-deliveries.repository.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { eventually, type EventReceiver, startEventReceiver } from '../support/event-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Several instances of the service dispatch side by side: SKIP LOCKED and the lease give every
 * delivery to exactly one of them, so the receiver sees each event once per endpoint.
 */

let first: TestApp;
let second: TestApp;
let receiver: EventReceiver;

beforeAll(async () => {
  receiver = await startEventReceiver();
  // Neither instance dispatches until the backlog is written.
  first = await createTestApp({ env: { EVENT_DISPATCH_INTERVAL_MS: '0' } });
});
afterAll(async () => {
  await second?.close({ skipInvariants: true });
  await first?.close();
  await receiver?.close();
});

describe('two dispatchers on one backlog', () => {
  it('deliver each event once per endpoint, and claims never overlap', async () => {
    const paths = [`/a-${randomUUID()}`, `/b-${randomUUID()}`];
    for (const path of paths) {
      await first.prisma.webhookEndpoint.create({
        data: {
          url: `${receiver.url}${path}`,
          events: ['*'],
          secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        },
      });
    }
    const outbox = first.app.get(OutboxRepository);
    const events = Array.from({ length: 200 }, () =>
      outgoingEvents.balanceDepleted({ walletId: randomUUID(), userId: randomUUID(), remaining: 0 }),
    );
    const ids = await first.app.get(SqlDatabase).transaction((tx) => outbox.append(tx, events));

    // Two claimers racing directly on the table: their claims are disjoint.
    const deliveries = first.app.get(EventDeliveriesRepository);
    const [a, b] = await Promise.all([deliveries.claimDue(150, 60_000), deliveries.claimDue(150, 60_000)]);
    const claimed = [...a!, ...b!].map((claim) => claim.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(300);
    // Give the rows back, as if the leases had run out.
    await first.prisma.$executeRaw(
      Prisma.sql`UPDATE "EventDelivery" SET "leasedUntil" = NULL, "leaseToken" = NULL, attempts = 0`,
    );

    // Two instances of the service, each with its own dispatcher loop, on the same database.
    const env = { EVENT_DISPATCH_INTERVAL_MS: '20', EVENT_DISPATCH_CONCURRENCY: '8' };
    second = await createTestApp({ env, databaseUrl: first.databaseUrl });
    const third = await createTestApp({ env, databaseUrl: first.databaseUrl });
    try {
      await eventually(() => receiver.requests.length >= 400, 45_000, 'the backlog');
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await third.close({ skipInvariants: true });
    }
    for (const path of paths) {
      const received = receiver.at(path).map((request) => request.headers['webhook-id']);
      expect(received).toHaveLength(200);
      expect(new Set(received)).toEqual(new Set(ids));
    }
    const attempts = await first.prisma.eventDeliveryAttempt.groupBy({ by: ['deliveryId'], _count: true });
    expect(attempts).toHaveLength(400);
    expect(attempts.every((row) => row._count === 1)).toBe(true);
    expect(await first.prisma.eventDelivery.count({ where: { status: 'DELIVERED' } })).toBe(400);
  });
});
