import type { TestApp } from './test-app.js';

/** The client addresses of the request log lines an app with `captureLogs` has written so far. */
export const loggedIps = (t: TestApp): string[] =>
  t.logs
    .flatMap((chunk) => chunk.split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { req?: { ip?: string } })
    .flatMap((entry) => (entry.req?.ip ? [entry.req.ip] : []));

/** A failed login from the client a proxy names in X-Forwarded-For (or from whoever sent the header). */
export const loginFrom = (t: TestApp, forwardedFor?: string) => {
  const request = t.http.post('/api/auth/login');
  if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
  return request.send({ email: 'nobody@example.com', password: 'wrong-password' });
};
