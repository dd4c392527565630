import { ApiRequestError } from '../api/client.js';

/** A failed call, in the API's own words, announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiRequestError ? error.message : 'Something went wrong. Please try again.';
  return (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  );
}
