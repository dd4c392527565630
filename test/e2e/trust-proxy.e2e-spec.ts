import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loggedIps, loginFrom } from '../support/client-addresses.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('TRUST_PROXY', () => {
  describe('set to the proxy in front (loopback here: the test client plays the load balancer)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        env: { AUTH_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' },
        captureLogs: true,
      });
    });
    afterAll(() => t.close());

    it('gives two clients behind one proxy a rate-limit bucket each', async () => {
      expect((await loginFrom(t, '203.0.113.10')).status).toBe(401);
      expect((await loginFrom(t, '203.0.113.10')).status).toBe(401);
      expect((await loginFrom(t, '203.0.113.10')).status).toBe(429);
      // Another client behind the same proxy still has its own attempts.
      expect((await loginFrom(t, '203.0.113.20')).status).toBe(401);
      expect((await loginFrom(t, '203.0.113.20')).status).toBe(401);
      expect((await loginFrom(t, '203.0.113.20')).status).toBe(429);
    });

    it('counts the address the trusted proxy saw, not one the client put in front of it', async () => {
      // The proxy appends the peer it saw to what the client sent: the client cannot escape its bucket.
      expect((await loginFrom(t, '198.51.100.1, 203.0.113.10')).status).toBe(429);
      expect((await loginFrom(t, '198.51.100.2, 203.0.113.10')).status).toBe(429);
    });

    it('logs the client address', async () => {
      await vi.waitFor(() =>
        expect(loggedIps(t)).toEqual(expect.arrayContaining(['203.0.113.10', '203.0.113.20'])),
      );
    });
  });
});
