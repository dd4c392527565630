import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The wallet switcher's one effect on the API: the client's middleware names the selected organization
 * on every request, and leaves alone a request that names a wallet itself. Node has neither
 * localStorage nor the app's server nor a page origin, so they are stood in for; the client is loaded after them
 * because openapi-fetch takes `fetch` when it is created.
 */

const sent: Request[] = [];
const storage = new Map<string, string>();

let api: typeof import('./client.js').api;
let client: typeof import('./client.js');
let organizationStore: typeof import('../auth/organization-store.js').organizationStore;
let sessionStore: typeof import('../auth/session-store.js').sessionStore;

beforeAll(async () => {
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  // The app's client uses the page's origin ('' base URL); Node's Request wants an absolute URL.
  const NodeRequest = Request;
  vi.stubGlobal(
    'Request',
    class extends NodeRequest {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(typeof input === 'string' ? new URL(input, 'http://app.test') : input, init);
      }
    },
  );
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return Response.json({});
  });
  client = await import('./client.js');
  ({ api } = client);
  ({ organizationStore } = await import('../auth/organization-store.js'));
  ({ sessionStore } = await import('../auth/session-store.js'));
});

beforeEach(() => {
  sent.length = 0;
  storage.clear();
});

const ACME = '6f1c2a4e-0d5b-4b7e-9a1f-3c2d4e5f6a7b';
const OTHER = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

describe('the API client and the selected wallet', () => {
  it('sends no X-Organization-Id for the personal wallet', async () => {
    await api.GET('/api/credits/balance');
    expect(sent[0]?.headers.get('X-Organization-Id')).toBeNull();
  });

  it('names the selected organization on every request, until the personal wallet is chosen again', async () => {
    organizationStore.select(ACME);
    await api.GET('/api/credits/balance');
    await api.POST('/api/billing/checkout-sessions', { body: { credits: 50 } });
    organizationStore.select(null);
    await api.GET('/api/credits/balance');
    expect(sent.map((request) => request.headers.get('X-Organization-Id'))).toEqual([ACME, ACME, null]);
  });

  it('leaves a request that names its own wallet alone', async () => {
    organizationStore.select(ACME);
    await api.GET('/api/credits/balance', { params: { header: { 'X-Organization-Id': OTHER } } });
    expect(sent[0]?.headers.get('X-Organization-Id')).toBe(OTHER);
  });

  it('forgets the organization at sign-out, so the next person starts on their own wallet', () => {
    sessionStore.signIn('a-token');
    organizationStore.select(ACME);
    sessionStore.signOut();
    expect(organizationStore.selected()).toBeNull();
  });
});

describe('the API’s errors at their fields', () => {
  const details = [{ field: 'threshold', errors: ['threshold must not be less than 1'] }];

  it('reads VALIDATION_FAILED details per field', () => {
    const error = new client.ApiRequestError({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'threshold must not be less than 1',
      details,
    });
    expect(client.fieldErrors(error)).toEqual({ threshold: ['threshold must not be less than 1'] });
  });

  it('puts a code that is about one field, without details, at the field named for it', () => {
    const error = new client.ApiRequestError({
      statusCode: 400,
      code: 'INVALID_CREDITS',
      message: 'credits must be a positive integer multiple of 50, at most 1000000',
    });
    expect(client.fieldErrors(error, { INVALID_CREDITS: 'credits' })).toEqual({
      credits: ['credits must be a positive integer multiple of 50, at most 1000000'],
    });
    // Without the mapping it is no field's: the form shows it above the button instead.
    expect(client.fieldErrors(error)).toEqual({});
    const other = new client.ApiRequestError({
      statusCode: 409,
      code: 'NO_SAVED_PAYMENT_METHOD',
      message: 'x',
    });
    expect(client.fieldErrors(other, { INVALID_CREDITS: 'credits' })).toEqual({});
  });
});
