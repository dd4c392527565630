import { SqlDatabase } from '../../src/database/sql-database.js';
import { randomUUID } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointAddressPolicy } from '../../src/events/endpoint-address-policy.js';
import { outgoingEvents } from '../../src/events/event-catalogue.js';
import { EventDispatcher } from '../../src/events/event-dispatcher.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';
import { WebhookSender } from '../../src/events/webhook-sender.js';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * SSRF protection in production: endpoint URLs are refused at save time when they can be (scheme, IP
 * literals, localhost), and every address a name resolves to is checked inside the connection's own
 * lookup at each delivery, so a name that resolves to loopback (or is rebound to it after saving) is
 * refused before a connection is made. The receiver on loopback must never be reached.
 */

let t: TestApp;
let admin: TestUser;
let receiver: EventReceiver;

beforeAll(async () => {
  receiver = await startEventReceiver();
  t = await createTestApp({ env: { NODE_ENV: 'production', EVENT_DISPATCH_INTERVAL_MS: '0' } });
  admin = await createUser(t, { role: 'ADMIN' });
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

describe('SSRF in production', () => {
  it('refuses at save time: http, loopback, private, link-local, metadata and IPv6 loopback addresses, localhost', async () => {
    const port = receiver.port;
    for (const url of [
      `http://hooks.example.com/x`,
      `http://127.0.0.1:${port}/x`,
      `https://127.0.0.1:${port}/x`,
      'https://10.0.0.1/x',
      'https://169.254.169.254/latest/meta-data/',
      `https://[::1]:${port}/x`,
      'https://[::ffff:127.0.0.1]/x',
      'https://[fd00:ec2::254]/x',
      `https://localhost:${port}/x`,
    ]) {
      const response = await t.http
        .post('/api/admin/webhook-endpoints')
        .set(admin.auth)
        .send({ url, events: ['*'] });
      expect(response.status, url).toBe(400);
      expect(response.body, url).toMatchObject({ statusCode: 400, code: 'INVALID_ENDPOINT_URL' });
    }
    expect(await t.prisma.webhookEndpoint.count()).toBe(0);
    await t.http
      .post('/api/admin/webhook-endpoints')
      .set(admin.auth)
      .send({ url: 'https://hooks.example.com/forge', events: ['*'] })
      .expect(201);
    await t.prisma.webhookEndpoint.deleteMany();
  });

  it('refuses at delivery a URL that reaches loopback, even one that got past saving (a row changed behind the API)', async () => {
    const port = receiver.port;
    const urls = [
      `https://localhost:${port}/by-name`,
      `https://[::ffff:127.0.0.1]:${port}/mapped`,
      `https://127.0.0.1:${port}/literal`,
      `http://127.0.0.1:${port}/plain-http`,
    ];
    for (const url of urls) {
      await t.prisma.webhookEndpoint.create({
        data: { url, events: ['*'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      });
    }
    await t.app
      .get(SqlDatabase)
      .transaction((tx) =>
        t.app
          .get(OutboxRepository)
          .append(tx, [
            outgoingEvents.balanceDepleted({ walletId: randomUUID(), userId: randomUUID(), remaining: 0 }),
          ]),
      );
    expect(await t.app.get(EventDispatcher).dispatchDue()).toBe(4);

    expect(receiver.requests).toHaveLength(0);
    const attempts = await t.prisma.eventDeliveryAttempt.findMany({
      include: { delivery: { include: { endpoint: true } } },
    });
    const errors = Object.fromEntries(attempts.map((a) => [a.delivery.endpoint.url, a.error]));
    expect(errors[`https://localhost:${port}/by-name`]).toMatch(
      /localhost resolves to (127\.0\.0\.1|::1), an address event endpoints may not use/,
    );
    expect(
      errors[`https://[::ffff:7f00:1]:${port}/mapped`] ?? errors[`https://[::ffff:127.0.0.1]:${port}/mapped`],
    ).toMatch(/must not point at a loopback/);
    expect(errors[`https://127.0.0.1:${port}/literal`]).toMatch(/must not point at a loopback/);
    expect(errors[`http://127.0.0.1:${port}/plain-http`]).toBe('url must be an https URL');
    for (const attempt of attempts) expect(attempt.statusCode).toBeNull();
    await t.prisma.webhookEndpoint.deleteMany();
  });
});

describe('the lookup inside the connection', () => {
  /** A DNS where `rebind.test` answers what the test says, like a rebinding attacker's name server. */
  function fakeDns(answers: string[]): LookupFunction {
    return ((_hostname: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
      callback(
        null,
        answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      )) as unknown as LookupFunction;
  }

  it('connects to the address it checked: a name resolving to loopback is refused, not connected to', async () => {
    const sender = new WebhookSender(new EndpointAddressPolicy(true, fakeDns(['127.0.0.1'])), 2_000);
    const outcome = await sender.send(`https://rebind.test:${receiver.port}/rebound`, {}, '{}');
    sender.close();
    expect(outcome.statusCode).toBeUndefined();
    expect(outcome.error).toBe('rebind.test resolves to 127.0.0.1, an address event endpoints may not use');
    expect(receiver.at('/rebound')).toHaveLength(0);
  });

  it('refuses a name when any of its addresses is refused (IPv4-mapped forms included)', async () => {
    for (const answers of [
      ['93.184.216.34', '::ffff:10.0.0.1'],
      ['fd00:ec2::254'],
      ['::ffff:169.254.169.254'],
    ]) {
      const sender = new WebhookSender(new EndpointAddressPolicy(true, fakeDns(answers)), 2_000);
      const outcome = await sender.send('https://rebind.test/x', {}, '{}');
      sender.close();
      expect(outcome.error, answers.join()).toMatch(/an address event endpoints may not use/);
    }
  });

  it('the same lookup is what the connection uses: unenforced, rebind.test reaches the loopback receiver', async () => {
    const sender = new WebhookSender(new EndpointAddressPolicy(false, fakeDns(['127.0.0.1'])), 2_000);
    const outcome = await sender.send(`http://rebind.test:${receiver.port}/allowed`, {}, '{}');
    sender.close();
    expect(outcome.statusCode).toBe(200);
    expect(receiver.at('/allowed')).toHaveLength(1);
  });
});

describe('EVENT_ENDPOINTS_ALLOW_PRIVATE=true in production', () => {
  it('accepts and delivers to an http loopback URL (tests, self-hosting)', async () => {
    const open = await createTestApp({
      env: { NODE_ENV: 'production', EVENT_ENDPOINTS_ALLOW_PRIVATE: 'true', EVENT_DISPATCH_INTERVAL_MS: '0' },
    });
    try {
      const openAdmin = await createUser(open, { role: 'ADMIN' });
      const created = await open.http
        .post('/api/admin/webhook-endpoints')
        .set(openAdmin.auth)
        .send({ url: `http://127.0.0.1:${receiver.port}/private-ok`, events: ['*'] })
        .expect(201);
      await open.http
        .post(`/api/admin/webhook-endpoints/${created.body.id}/test`)
        .set(openAdmin.auth)
        .expect(202);
      await open.app.get(EventDispatcher).dispatchDue();
      expect(receiver.at('/private-ok')).toHaveLength(1);
    } finally {
      await open.close();
    }
  });
});
