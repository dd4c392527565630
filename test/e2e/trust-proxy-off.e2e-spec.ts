import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loggedIps, loginFrom } from '../support/client-addresses.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// nestjs-pino keeps one request logger per process, the first application's: a file that reads the logs
// of an application must start it first. So the setting and its absence have a file each.
describe('TRUST_PROXY unset', () => {
  describe('the service facing clients directly', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' }, captureLogs: true });
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For: a forged header changes nothing', async () => {
      expect((await loginFrom(t, '203.0.113.10')).status).toBe(401);
      expect((await loginFrom(t, '203.0.113.20')).status).toBe(401);
      // Without the header, or with yet another forged address, it is still the same (socket) client.
      expect((await loginFrom(t)).status).toBe(429);
      expect((await loginFrom(t, '203.0.113.30')).status).toBe(429);
    });

    it('logs the socket peer, not the forged address', async () => {
      // Written a moment after each response: wait for the four logins of the test above.
      await vi.waitFor(() => expect(loggedIps(t).length).toBeGreaterThanOrEqual(4));
      const ips = loggedIps(t);
      expect(ips.every((ip) => ip === '127.0.0.1' || ip === '::ffff:127.0.0.1')).toBe(true);
    });
  });
});
