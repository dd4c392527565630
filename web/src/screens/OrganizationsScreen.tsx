import { type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { useCreateOrganization, useOrganizations } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formText } from '../components/form-text.js';
import { formatDateTime } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { ROLE_LABELS } from '../organizations/roles.js';

/** The organizations I belong to, and a new one (its creator becomes its OWNER). */
export function OrganizationsScreen() {
  const organizations = useOrganizations();
  const create = useCreateOrganization();
  const serverErrors = useServerFieldErrors(create.error);
  const navigate = useNavigate();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = formText(new FormData(event.currentTarget), 'name').trim();
    create.mutate(name, { onSuccess: (created) => void navigate(`/organizations/${created.id}`) });
  }

  return (
    <Screen title="Organizations">
      <article className="card" aria-labelledby="new-organization-title">
        <h2 id="new-organization-title">New organization</h2>
        <p className="muted">A shared wallet for a team: you become its owner and can add members.</p>
        <Form className="form form--inline" onSubmit={onSubmit} validationErrors={serverErrors.errors}>
          <TextField
            name="name"
            onChange={() => serverErrors.edited('name')}
            isRequired
            maxLength={100}
            className="field"
          >
            <Label>Organization name</Label>
            <Input />
            <FieldError className="field__error" />
          </TextField>
          <Button type="submit" className="button button--primary" isDisabled={create.isPending}>
            Create organization
          </Button>
        </Form>
        {create.error && !serverErrors.hasFieldErrors && <ErrorNotice error={create.error} />}
      </article>
      <article className="card" aria-labelledby="organizations-title">
        <h2 id="organizations-title">Yours</h2>
        <ErrorNotice error={organizations.error} />
        {organizations.data?.length === 0 && <p className="muted">You are not in any organization yet.</p>}
        {organizations.data && organizations.data.length > 0 && (
          <ul className="plain-list">
            {organizations.data.map((organization) => (
              <li key={organization.id}>
                <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>{' '}
                <span className="muted">
                  · {ROLE_LABELS[organization.role]} · since {formatDateTime(organization.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </article>
    </Screen>
  );
}
