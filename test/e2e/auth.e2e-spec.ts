import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../support/factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

/**
 * docs/api.md, "Accounts" and "Conventions" (the error contract), end to end on a real PostgreSQL. The whole suite runs with
 * captured logs, and the last test proves that no password, token or API key used here was ever logged.
 */

const ADMIN_EMAIL = 'boss@example.com';
const PASSWORD = 'correct horse battery staple';

/** Every secret this suite sends or receives; none may appear in a log line. */
const secrets = new Set<string>([PASSWORD]);
function remember<T extends string>(secret: T): T {
  secrets.add(secret);
  return secret;
}

let t: TestApp;
let counter = 0;
function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${Date.now()}@example.com`;
}

async function register(body: Record<string, unknown>) {
  if (typeof body.password === 'string') remember(body.password);
  const response = await t.http.post('/api/auth/register').send(body);
  if (typeof response.body?.accessToken === 'string') remember(response.body.accessToken);
  return response;
}

/** The contract's error body: {statusCode, code, message}, plus `details` for validation errors only. */
function expectErrorBody(body: Record<string, unknown>, statusCode: number, code: string): void {
  expect(body).toMatchObject({ statusCode, code, message: expect.any(String) });
  expect((body.message as string).length).toBeGreaterThan(0);
  if (code === 'VALIDATION_FAILED') {
    expect(body.details).toEqual(
      expect.arrayContaining([{ field: expect.any(String), errors: expect.any(Array) }]),
    );
  }
  // Nothing from inside the service leaks into an error body.
  expect(JSON.stringify(body)).not.toMatch(/stack|prisma|SELECT|INSERT|node_modules/i);
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A compact JWS built by hand, so that a test can choose the header, the claims and the key. */
function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  secret: string | null,
): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return remember(`${unsigned}.${signature}`);
}

beforeAll(async () => {
  t = await createTestApp({
    env: { ADMIN_EMAILS: `someone-else@example.com, ${ADMIN_EMAIL.toUpperCase()}` },
    captureLogs: true,
  });
});
afterAll(() => t?.close());

describe('register → login → me', () => {
  it('registers, logs in with the same password and reads the account back', async () => {
    const email = uniqueEmail('ada');
    const registered = await register({ email, password: PASSWORD, name: 'Ada Lovelace' }).then((r) => r);
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { id: expect.any(String), email, name: 'Ada Lovelace', role: 'USER' },
    });

    const stored = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(PASSWORD);

    const login = await t.http.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    remember(login.body.accessToken);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', user: registered.body.user });

    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ ...registered.body.user, createdAt: stored.createdAt.toISOString() });
  });

  it('stores the email lower-cased and logs in whatever the letter case', async () => {
    const email = uniqueEmail('Mixed.Case');
    const registered = await register({ email: `  ${email.toUpperCase()} `, password: PASSWORD });
    expect(registered.status).toBe(201);
    expect(registered.body.user.email).toBe(email.toLowerCase());
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: email.toUpperCase(), password: PASSWORD });
    expect(login.status).toBe(200);
    remember(login.body.accessToken);
  });

  it('refuses a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
    const email = uniqueEmail();
    await register({ email, password: PASSWORD });
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ email, password: remember('not the password') });
    expect(wrong.status).toBe(401);
    expectErrorBody(wrong.body, 401, 'INVALID_CREDENTIALS');
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ email: uniqueEmail('nobody'), password: PASSWORD });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('register validation', () => {
  it('answers 409 EMAIL_TAKEN for a taken email, also in another letter case', async () => {
    const email = uniqueEmail('taken');
    expect((await register({ email, password: PASSWORD })).status).toBe(201);

    const same = await register({ email, password: PASSWORD });
    expect(same.status).toBe(409);
    expectErrorBody(same.body, 409, 'EMAIL_TAKEN');

    const otherCase = await register({
      email: email.toUpperCase(),
      password: remember('another password 1'),
    });
    expect(otherCase.status).toBe(409);
    expectErrorBody(otherCase.body, 409, 'EMAIL_TAKEN');
    expect(await t.prisma.user.count({ where: { email: { equals: email, mode: 'insensitive' } } })).toBe(1);
  });

  it('lets exactly one of several simultaneous registrations of one email win; the rest get 409', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => register({ email, password: PASSWORD })),
    );
    expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([201, 409, 409, 409, 409]);
    expect(await t.prisma.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    ['no @', 'not-an-email'],
    ['no domain', 'ada@'],
    ['empty', ''],
  ])('refuses an invalid email (%s) with 400 and details naming the field', async (_case, email) => {
    const response = await register({ email, password: PASSWORD });
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['email']);
  });

  it('accepts passwords of 8 and 128 characters and refuses 7 and 129', async () => {
    for (const [length, status] of [
      [7, 400],
      [8, 201],
      [128, 201],
      [129, 400],
    ] as const) {
      const response = await register({
        email: uniqueEmail(`len${length}`),
        password: 'p'.repeat(length - 1) + String(length % 10),
      });
      expect(response.status, `password of ${length} characters`).toBe(status);
      if (status === 400) {
        expectErrorBody(response.body, 400, 'VALIDATION_FAILED');
        expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
      }
    }
  });

  it('refuses unknown fields such as role: "ADMIN" with 400, and never creates an admin', async () => {
    const email = uniqueEmail('sneaky');
    const response = await register({ email, password: PASSWORD, role: 'ADMIN' });
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details).toEqual([
      { field: 'role', errors: [expect.stringMatching(/should not exist/)] },
    ]);
    expect(await t.prisma.user.findUnique({ where: { email } })).toBeNull();

    const other = await register({ email, password: PASSWORD, creditsTotal: 1_000_000 });
    expect(other.status).toBe(400);
    expect(await t.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(0);
  });

  it.each([
    ['email as a number', { email: 12345, password: PASSWORD }, 'email'],
    ['password as a number', { email: 'typed@example.com', password: 1234567890 }, 'password'],
    ['password as an array', { email: 'typed@example.com', password: [PASSWORD] }, 'password'],
    ['name as an object', { email: 'typed@example.com', password: PASSWORD, name: { first: 'Ada' } }, 'name'],
  ])('refuses wrong types (%s) with 400 naming the field', async (_case, body, field) => {
    const response = await t.http.post('/api/auth/register').send(body);
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a body that is not a JSON object, or is missing, with 400', async () => {
    const array = await t.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('[1,2]');
    expect(array.status).toBe(400);
    expect(array.body).toMatchObject({
      statusCode: 400,
      code: expect.stringMatching(/^(VALIDATION_FAILED|MALFORMED_JSON)$/),
    });
    const missing = await t.http.post('/api/auth/register');
    expect(missing.status).toBe(400);
    expectErrorBody(missing.body, 400, 'VALIDATION_FAILED');
  });

  it('answers 400 MALFORMED_JSON for a body that does not parse', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send(`{"email": "x@example.com", "password": "${PASSWORD}"`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a 2 MB body', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({ email: 'big@example.com', password: PASSWORD, name: 'x'.repeat(2 * 1024 * 1024) }),
      );
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.any(String),
    });
    expect(await t.prisma.user.findUnique({ where: { email: 'big@example.com' } })).toBeNull();
  });

  it('answers an unknown route with 404 and the error body', async () => {
    for (const request of [
      t.http.get('/api/no-such-route'),
      t.http.post('/api/auth/nope').send({}),
      t.http.get('/nowhere'),
    ]) {
      const response = await request;
      expect(response.status).toBe(404);
      expectErrorBody(response.body, 404, 'NOT_FOUND');
    }
  });
});

describe('JWT', () => {
  let user: Awaited<ReturnType<typeof createUser>>;
  const now = () => Math.floor(Date.now() / 1000);
  const claimsOf = () => ({ sub: user.id, email: user.email, role: 'USER', iat: now() });

  beforeAll(async () => {
    user = await createUser(t);
    remember(user.token);
  });

  it('accepts the token the service signed', async () => {
    const response = await t.http.get('/api/auth/me').set(user.auth);
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(user.id);
  });

  it('accepts a hand-made HS256 token with the right secret (the checks below are not vacuous)', async () => {
    const token = signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claimsOf(), exp: now() + 60 }, TEST_JWT_SECRET);
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it.each<[string, () => Record<string, string>]>([
    ['missing', () => ({})],
    ['empty bearer', () => ({ Authorization: 'Bearer ' })],
    ['not a bearer scheme', () => ({ Authorization: `Basic ${user.token}` })],
    ['malformed', () => ({ Authorization: 'Bearer not.a.jwt' })],
    ['garbage', () => ({ Authorization: 'Bearer abc' })],
    ['tampered payload', () => ({ Authorization: `Bearer ${tamper(user.token)}` })],
    [
      'signed with another secret',
      () => ({
        Authorization: `Bearer ${signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claimsOf(), exp: now() + 60 }, 'another-secret-of-sufficient-length-000')}`,
      }),
    ],
    [
      'alg none',
      () => ({
        Authorization: `Bearer ${signJwt({ alg: 'none', typ: 'JWT' }, { ...claimsOf(), exp: now() + 60 }, null)}`,
      }),
    ],
    [
      'alg None',
      () => ({
        Authorization: `Bearer ${signJwt({ alg: 'None' }, { ...claimsOf(), exp: now() + 60 }, null)}`,
      }),
    ],
    [
      'HS512 with the right secret',
      () => {
        const unsigned = `${base64url({ alg: 'HS512', typ: 'JWT' })}.${base64url({ ...claimsOf(), exp: now() + 60 })}`;
        return {
          Authorization: `Bearer ${remember(`${unsigned}.${createHmac('sha512', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`)}`,
        };
      },
    ],
    [
      'expired',
      () => ({
        Authorization: `Bearer ${signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claimsOf(), iat: now() - 7200, exp: now() - 3600 }, TEST_JWT_SECRET)}`,
      }),
    ],
  ])('answers 401 for a JWT that is %s', async (_case, headers) => {
    const response = await t.http.get('/api/auth/me').set(headers());
    expect(response.status).toBe(401);
    expectErrorBody(response.body, 401, 'UNAUTHORIZED');
  });

  it('answers 401 for a valid token of an account that no longer exists', async () => {
    const gone = await createUser(t);
    remember(gone.token);
    await t.prisma.user.delete({ where: { id: gone.id } });
    const response = await t.http.get('/api/auth/me').set(gone.auth);
    expect(response.status).toBe(401);
    expectErrorBody(response.body, 401, 'UNAUTHORIZED');
  });
});

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return remember(`${header}.${base64url({ ...claims, role: 'ADMIN' })}.${signature}`);
}

describe('API keys', () => {
  it('creates a key shown once, lists it without the key, authenticates with it, and revokes it', async () => {
    const owner = await createUser(t);
    remember(owner.token);
    const created = await t.http.post('/api/auth/api-keys').set(owner.auth).send({ name: 'CI pipeline' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'CI pipeline',
      prefix: expect.any(String),
      key: expect.any(String),
      createdAt: expect.any(String),
    });
    const key = remember(created.body.key as string);
    expect(key.startsWith(created.body.prefix)).toBe(true);

    // Stored as a hash: the key itself is nowhere in the table.
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(row)).not.toContain(key);

    const listed = await t.http.get('/api/auth/api-keys').set(owner.auth);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        name: 'CI pipeline',
        prefix: created.body.prefix,
        createdAt: created.body.createdAt,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const me = await t.http.get('/api/auth/me').set('X-API-Key', key);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(owner.id);
    const used = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(used.lastUsedAt).not.toBeNull();

    // A key that is one character off is not a key.
    const offByOne = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect((await t.http.get('/api/auth/me').set('X-API-Key', remember(offByOne))).status).toBe(401);

    expect((await t.http.delete(`/api/auth/api-keys/${created.body.id}`).set(owner.auth)).status).toBe(204);
    const revoked = await t.http.get('/api/auth/me').set('X-API-Key', key);
    expect(revoked.status).toBe(401);
    expectErrorBody(revoked.body, 401, 'UNAUTHORIZED');
    expect((await t.http.get('/api/auth/api-keys').set(owner.auth)).body).toEqual([]);

    // Revoking twice is a 404: there is no such active key any more.
    expect((await t.http.delete(`/api/auth/api-keys/${created.body.id}`).set(owner.auth)).status).toBe(404);
  });

  it("does not let a user delete, or see, another user's key (404)", async () => {
    const owner = await createUser(t);
    const intruder = await createUser(t);
    remember(owner.token);
    remember(intruder.token);
    const created = await t.http.post('/api/auth/api-keys').set(owner.auth).send({ name: 'mine' });
    remember(created.body.key);

    const attempt = await t.http.delete(`/api/auth/api-keys/${created.body.id}`).set(intruder.auth);
    expect(attempt.status).toBe(404);
    expectErrorBody(attempt.body, 404, 'NOT_FOUND');
    expect((await t.http.get('/api/auth/api-keys').set(intruder.auth)).body).toEqual([]);

    // The owner's key still works.
    expect((await t.http.get('/api/auth/me').set('X-API-Key', created.body.key)).status).toBe(200);
    expect(
      (await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } })).revokedAt,
    ).toBeNull();
  });

  it('answers 404 for a key id that is not a UUID, and 400 for a bad name', async () => {
    const owner = await createUser(t);
    remember(owner.token);
    const notUuid = await t.http.delete('/api/auth/api-keys/not-a-uuid').set(owner.auth);
    expect(notUuid.status).toBe(404);
    expectErrorBody(notUuid.body, 404, 'NOT_FOUND');
    const badName = await t.http.post('/api/auth/api-keys').set(owner.auth).send({ name: '' });
    expect(badName.status).toBe(400);
    expectErrorBody(badName.body, 400, 'VALIDATION_FAILED');
  });

  it('needs authentication to manage keys (401), and an unknown key is 401', async () => {
    expect((await t.http.get('/api/auth/api-keys')).status).toBe(401);
    expect((await t.http.post('/api/auth/api-keys').send({ name: 'x' })).status).toBe(401);
    const unknown = await t.http
      .get('/api/auth/me')
      .set('X-API-Key', remember('fc_definitely-not-a-real-key-0000000000000000000'));
    expect(unknown.status).toBe(401);
    expectErrorBody(unknown.body, 401, 'UNAUTHORIZED');
  });
});

describe('ADMIN_EMAILS', () => {
  it('gives the admin role to a listed email at registration, whatever its letter case', async () => {
    const response = await register({ email: 'Boss@Example.com', password: PASSWORD });
    expect(response.status).toBe(201);
    expect(response.body.user.role).toBe('ADMIN');
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.body.role).toBe('ADMIN');
  });

  it('gives the user role to everyone else, including look-alike emails', async () => {
    for (const email of ['boss@example.co', 'boss+1@example.com', 'xboss@example.com']) {
      const response = await register({ email, password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body.user.role, email).toBe('USER');
    }
    const admins = await t.prisma.user.findMany({ where: { role: 'ADMIN' }, select: { email: true } });
    expect(admins).toEqual([{ email: ADMIN_EMAIL }]);
  });
});

describe('logs of the whole auth suite', () => {
  it('carry a request id on each request line and no password, JWT or API key', async () => {
    // Send the secrets in every header that authenticates, once more, so the redaction is exercised.
    const key = [...secrets].find((secret) => secret.startsWith('fc_'))!;
    await t.http
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${[...secrets].find((s) => s.split('.').length === 3)}`)
      .set('X-API-Key', key)
      .set('Cookie', `session=${key}`);
    await t.http.post('/api/auth/login').send({ email: 'boss@example.com', password: PASSWORD });

    const lines = t.logs.join('').split('\n').filter(Boolean);
    const requestLines = lines.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    expect(requestLines.length).toBeGreaterThan(50);
    for (const entry of requestLines) expect(entry.req.id).toEqual(expect.any(String));

    expect(secrets.size).toBeGreaterThan(20);
    const everything = lines.join('\n');
    for (const secret of secrets) {
      expect(everything.includes(secret), `a secret of ${secret.length} characters was logged`).toBe(false);
      // A JWT's signature alone would also be a leak.
      const signature = secret.split('.')[2];
      if (signature && signature.length > 20) expect(everything.includes(signature)).toBe(false);
    }
    expect(everything).not.toMatch(/Bearer ey/);
    expect(everything).not.toContain(TEST_JWT_SECRET);
  });
});
