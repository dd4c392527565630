import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** The response and request bodies of the API, by schema name: `Schemas['BalanceDto']`. */
export type Schemas = components['schemas'];

/** Every error the API answers: `{statusCode, code, message, details?}`. */
export type ApiError = Schemas['ErrorResponseDto'];

export type ForgeCreditsClient = Client<paths>;

export interface ForgeCreditsClientOptions {
  /** Where the service runs, e.g. `https://credits.example.com`; '' for the same origin (a browser app it serves). */
  baseUrl: string;
  /** A user's access token (POST /api/auth/login), read on every request so it can change. */
  accessToken?: () => string | null | undefined;
  /** An API key (POST /api/auth/api-keys), for servers and scripts. */
  apiKey?: string;
  /** Called with every 401, e.g. to send a browser user back to the sign-in page. */
  onUnauthorized?: () => void;
  fetch?: typeof globalThis.fetch;
}

/**
 * A typed client for the Forge Credits API: paths, parameters, bodies and responses are checked by
 * TypeScript against openapi.json. `const { data, error } = await client.GET('/api/credits/balance')`.
 */
export function createForgeCreditsClient(options: ForgeCreditsClientOptions): ForgeCreditsClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.accessToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      else if (options.apiKey) request.headers.set('X-API-Key', options.apiKey);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.();
      return response;
    },
  };
  client.use(auth);
  return client;
}

/** True for the API's error body, whatever the status. */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).statusCode === 'number'
  );
}
