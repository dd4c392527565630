import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Organization,
  useAddMember,
  useMembers,
  useOrganization,
  useOrganizationBalance,
  useOrganizationOrders,
} from '../api/queries.js';
import { useSelectedOrganizationId } from '../auth/use-session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formText } from '../components/form-text.js';
import { formatCredits, formatDateTime, formatMoney } from '../components/format.js';
import { Screen } from '../components/Screen.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { MemberRow } from '../organizations/MemberRow.js';
import { canManageBilling, ROLE_LABELS, ROLES } from '../organizations/roles.js';
import { switchWallet } from '../organizations/switch-wallet.js';

/**
 * One organization: its wallet's balance and purchases (read with its X-Organization-Id, without
 * switching to it), buying for it, and its members with their roles and spend limits. Controls the
 * caller's role cannot use are not shown; the API refuses them anyway.
 */
export function OrganizationScreen() {
  const { organizationId = '' } = useParams();
  const organization = useOrganization(organizationId);

  return (
    <Screen title={organization.data?.name ?? 'Organization'}>
      <ErrorNotice error={organization.error} />
      {organization.isPending && <p className="muted">Loading…</p>}
      {organization.data && <OrganizationDetails organization={organization.data} />}
    </Screen>
  );
}

function OrganizationDetails({ organization }: { organization: Organization }) {
  const balance = useOrganizationBalance(organization.id);
  const billing = canManageBilling(organization.role);
  const orders = useOrganizationOrders(organization.id, billing);
  const selected = useSelectedOrganizationId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  function buyForIt() {
    // Buying acts on the selected wallet, and so does the return page that follows the order.
    switchWallet(queryClient, organization.id);
    void navigate('/buy');
  }

  return (
    <>
      <p className="muted">
        Your role: <strong>{ROLE_LABELS[organization.role]}</strong>
        {selected === organization.id ? ' · this is the wallet you are using' : ''}
      </p>
      <div className="grid">
        <article className="card" aria-labelledby="organization-balance-title">
          <h2 id="organization-balance-title">Balance</h2>
          {balance.data && (
            <>
              <p className="credits-display__value" data-testid="organization-credits">
                Credits: {formatCredits(balance.data.remaining)}
              </p>
              <dl className="stats">
                <div>
                  <dt>Paid</dt>
                  <dd>{formatCredits(balance.data.paid)}</dd>
                </div>
                <div>
                  <dt>Promotional</dt>
                  <dd>{formatCredits(balance.data.promotional)}</dd>
                </div>
              </dl>
            </>
          )}
          <ErrorNotice error={balance.error} />
        </article>
        <article className="card" aria-labelledby="organization-orders-title">
          <h2 id="organization-orders-title">Purchases</h2>
          {billing ? (
            <>
              <ErrorNotice error={orders.error} />
              {orders.data?.items.length === 0 && <p className="muted">No purchases yet.</p>}
              {orders.data && orders.data.items.length > 0 && (
                <ul className="plain-list" data-testid="organization-orders">
                  {orders.data.items.map((order) => (
                    <li key={order.id}>
                      {formatDateTime(order.createdAt)}: {formatCredits(order.credits)} credits for{' '}
                      {formatMoney(order.amount, order.currency)} · {order.status}
                    </li>
                  ))}
                </ul>
              )}
              <Button className="button button--primary" onPress={buyForIt}>
                Buy credits for {organization.name}
              </Button>
            </>
          ) : (
            <p className="muted">Owners and billing admins buy credits for the organization.</p>
          )}
        </article>
      </div>
      <Members organization={organization} />
      <p>
        <Link to="/organizations">All organizations</Link>
      </p>
    </>
  );
}

function Members({ organization }: { organization: Organization }) {
  const members = useMembers(organization.id);
  const add = useAddMember(organization.id);
  const serverErrors = useServerFieldErrors(add.error);
  const isOwner = organization.role === 'OWNER';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const role = formText(form, 'role') as (typeof ROLES)[number];
    add.mutate({ email: formText(form, 'email').trim(), role }, { onSuccess: () => formElement.reset() });
  }

  return (
    <article className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ErrorNotice error={members.error} />
      {members.data?.map((member) => (
        <MemberRow key={member.userId} organization={organization} member={member} />
      ))}
      {isOwner && (
        <>
          <h3>Add a member</h3>
          <Form className="form" onSubmit={onSubmit} validationErrors={serverErrors.errors}>
            <TextField
              name="email"
              type="email"
              onChange={() => serverErrors.edited('email')}
              isRequired
              className="field"
            >
              <Label>Email of a registered user</Label>
              <Input />
              <FieldError className="field__error" />
            </TextField>
            <div className="field">
              <label htmlFor="new-member-role">Role</label>
              <select id="new-member-role" name="role" className="select" defaultValue="MEMBER">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" className="button button--primary" isDisabled={add.isPending}>
              Add member
            </Button>
          </Form>
          {add.error && !serverErrors.hasFieldErrors && <ErrorNotice error={add.error} />}
        </>
      )}
    </article>
  );
}
