import { useState } from 'react';
import { fieldErrors } from '../api/client.js';

/**
 * The API's field errors for a form's `validationErrors`, each dropped as soon as the user edits its
 * field (call `edited(name)` from the field's onChange). React Aria would otherwise drop it on blur,
 * and a message vanishing as the pointer goes down moves the submit button away before the click.
 * `codeFields` puts a field's own error code (no `details`) at that field, see `fieldErrors`.
 */
export function useServerFieldErrors(error: unknown, codeFields?: Readonly<Record<string, string>>) {
  const [state, setState] = useState<{ error: unknown; fields: Set<string> }>({ error, fields: new Set() });
  const fields = state.error === error ? state.fields : new Set<string>();
  if (state.error !== error) setState({ error, fields });

  const all = fieldErrors(error, codeFields);
  const errors = Object.fromEntries(Object.entries(all).filter(([field]) => !fields.has(field)));
  function edited(name: string) {
    if (name in all && !fields.has(name)) setState({ error, fields: new Set(fields).add(name) });
  }
  return { errors, edited, hasFieldErrors: Object.keys(all).length > 0 };
}
