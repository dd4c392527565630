import type { CallHandler } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { defer, of, type Observable } from 'rxjs';

/**
 * The few parts of Express's request and response that interceptors and the exception filter touch, for
 * unit specs that run them without an HTTP server. Headers are kept lower-case, as Node keeps them.
 */
export interface FakeRequest {
  method: string;
  path: string;
  originalUrl: string;
  url: string;
  route?: { path: string };
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { id: string; email: string; role: 'USER' | 'ADMIN' };
  id?: string;
}

export class FakeResponse {
  statusCode = 200;
  headersSent = false;
  sentBody: unknown;
  private readonly headers = new Map<string, string>();

  setHeader(name: string, value: string | number): this {
    this.headers.set(name.toLowerCase(), String(value));
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }

  header(name: string): string | undefined {
    return this.getHeader(name);
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  json(body: unknown): this {
    this.sentBody = body;
    this.headersSent = true;
    return this;
  }
}

export function fakeRequest(overrides: Partial<FakeRequest> = {}): FakeRequest {
  const path = overrides.path ?? '/api/things';
  return {
    method: 'POST',
    path,
    originalUrl: path,
    url: path,
    route: { path },
    headers: {},
    body: {},
    user: { id: '6f1c2b1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f', email: 'user@example.com', role: 'USER' },
    id: 'request-1',
    ...overrides,
  };
}

/** An ExecutionContext for `handler` of `controller`, over the fake request and response. */
export function httpContext(
  request: FakeRequest,
  response: FakeResponse,
  controller: abstract new (...args: never[]) => unknown = Object,
  handler: (...args: never[]) => unknown = () => undefined,
): ExecutionContextHost {
  const context = new ExecutionContextHost([request, response], controller as never, handler);
  context.setType('http');
  return context;
}

/**
 * A route handler stand-in that counts its runs and answers `result` (or throws `error`). Nest sets the
 * route's status on the response before the interceptors run, so a spec sets `response.statusCode` itself.
 */
export class FakeHandler implements CallHandler {
  calls = 0;

  constructor(
    private readonly outcome: { result?: unknown; error?: unknown } = {},
    /** Called as the handler runs: lets a spec record what had happened before it. */
    private readonly onRun: () => void = () => undefined,
  ) {}

  handle(): Observable<unknown> {
    return defer(() => {
      this.calls++;
      this.onRun();
      if (this.outcome.error !== undefined) throw this.outcome.error;
      return of(this.outcome.result);
    });
  }
}
