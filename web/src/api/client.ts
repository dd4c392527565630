import { createForgeCreditsClient, isApiError, type ApiError } from '../../../client/src/index.js';
import { organizationStore } from '../auth/organization-store.js';
import { sessionStore } from '../auth/session-store.js';

/** The one client the app talks to the API through: same origin, the session's token, sign-out on 401. */
export const api = createForgeCreditsClient({
  baseUrl: '',
  accessToken: () => sessionStore.token(),
  onUnauthorized: () => sessionStore.signOut(),
});

export const ORGANIZATION_HEADER = 'X-Organization-Id';

/**
 * The wallet switcher's one effect on the API: every request names the selected organization, unless
 * the caller named a wallet itself (the organization screen reads an organization it has not
 * switched to). Routes that are not wallet-scoped ignore the header.
 */
api.use({
  onRequest({ request }) {
    const organizationId = organizationStore.selected();
    if (organizationId && !request.headers.has(ORGANIZATION_HEADER)) {
      request.headers.set(ORGANIZATION_HEADER, organizationId);
    }
    return request;
  },
});

/** What a failed call throws into TanStack Query: the API's own error body. */
export class ApiRequestError extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }
}

/** Unwraps an openapi-fetch result: the data, or the API's error body thrown as ApiRequestError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const error = result.error;
    throw new ApiRequestError(
      isApiError(error)
        ? error
        : {
            statusCode: result.response.status,
            code: 'INTERNAL_ERROR',
            message: 'The service did not answer as expected',
          },
    );
  }
  return result.data as T;
}

/**
 * The API's messages per field (VALIDATION_FAILED `details`), for a form's validationErrors. A code
 * that is about one field but carries no details (INVALID_CREDITS) is put at the field `codeFields`
 * names for it.
 */
export function fieldErrors(
  error: unknown,
  codeFields: Readonly<Record<string, string>> = {},
): Record<string, string[]> {
  if (!(error instanceof ApiRequestError)) return {};
  const field = codeFields[error.code];
  if (field !== undefined && !error.body.details?.length) return { [field]: [error.message] };
  return Object.fromEntries((error.body.details ?? []).map((detail) => [detail.field, detail.errors]));
}
