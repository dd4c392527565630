import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../support/factories.js';
import { PricedTestModule, TestGate } from '../support/priced-test-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('security headers (helmet)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a same-origin Content-Security-Policy and the usual hardening headers on every response', async () => {
    for (const path of ['/api/billing/packs', '/no/such/path', '/docs/']) {
      const response = await t.http.get(path);
      const csp = response.headers['content-security-policy'];
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['x-powered-by']).toBeUndefined();
      // PUBLIC_URL is http here: upgrading the page's requests to https would break every asset.
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('keeps Swagger UI working under it: no inline script, its scripts and styles served from this origin', async () => {
    const page = await t.http.get('/docs/').expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim(), 'inline script').toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      await t.http.get(new URL(src!, `${t.baseUrl}/docs/`).pathname).expect(200);
    }
    for (const [, href] of page.text.matchAll(/<link[^>]+href="([^"]+\.css)"/g)) {
      expect(href).not.toMatch(/^(https?:)?\/\//);
      await t.http.get(new URL(href, `${t.baseUrl}/docs/`).pathname).expect(200);
    }
  });
});

describe('CORS_ORIGINS', () => {
  const preflight = (t: TestApp, origin: string) =>
    t.http
      .options('/api/credits/balance')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');

  describe('unset', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('allows no other origin: no CORS headers at all', async () => {
      const response = await preflight(t, 'https://app.example.com');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http.get('/api/billing/packs').set('Origin', 'https://app.example.com');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        env: { CORS_ORIGINS: 'https://app.example.com, https://admin.example.com' },
      });
    });
    afterAll(() => t.close());

    it('allows the listed origins, with the headers the API reads and exposes', async () => {
      const response = await preflight(t, 'https://admin.example.com');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      const simple = await t.http.get('/api/billing/packs').set('Origin', 'https://app.example.com');
      expect(simple.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(simple.headers['access-control-expose-headers']).toMatch(/X-Credits-Remaining/);
    });

    it('allows no other origin', async () => {
      const response = await preflight(t, 'https://evil.example.com');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('Retry-After', () => {
  let t: TestApp;
  let gate: TestGate;
  beforeAll(async () => {
    t = await createTestApp({ imports: [PricedTestModule] });
    gate = t.app.get(TestGate);
  });
  afterAll(() => t.close());

  it('tells a client when to retry a 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const user = await createUser(t, { credits: 10 });
    const first = t.http
      .post('/api/test-priced/gated')
      .set(user.auth)
      .set('Idempotency-Key', 'retry-after')
      .send({})
      .then((r) => r);
    await gate.waitForArrivals(1);
    const second = await t.http
      .post('/api/test-priced/gated')
      .set(user.auth)
      .set('Idempotency-Key', 'retry-after')
      .send({});
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(second.headers['retry-after']).toBe('1');
    gate.open();
    expect((await first).status).toBe(200);
  });
});
