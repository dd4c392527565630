import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

// nestjs-pino keeps one request logger per process, the first application's: this file starts only one.
describe('request logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true });
  });
  afterAll(() => t.close());

  it('leave out health probes and metrics scrapes, and keep every other request', async () => {
    await t.http.get('/api/health').expect(200);
    await t.http.get('/api/health/live').expect(200);
    await t.http.get('/api/health/ready').expect(200);
    await t.http.get('/metrics').expect(200);
    await t.http.get('/api/billing/packs').expect(200);
    const loggedPaths = () =>
      t.logs
        .flatMap((chunk) => chunk.split('\n').filter(Boolean))
        .map((line) => JSON.parse(line) as { req?: { path?: string } })
        .flatMap((entry) => (entry.req?.path ? [entry.req.path] : []));
    // pino writes the line once the response has gone out, a moment after the client has it.
    await vi.waitFor(() => expect(loggedPaths()).toContain('/api/billing/packs'));
    const paths = loggedPaths();
    expect(paths.filter((path) => path.startsWith('/api/health') || path === '/metrics')).toEqual([]);
  });
});
