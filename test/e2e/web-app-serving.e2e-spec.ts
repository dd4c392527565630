import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The service serves the built web app at `/` (a small stand-in build here): files as files, index.html
 * for the app's own routes, and never for /api, /docs, /docs-json or /metrics, nor for a missing file.
 */

const INDEX = '<!doctype html><title>Forge Credits</title><div id="root"></div>';
let t: TestApp;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'forge-web-'));
  await mkdir(join(directory, 'assets'));
  await writeFile(join(directory, 'index.html'), INDEX);
  await writeFile(join(directory, 'assets', 'index-abc123.js'), 'console.log("app")');
  await writeFile(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({ webAppDirectory: directory });
});
afterAll(async () => {
  await t?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it.each(['/', '/orders/5f0c7f5e-8a5c-4d8e-9a57-2f9a8f0e7b1a?checkout=success', '/api-keys', '/documents'])(
    'answers GET %s with index.html, not cached',
    async (path) => {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(INDEX);
    },
  );

  it('serves hashed assets as files, cached for good, and other files of the build', async () => {
    const asset = await t.http.get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const icon = await t.http.get('/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/svg/);
  });

  it('keeps the API, Swagger and the metrics path to the service', async () => {
    const unknownApi = await t.http.get('/api/no-such-route').expect(404);
    expect(unknownApi.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await t.http.get('/api/billing/packs').expect(200);
    const docs = await t.http.get('/docs/').expect(200);
    expect(docs.text).toMatch(/swagger/i);
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).not.toBe(INDEX);
  });

  it('answers a missing file and any other method with the 404 error body, not index.html', async () => {
    for (const request of [
      t.http.get('/assets/missing-0000.js'),
      t.http.get('/robots.txt'),
      t.http.post('/orders').send({}),
      t.http.delete('/'),
    ]) {
      const response = await request;
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });
});
