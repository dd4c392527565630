import { type FormEvent, useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatDateTime } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { formText } from '../components/form-text.js';

/** Keys for servers and scripts (`X-API-Key`). A new key is shown once: the service keeps only its hash. */
export function ApiKeysScreen() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const serverErrors = useServerFieldErrors(create.error);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = formText(new FormData(formElement), 'name').trim();
    create.mutate(name, {
      onSuccess: (key) => {
        setCreated({ name: key.name, key: key.key });
        formElement.reset();
      },
    });
  }

  return (
    <Screen title="API keys">
      <article className="card" aria-labelledby="new-key-title">
        <h2 id="new-key-title">New key</h2>
        <Form className="form form--inline" onSubmit={onSubmit} validationErrors={serverErrors.errors}>
          <TextField
            name="name"
            onChange={() => serverErrors.edited('name')}
            isRequired
            maxLength={100}
            className="field"
          >
            <Label>Name</Label>
            <Input />
            <FieldError className="field__error" />
          </TextField>
          <Button type="submit" className="button button--primary" isDisabled={create.isPending}>
            Create key
          </Button>
        </Form>
        {create.error && !serverErrors.hasFieldErrors && <ErrorNotice error={create.error} />}
        {created && (
          <div className="notice notice--success" role="status" data-testid="new-key">
            <p>
              Your key <strong>{created.name}</strong>. Copy it now: it is shown only once.
            </p>
            <code className="secret">{created.key}</code>
            <Button className="button" onPress={() => setCreated(null)}>
              I have copied it
            </Button>
          </div>
        )}
      </article>
      <article className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Your keys</h2>
        <ErrorNotice error={keys.error ?? revoke.error} />
        {keys.data?.length === 0 && <p className="muted">No keys yet.</p>}
        {keys.data && keys.data.length > 0 && (
          <div className="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{formatDateTime(key.createdAt)}</td>
                    <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                    <td>
                      <Button
                        className="button button--danger"
                        aria-label={`Revoke ${key.name}`}
                        isDisabled={revoke.isPending}
                        onPress={() => revoke.mutate(key.id)}
                      >
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </article>
    </Screen>
  );
}
