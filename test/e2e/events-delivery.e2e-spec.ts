import { SqlDatabase } from '../../src/database/sql-database.js';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outgoingEvents } from '../../src/events/event-catalogue.js';
import { OutboxRepository } from '../../src/events/outbox.repository.js';
import {
  eventually,
  type EventReceiver,
  startEventReceiver,
  verifyEvent,
} from '../support/event-receiver.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Outgoing events end to end: the admin API, the outbox written in the caller's transaction, and the
 * dispatcher delivering to a real receiver on loopback that verifies every signature with the
 * standardwebhooks library. The dispatcher runs in the background as in production, with a short
 * retry schedule and timeout so that retries happen within a test.
 */

const ENV = {
  EVENT_DISPATCH_INTERVAL_MS: '50',
  EVENT_RETRY_SCHEDULE: '150ms,150ms,150ms',
  EVENT_DELIVERY_TIMEOUT_MS: '700',
};

let t: TestApp;
let admin: TestUser;
let receiver: EventReceiver;
let outbox: OutboxRepository;

beforeAll(async () => {
  receiver = await startEventReceiver();
  t = await createTestApp({ env: ENV });
  admin = await createUser(t, { role: 'ADMIN' });
  outbox = t.app.get(OutboxRepository);
});
afterEach(() => t.prisma.webhookEndpoint.deleteMany());
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

interface Endpoint {
  id: string;
  secret: string;
  path: string;
}

async function createEndpoint(events: string[] = ['*']): Promise<Endpoint> {
  const path = `/hook-${randomUUID()}`;
  const response = await t.http
    .post('/api/admin/webhook-endpoints')
    .set(admin.auth)
    .send({ url: `${receiver.url}${path}`, events })
    .expect(201);
  return { id: response.body.id, secret: response.body.secret, path };
}

function emit(...events: Parameters<OutboxRepository['append']>[1]) {
  return t.app.get(SqlDatabase).transaction((tx) => outbox.append(tx, events));
}

const wallet = () => ({ walletId: randomUUID(), userId: randomUUID() });

function lowBalance(owner = wallet()) {
  return outgoingEvents.balanceLow({ ...owner, remaining: 9, threshold: 10 });
}

async function deliveryOf(endpointId: string) {
  return t.prisma.eventDelivery.findFirstOrThrow({
    where: { endpointId },
    include: { attemptLog: { orderBy: { attempt: 'asc' } } },
  });
}

describe('webhook endpoints: the admin API', () => {
  it('creates an endpoint with a whsec_ secret shown once, lists and reads it without the secret', async () => {
    const created = await t.http
      .post('/api/admin/webhook-endpoints')
      .set(admin.auth)
      .send({
        url: `${receiver.url}/x`,
        events: ['order.paid', 'balance.low', 'order.paid'],
        description: 'CRM',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      url: `${receiver.url}/x`,
      events: ['order.paid', 'balance.low'],
      enabled: true,
      description: 'CRM',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const listed = await t.http.get('/api/admin/webhook-endpoints').set(admin.auth).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].secret).toBeUndefined();
    const one = await t.http
      .get(`/api/admin/webhook-endpoints/${created.body.id}`)
      .set(admin.auth)
      .expect(200);
    expect(one.body).toMatchObject({ id: created.body.id, events: ['order.paid', 'balance.low'] });
    expect(one.body.secret).toBeUndefined();

    const patched = await t.http
      .patch(`/api/admin/webhook-endpoints/${created.body.id}`)
      .set(admin.auth)
      .send({ events: ['*', 'order.paid'], enabled: false })
      .expect(200);
    expect(patched.body).toMatchObject({
      events: ['*'],
      enabled: false,
      disabledReason: 'disabled by an admin',
    });
    const reenabled = await t.http
      .patch(`/api/admin/webhook-endpoints/${created.body.id}`)
      .set(admin.auth)
      .send({ enabled: true })
      .expect(200);
    expect(reenabled.body).toMatchObject({ enabled: true, disabledReason: null });

    await t.http.delete(`/api/admin/webhook-endpoints/${created.body.id}`).set(admin.auth).expect(204);
    await t.http.get(`/api/admin/webhook-endpoints/${created.body.id}`).set(admin.auth).expect(404);
    await t.http.delete(`/api/admin/webhook-endpoints/${created.body.id}`).set(admin.auth).expect(404);
  });

  it('refuses bad input with the contract error body and writes nothing', async () => {
    const bad = [
      [{ url: 'ftp://example.com/hook', events: ['*'] }, 'INVALID_ENDPOINT_URL'],
      [{ url: 'not a url', events: ['*'] }, 'INVALID_ENDPOINT_URL'],
      [{ url: 'https://user:pw@example.com/', events: ['*'] }, 'INVALID_ENDPOINT_URL'],
      [{ url: 'https://example.com/', events: ['order.nope'] }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/', events: ['ping'] }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/', events: [] }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/' }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/', events: ['*'], secret: 'whsec_mine' }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [body, code] of bad) {
      const response = await t.http
        .post('/api/admin/webhook-endpoints')
        .set(admin.auth)
        .send(body)
        .expect(400);
      expect(response.body, JSON.stringify(body)).toMatchObject({ statusCode: 400, code });
    }
    expect(await t.prisma.webhookEndpoint.count()).toBe(0);
    const endpoint = await createEndpoint();
    const patch = await t.http
      .patch(`/api/admin/webhook-endpoints/${endpoint.id}`)
      .set(admin.auth)
      .send({ url: 'gopher://x' })
      .expect(400);
    expect(patch.body.code).toBe('INVALID_ENDPOINT_URL');
    await t.http.get('/api/admin/webhook-endpoints/not-a-uuid').set(admin.auth).expect(404);
    await t.http.post(`/api/admin/webhook-endpoints/${randomUUID()}/test`).set(admin.auth).expect(404);
    await t.http.post(`/api/admin/event-deliveries/${randomUUID()}/retry`).set(admin.auth).expect(404);
  });

  it('is for admins only', async () => {
    const user = await createUser(t);
    const response = await t.http.get('/api/admin/webhook-endpoints').set(user.auth).expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
    await t.http.get('/api/admin/events').expect(401);
  });
});

describe('delivery', () => {
  it('a test ping is delivered, signed, with the event id as webhook-id — also to a disabled, unsubscribed endpoint', async () => {
    const endpoint = await createEndpoint(['order.paid']);
    await t.http
      .patch(`/api/admin/webhook-endpoints/${endpoint.id}`)
      .set(admin.auth)
      .send({ enabled: false })
      .expect(200);
    const ping = await t.http
      .post(`/api/admin/webhook-endpoints/${endpoint.id}/test`)
      .set(admin.auth)
      .expect(202);

    const [request] = await eventually(
      () => receiver.at(endpoint.path).length > 0 && receiver.at(endpoint.path),
    );
    const payload = verifyEvent(request!, endpoint.secret);
    expect(payload).toEqual({
      id: ping.body.eventId,
      type: 'ping',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: { endpointId: endpoint.id },
    });
    expect(request!.headers['webhook-id']).toBe(ping.body.eventId);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'DELIVERED' && row;
    });
    expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: 200, lastResponseBody: '{"ok":true}' });
    expect(delivery.deliveredAt).toBeInstanceOf(Date);
    expect(delivery.attemptLog).toHaveLength(1);
  });

  it('fans out to every enabled endpoint subscribed to the type, and to no other', async () => {
    const all = await createEndpoint(['*']);
    const orders = await createEndpoint(['order.paid']);
    const lows = await createEndpoint(['balance.low']);
    const off = await createEndpoint(['*']);
    await t.http
      .patch(`/api/admin/webhook-endpoints/${off.id}`)
      .set(admin.auth)
      .send({ enabled: false })
      .expect(200);

    const [id] = await emit(lowBalance());
    await eventually(() => receiver.at(all.path).length === 1 && receiver.at(lows.path).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at(orders.path)).toHaveLength(0);
    expect(receiver.at(off.path)).toHaveLength(0);
    expect(await t.prisma.eventDelivery.count({ where: { eventId: id } })).toBe(2);
    expect(verifyEvent(receiver.at(all.path)[0]!, all.secret)).toMatchObject({
      id,
      type: 'balance.low',
      data: { remaining: 9, threshold: 10 },
    });
  });

  it('an endpoint created after an event was emitted never receives it, only the events after it', async () => {
    const early = await createEndpoint();
    const [before] = await emit(lowBalance());
    const late = await createEndpoint();
    const [after] = await emit(lowBalance());
    await eventually(() => receiver.at(early.path).length === 2 && receiver.at(late.path).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at(late.path).map((request) => verifyEvent(request, late.secret).id)).toEqual([after]);
    expect(await t.prisma.eventDelivery.count({ where: { eventId: before, endpointId: late.id } })).toBe(0);
  });

  it('a receiver failing twice then answering 200: delivered on the third attempt, the same webhook-id each time', async () => {
    const endpoint = await createEndpoint();
    receiver.handle(endpoint.path, (_request, response, index) => {
      response.writeHead(index < 2 ? 503 : 200).end(index < 2 ? 'try later' : 'ok');
    });
    const [id] = await emit(lowBalance());
    const delivery = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'DELIVERED' && row;
    });
    const requests = receiver.at(endpoint.path);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers['webhook-id']).toBe(id);
      expect(verifyEvent(request, endpoint.secret).id).toBe(id);
    }
    expect(delivery.attempts).toBe(3);
    expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
      [1, 503, 'try later'],
      [2, 503, 'try later'],
      [3, 200, 'ok'],
    ]);
    const page = await t.http
      .get(`/api/admin/webhook-endpoints/${endpoint.id}/deliveries`)
      .set(admin.auth)
      .expect(200);
    expect(page.body).toEqual({
      items: [
        {
          id: delivery.id,
          eventId: id,
          type: 'balance.low',
          status: 'DELIVERED',
          attempts: 3,
          lastStatusCode: 200,
          nextAttemptAt: null,
          deliveredAt: delivery.deliveredAt!.toISOString(),
        },
      ],
      nextCursor: null,
    });
  });

  it('a receiver that hangs: the attempt times out, and the retry delivers', async () => {
    const endpoint = await createEndpoint();
    receiver.handle(endpoint.path, (_request, response, index) => {
      if (index > 0) response.writeHead(204).end();
      // else: never answer
    });
    await emit(lowBalance());
    const delivery = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'DELIVERED' && row;
    });
    expect(delivery.attemptLog).toHaveLength(2);
    expect(delivery.attemptLog[0]).toMatchObject({ statusCode: null, error: 'no response within 700 ms' });
    expect(delivery.attemptLog[0]!.durationMs).toBeGreaterThanOrEqual(690);
    expect(delivery.attemptLog[1]).toMatchObject({ statusCode: 204 });
  });

  it('a redirect is not followed: it is a failed attempt', async () => {
    const endpoint = await createEndpoint();
    const target = `/redirect-target-${randomUUID()}`;
    receiver.handle(endpoint.path, (_request, response) => {
      response.writeHead(307, { location: `${receiver.url}${target}` }).end();
    });
    await emit(lowBalance());
    const delivery = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'FAILED' && row;
    });
    expect(receiver.at(target)).toHaveLength(0);
    expect(delivery).toMatchObject({ attempts: 4, lastStatusCode: 307, deliveredAt: null });
    expect(delivery.lastError).toContain('redirects are not followed');
  });

  it('keeps at most 1 KB of a response body', async () => {
    const endpoint = await createEndpoint();
    receiver.handle(endpoint.path, (_request, response) => {
      response.writeHead(200).end('x'.repeat(50_000));
    });
    await emit(lowBalance());
    const delivery = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'DELIVERED' && row;
    });
    expect(delivery.lastResponseBody).toBe('x'.repeat(1024));
    expect(delivery.attemptLog[0]!.responseBody).toHaveLength(1024);
  });

  it('a transaction that rolls back emits nothing; the one that commits is delivered', async () => {
    const endpoint = await createEndpoint();
    const owner = wallet();
    await expect(
      t.app.get(SqlDatabase).transaction(async (tx) => {
        await outbox.append(tx, [lowBalance(owner)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [id] = await emit(lowBalance(owner));
    await eventually(() => receiver.at(endpoint.path).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at(endpoint.path).map((r) => r.headers['webhook-id'])).toEqual([id]);
    expect(await t.prisma.outboxEvent.count({ where: { walletId: owner.walletId } })).toBe(1);
  });

  it('manual retry: a FAILED delivery is attempted again (202); a DELIVERED one is 409', async () => {
    const endpoint = await createEndpoint();
    let healthy = false;
    receiver.handle(endpoint.path, (_request, response) => response.writeHead(healthy ? 200 : 500).end());
    await emit(lowBalance());
    const failed = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'FAILED' && row;
    });
    const listed = await t.http
      .get(`/api/admin/webhook-endpoints/${endpoint.id}/deliveries?status=FAILED`)
      .set(admin.auth)
      .expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([failed.id]);

    healthy = true;
    await t.http.post(`/api/admin/event-deliveries/${failed.id}/retry`).set(admin.auth).expect(202);
    const delivered = await eventually(async () => {
      const row = await deliveryOf(endpoint.id);
      return row.status === 'DELIVERED' && row;
    });
    expect(delivered.attempts).toBe(5);
    const again = await t.http
      .post(`/api/admin/event-deliveries/${failed.id}/retry`)
      .set(admin.auth)
      .expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'ALREADY_DELIVERED' });
  });

  it('secret rotation: for 24 hours both signatures are sent and each secret verifies alone', async () => {
    const endpoint = await createEndpoint();
    const rotated = await t.http
      .post(`/api/admin/webhook-endpoints/${endpoint.id}/rotate-secret`)
      .set(admin.auth)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const [id] = await emit(lowBalance());
    const [request] = await eventually(
      () => receiver.at(endpoint.path).length === 1 && receiver.at(endpoint.path),
    );
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyEvent(request!, rotated.body.secret).id).toBe(id);
    expect(verifyEvent(request!, endpoint.secret).id).toBe(id);

    // 24 hours later (moved through the row): only the new secret signs.
    await t.prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    await emit(lowBalance());
    const [, later] = await eventually(
      () => receiver.at(endpoint.path).length === 2 && receiver.at(endpoint.path),
    );
    expect(String(later!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyEvent(later!, rotated.body.secret)).toBeTruthy();
    expect(() => verifyEvent(later!, endpoint.secret)).toThrow('No matching signature found');
  });

  it('an endpoint failing every delivery for 24 hours is disabled; before that, or after a success, it is not', async () => {
    const failing = await createEndpoint();
    const young = await createEndpoint();
    for (const endpoint of [failing, young])
      receiver.handle(endpoint.path, (_q, response) => response.writeHead(500).end());
    // Time moves through the rows: one streak began 25 hours ago, the other 23.
    await t.prisma.webhookEndpoint.update({
      where: { id: failing.id },
      data: { failingSince: new Date(Date.now() - 25 * 3600_000) },
    });
    await t.prisma.webhookEndpoint.update({
      where: { id: young.id },
      data: { failingSince: new Date(Date.now() - 23 * 3600_000) },
    });
    await emit(lowBalance());
    await eventually(
      async () =>
        (await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: failing.id } })).enabled === false,
    );
    const disabled = await t.http
      .get(`/api/admin/webhook-endpoints/${failing.id}`)
      .set(admin.auth)
      .expect(200);
    expect(disabled.body).toMatchObject({
      enabled: false,
      disabledReason: 'every delivery failed for 24 hours',
    });
    // The disabled endpoint gets no more attempts; its delivery waits (PENDING) in case it is re-enabled.
    const attemptsWhenDisabled = receiver.at(failing.path).length;
    await eventually(() => receiver.at(young.path).length >= 3);
    expect(receiver.at(failing.path)).toHaveLength(attemptsWhenDisabled);
    expect((await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: young.id } })).enabled).toBe(
      true,
    );

    // A success ends the streak.
    receiver.handle(young.path, (_q, response) => response.writeHead(200).end());
    await emit(lowBalance());
    await eventually(
      async () =>
        (await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: young.id } })).failingSince === null,
    );
  });
});

describe('the event log', () => {
  it('lists the outbox newest first, by type and wallet, keyset-paged', async () => {
    const owner = wallet();
    const ids = [];
    // createdAt has millisecond precision and ties are ordered by id: a tick between events makes "newest
    // first" the order they were emitted in.
    const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2));
    for (let i = 0; i < 3; i++) {
      ids.push(...(await emit(lowBalance(owner))));
      await nextMillisecond();
    }
    ids.push(...(await emit(outgoingEvents.balanceDepleted({ ...owner, remaining: 0 }))));
    await emit(lowBalance());

    const first = await t.http
      .get(`/api/admin/events?walletId=${owner.walletId}&limit=2`)
      .set(admin.auth)
      .expect(200);
    expect(first.body.items.map((e: { id: string }) => e.id)).toEqual([ids[3], ids[2]]);
    expect(first.body.items[0]).toMatchObject({
      type: 'balance.depleted',
      walletId: owner.walletId,
      data: { walletId: owner.walletId, userId: owner.userId, remaining: 0 },
    });
    const second = await t.http
      .get(`/api/admin/events?walletId=${owner.walletId}&limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([ids[1], ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const lows = await t.http
      .get(`/api/admin/events?walletId=${owner.walletId}&type=balance.low`)
      .set(admin.auth)
      .expect(200);
    expect(lows.body.items).toHaveLength(3);
    await t.http.get('/api/admin/events?type=nope').set(admin.auth).expect(400);
    await t.http.get('/api/admin/events?walletId=nope').set(admin.auth).expect(400);
    const forged = await t.http.get('/api/admin/events?cursor=abc.def').set(admin.auth).expect(400);
    expect(forged.body.code).toBe('INVALID_CURSOR');
  });

  it("pages an endpoint's deliveries", async () => {
    const endpoint = await createEndpoint();
    for (let i = 0; i < 3; i++) await emit(lowBalance());
    await eventually(() => receiver.at(endpoint.path).length === 3);
    const first = await t.http
      .get(`/api/admin/webhook-endpoints/${endpoint.id}/deliveries?limit=2`)
      .set(admin.auth)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http
      .get(`/api/admin/webhook-endpoints/${endpoint.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    // Another endpoint's cursor is refused.
    const other = await createEndpoint();
    await t.http
      .get(`/api/admin/webhook-endpoints/${other.id}/deliveries?cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(400);
  });
});
