import { type FormEvent, useId } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import {
  type Member,
  type Organization,
  type SpendLimit,
  useRemoveMember,
  useUpdateMember,
} from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formText } from '../components/form-text.js';
import { formatCredits } from '../components/format.js';
import { ROLE_LABELS, ROLES } from './roles.js';

const PERIODS: { value: SpendLimit['period']; label: string }[] = [
  { value: 'DAY', label: 'per day' },
  { value: 'WEEK', label: 'per week' },
  { value: 'MONTH', label: 'per month' },
];

function periodLabel(period: SpendLimit['period']): string {
  return PERIODS.find((candidate) => candidate.value === period)?.label ?? period;
}

/**
 * One member: role (an OWNER changes it), spend limit (an OWNER sets anyone's, a BILLING_ADMIN those
 * of MEMBERs) and removal (an OWNER). Changing a limit keeps what was already spent in the period.
 */
export function MemberRow({ organization, member }: { organization: Organization; member: Member }) {
  const update = useUpdateMember(organization.id);
  const remove = useRemoveMember(organization.id);
  const id = useId();
  const isOwner = organization.role === 'OWNER';
  const setsLimits = isOwner || (organization.role === 'BILLING_ADMIN' && member.role === 'MEMBER');
  const who = member.name ?? member.email;

  function onSetLimit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      userId: member.userId,
      spendLimit: {
        credits: Number(formText(form, 'credits')),
        period: formText(form, 'period') as SpendLimit['period'],
      },
    });
  }

  return (
    <section className="member" aria-label={who} data-testid={`member-${member.email}`}>
      <div className="member__head">
        <strong>{who}</strong>
        <span className="muted">{member.email}</span>
      </div>
      <p data-testid="member-limit">
        {ROLE_LABELS[member.role]} ·{' '}
        {member.spendLimit
          ? `spent ${formatCredits(member.spentThisPeriod)} of ${formatCredits(member.spendLimit.credits)} ${periodLabel(member.spendLimit.period)}`
          : `no spend limit (spent ${formatCredits(member.spentThisPeriod)} this period)`}
      </p>
      {(isOwner || setsLimits) && (
        <div className="member__controls">
          {isOwner && (
            <div className="field">
              <label htmlFor={`${id}-role`}>Role of {who}</label>
              <select
                id={`${id}-role`}
                className="select"
                value={member.role}
                disabled={update.isPending}
                onChange={(event) =>
                  update.mutate({ userId: member.userId, role: event.target.value as Member['role'] })
                }
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {setsLimits && (
            <Form className="member__controls" onSubmit={onSetLimit} aria-label={`Spend limit of ${who}`}>
              <TextField
                name="credits"
                type="text"
                inputMode="numeric"
                isRequired
                validate={(value) =>
                  /^[1-9]\d*$/.test(value) ? null : 'A whole number of credits, at least 1'
                }
                defaultValue={member.spendLimit ? String(member.spendLimit.credits) : ''}
                className="field"
              >
                <Label>Limit (credits)</Label>
                <Input />
                <FieldError className="field__error" />
              </TextField>
              <div className="field">
                <label htmlFor={`${id}-period`}>Period</label>
                <select
                  id={`${id}-period`}
                  name="period"
                  className="select"
                  defaultValue={member.spendLimit?.period ?? 'MONTH'}
                >
                  {PERIODS.map((period) => (
                    <option key={period.value} value={period.value}>
                      {period.label}
                    </option>
                  ))}
                </select>
              </div>
              <Button type="submit" className="button" isDisabled={update.isPending}>
                Set limit
              </Button>
              {member.spendLimit && (
                <Button
                  className="button"
                  isDisabled={update.isPending}
                  onPress={() => update.mutate({ userId: member.userId, spendLimit: null })}
                >
                  Remove limit
                </Button>
              )}
            </Form>
          )}
          {isOwner && (
            <Button
              className="button button--danger"
              aria-label={`Remove ${who} from ${organization.name}`}
              isDisabled={remove.isPending}
              onPress={() => remove.mutate(member.userId)}
            >
              Remove
            </Button>
          )}
        </div>
      )}
      <ErrorNotice error={update.error ?? remove.error} />
    </section>
  );
}
