/** Names of the OpenAPI security schemes declared in bootstrap.ts and referenced by route decorators. */
export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'api-key';
