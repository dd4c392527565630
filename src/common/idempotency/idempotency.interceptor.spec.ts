import { Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeHandler,
  FakeResponse,
  fakeRequest,
  type FakeRequest,
  httpContext,
} from '../../../test/support/fake-http.js';
import { AppException } from '../errors/app-exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { DEFAULT_IDEMPOTENCY_LEASE_SECONDS, IdempotencyLease } from './idempotency-lease.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { type ClaimResult, IdempotencyRepository, type StoredHeaders } from './idempotency.repository.js';

/** The repository's contract in memory: one record per (user, key), claimed, then completed or released. */
class FakeIdempotencyRepository {
  readonly claims: { userId: string; key: string; fingerprint: string; leaseSeconds: number }[] = [];
  readonly released: string[] = [];
  failToComplete = false;
  private readonly records = new Map<
    string,
    { id: string; fingerprint: string; done?: { status: number; body: unknown; headers: StoredHeaders } }
  >();
  private nextId = 1;

  async claim(userId: string, key: string, fingerprint: string, leaseSeconds: number): Promise<ClaimResult> {
    this.claims.push({ userId, key, fingerprint, leaseSeconds });
    const existing = this.records.get(`${userId}/${key}`);
    if (!existing) {
      const id = `record-${this.nextId++}`;
      this.records.set(`${userId}/${key}`, { id, fingerprint });
      return { outcome: 'claimed', recordId: id };
    }
    if (!existing.done) return { outcome: 'in-progress' };
    if (existing.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    return { outcome: 'completed', ...existing.done };
  }

  async complete(recordId: string, status: number, body: unknown, headers: StoredHeaders): Promise<void> {
    if (this.failToComplete) throw new Error('database went away');
    const record = [...this.records.values()].find((candidate) => candidate.id === recordId);
    if (record) record.done = { status, body, headers };
  }

  async release(recordId: string): Promise<void> {
    this.released.push(recordId);
    for (const [name, record] of this.records)
      if (record.id === recordId && !record.done) this.records.delete(name);
  }

  stored(userId: string, key: string) {
    return this.records.get(`${userId}/${key}`)?.done;
  }
}

class CheckoutController {
  create(): void {}

  @IdempotencyLease(90)
  slow(): void {}
}

describe('IdempotencyInterceptor', () => {
  let records: FakeIdempotencyRepository;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    records = new FakeIdempotencyRepository();
    interceptor = new IdempotencyInterceptor(records as unknown as IdempotencyRepository, new Reflector());
  });

  /** One request through the interceptor, as Nest runs it: the route's status is set before it. */
  async function send(
    request: FakeRequest,
    handler: FakeHandler,
    route: (...args: never[]) => unknown = CheckoutController.prototype.create,
  ): Promise<{ body: unknown; response: FakeResponse }> {
    const response = new FakeResponse().status(201);
    const context = httpContext(request, response, CheckoutController, route);
    const body = await lastValueFrom(interceptor.intercept(context, handler), { defaultValue: undefined });
    return { body, response };
  }

  const withKey = (key: string, body: unknown = { credits: 100 }) =>
    fakeRequest({ headers: { 'idempotency-key': key }, body });

  it('is built by Nest from its constructor parameter types (decorator metadata is emitted)', () => {
    expect(Reflect.getMetadata('design:paramtypes', IdempotencyInterceptor)).toEqual([
      IdempotencyRepository,
      Reflector,
    ]);
  });

  it('without an Idempotency-Key runs the handler and keeps nothing', async () => {
    const handler = new FakeHandler({ result: { id: 1 } });
    const { body } = await send(fakeRequest(), handler);
    expect(body).toEqual({ id: 1 });
    expect(handler.calls).toBe(1);
    expect(records.claims).toEqual([]);
  });

  it('runs the first request once and stores its status, body and credit headers', async () => {
    const handler = new FakeHandler({ result: { orderId: 'o-1' } });
    const request = withKey('key-1');
    const { body } = await send(request, handler);
    expect(body).toEqual({ orderId: 'o-1' });
    expect(handler.calls).toBe(1);
    expect(records.claims).toEqual([
      expect.objectContaining({
        userId: request.user!.id,
        key: 'key-1',
        leaseSeconds: DEFAULT_IDEMPOTENCY_LEASE_SECONDS,
      }),
    ]);
    expect(records.stored(request.user!.id, 'key-1')).toEqual({
      status: 201,
      body: { orderId: 'o-1' },
      headers: {},
    });
  });

  it('replays a completed request: same status, body and credit headers, Idempotent-Replayed, handler not run', async () => {
    const first = new FakeHandler({ result: { output: 'done' } });
    const firstResponse = new FakeResponse().status(201);
    firstResponse.setHeader('X-Credits-Cost', 10).setHeader('X-Credits-Remaining', 90);
    const context = httpContext(
      withKey('key-2'),
      firstResponse,
      CheckoutController,
      CheckoutController.prototype.create,
    );
    await lastValueFrom(interceptor.intercept(context, first));

    const retry = new FakeHandler({ result: { output: 'again' } });
    const { body, response } = await send(withKey('key-2'), retry);
    expect(retry.calls).toBe(0);
    expect(body).toEqual({ output: 'done' });
    expect(response.statusCode).toBe(201);
    expect(response.getHeader('idempotent-replayed')).toBe('true');
    expect(response.getHeader('x-credits-cost')).toBe('10');
    expect(response.getHeader('x-credits-remaining')).toBe('90');
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request with the key runs', async () => {
    await records.claim(fakeRequest().user!.id, 'key-3', 'whatever', 60);
    const handler = new FakeHandler();
    await expect(send(withKey('key-3'), handler)).rejects.toMatchObject({
      code: ErrorCode.IDEMPOTENCY_IN_PROGRESS,
      status: 409,
    });
    expect(handler.calls).toBe(0);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, and not for reformatted JSON', async () => {
    await send(withKey('key-4', { credits: 100, provider: 'stripe' }), new FakeHandler({ result: 'first' }));
    const other = new FakeHandler();
    await expect(send(withKey('key-4', { credits: 250 }), other)).rejects.toMatchObject({
      code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
      status: 422,
    });
    expect(other.calls).toBe(0);
    // The fingerprint is over the parsed body: the same JSON sent with other whitespace is the same request.
    const same = await send(
      withKey('key-4', JSON.parse('{ "credits" : 100, "provider":"stripe" }')),
      new FakeHandler(),
    );
    expect(same.body).toBe('first');
  });

  it('tells requests apart by route as well as body', async () => {
    const user = fakeRequest().user!;
    await send(
      fakeRequest({ headers: { 'idempotency-key': 'k' }, path: '/api/a', route: { path: '/api/a' } }),
      new FakeHandler(),
    );
    await send(
      fakeRequest({ headers: { 'idempotency-key': 'l' }, path: '/api/b', route: { path: '/api/b' } }),
      new FakeHandler(),
    );
    const [a, b] = records.claims;
    expect(a.userId).toBe(user.id);
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not printable ASCII', 'clé'],
    ['sent twice', ['a', 'b']],
  ])(
    'refuses a key that is %s with 400 INVALID_IDEMPOTENCY_KEY, before anything is claimed',
    async (_, key) => {
      const handler = new FakeHandler();
      const error = await send(fakeRequest({ headers: { 'idempotency-key': key } }), handler).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppException);
      expect(error).toMatchObject({ code: ErrorCode.INVALID_IDEMPOTENCY_KEY, status: 400 });
      expect(handler.calls).toBe(0);
      expect(records.claims).toEqual([]);
    },
  );

  it('frees the key when the handler fails, so a retry runs again', async () => {
    const failure = new Error('feature broke');
    await expect(send(withKey('key-5'), new FakeHandler({ error: failure }))).rejects.toBe(failure);
    expect(records.released).toEqual(['record-1']);

    const retry = new FakeHandler({ result: 'second try' });
    expect((await send(withKey('key-5'), retry)).body).toBe('second try');
    expect(retry.calls).toBe(1);
  });

  it('still answers the finished work when storing the response fails, and does not free the key', async () => {
    records.failToComplete = true;
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const handler = new FakeHandler({ result: { charged: true } });
    expect((await send(withKey('key-6'), handler)).body).toEqual({ charged: true });
    expect(records.released).toEqual([]);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    // The key stays claimed: a retry is refused rather than run (and charged) a second time.
    await expect(send(withKey('key-6'), new FakeHandler())).rejects.toMatchObject({
      code: ErrorCode.IDEMPOTENCY_IN_PROGRESS,
    });
  });

  it('claims the key for the lease the route sets (@RequiresCredits sets it above its hold)', async () => {
    await send(withKey('key-7'), new FakeHandler(), CheckoutController.prototype.slow);
    expect(records.claims[0].leaseSeconds).toBe(90);
  });
});
