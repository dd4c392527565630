import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/checkout/sessions`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The `Idempotency-Key` header, when sent. */
  idempotencyKey?: string;
  rawBody: string;
  /** Parsed body: JSON, or Stripe's form encoding un-flattened into nested objects and arrays. */
  body: unknown;
  receivedAt: Date;
}

interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeRoute = (request: RecordedRequest, params: string[]) => FakeReply | undefined;

interface Hold {
  method: string;
  path: RegExp;
  handled: boolean;
  answerWhen?: Promise<unknown>;
  arrived: (request: RecordedRequest) => void;
}

/**
 * The part both provider fakes share: a node `http` server on 127.0.0.1 and a random port that records
 * every request, and failure modes a test can switch on (a status for the next N requests, or no
 * answer at all). Hanging sockets are destroyed by `close()`, so a test never waits for them.
 */
export class FakeProviderServer {
  readonly requests: RecordedRequest[] = [];
  url = '';
  private failures: { status: number; remaining: number } | undefined;
  private hanging = 0;
  private readonly holds: Hold[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(
    private readonly routes: Array<[method: string, pattern: RegExp, route: FakeRoute]>,
    private readonly errorBody: (status: number) => unknown,
    private readonly parseBody: (raw: string, contentType: string | undefined) => unknown,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Answer the next `times` requests (default 1; `Infinity` for all) with `status` and a provider-shaped error body. */
  failNext(status = 500, times = 1): void {
    this.failures = { status, remaining: times };
  }

  /** Never answer the next `times` requests (default: all of them until `recover()`). */
  hang(times = Infinity): void {
    this.hanging = times;
  }

  /**
   * Keeps the next request to `method` and `path` unanswered, for a test that kills the caller while it
   * waits. With `handled`, the fake does what the request asks first (the provider took it and only the
   * answer is lost); without, nothing happens (it never reached the provider). Resolves when it arrived.
   * With `answerWhen`, the answer is not lost but late: it is sent once that promise settles.
   */
  holdNext(
    method: string,
    path: RegExp,
    { handled, answerWhen }: { handled: boolean; answerWhen?: Promise<unknown> },
  ): Promise<RecordedRequest> {
    return new Promise((arrived) => this.holds.push({ method, path, handled, answerWhen, arrived }));
  }

  /** Back to normal answers. */
  recover(): void {
    this.failures = undefined;
    this.hanging = 0;
    this.holds.length = 0;
  }

  /** Recorded requests, optionally only those for `method` and `path` (string or pattern). */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const idempotencyKey = req.headers['idempotency-key'];
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      rawBody,
      body: rawBody ? this.parseBody(rawBody, req.headers['content-type']) : undefined,
      receivedAt: new Date(),
    };
    this.requests.push(recorded);

    const hold = this.holds.findIndex(
      (candidate) => candidate.method === recorded.method && candidate.path.test(recorded.path),
    );
    if (hold >= 0) {
      const [{ handled, answerWhen, arrived }] = this.holds.splice(hold, 1);
      const reply = handled ? this.reply(recorded) : undefined;
      arrived(recorded);
      if (answerWhen) {
        await answerWhen.catch(() => undefined);
        send(res, reply ?? this.reply(recorded));
      }
      return; // without answerWhen, the socket stays open until the client dies or close() destroys it
    }
    if (this.hanging > 0) {
      this.hanging -= 1;
      return; // the socket stays open until the client gives up or close() destroys it
    }
    if (this.failures && this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      return send(res, { status: this.failures.status, body: this.errorBody(this.failures.status) });
    }
    send(res, this.reply(recorded));
  }

  private reply(recorded: RecordedRequest): FakeReply {
    for (const [method, pattern, route] of this.routes) {
      const match = recorded.method === method ? pattern.exec(recorded.path) : null;
      if (!match) continue;
      const reply = route(recorded, match.slice(1).map(decodeURIComponent));
      if (reply) return reply;
    }
    return { status: 404, body: this.errorBody(404) };
  }
}

function send(res: ServerResponse, reply: FakeReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(body);
}

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}
