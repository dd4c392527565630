import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** Answers one request; the default answers 200. `index` counts requests from 0, per path. */
type ReceiverHandler = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

/**
 * The application's side of outgoing events: a real HTTP server on loopback that keeps every request
 * and lets a test decide how to answer (fail, hang, redirect).
 */
export interface EventReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Requests to one path (each endpoint of a test gets its own path). */
  at(path: string): ReceivedRequest[];
  handle(path: string, handler: ReceiverHandler): void;
  close(): Promise<void>;
}

export async function startEventReceiver(): Promise<EventReceiver> {
  const requests: ReceivedRequest[] = [];
  const handlers = new Map<string, ReceiverHandler>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      const index = requests.filter((r) => r.path === request.path).length;
      requests.push(request);
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      const handler = handlers.get(request.path);
      if (handler) handler(request, response, index);
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    at: (path) => requests.filter((request) => request.path === path),
    handle: (path, handler) => handlers.set(path, handler),
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Verifies a received request with the standardwebhooks library, as an application would; returns the payload. */
export function verifyEvent(
  request: ReceivedRequest,
  secret: string,
): { id: string; type: string; createdAt: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** Polls until `condition` holds (or fails the test after `timeoutMs`). */
export async function eventually<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
