import { type FormEvent, useState } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { type AutoTopUp, useQuote, useSaveAutoTopUp } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCredits, formatMoney } from '../components/format.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { majorUnitsText, minorUnitsOf } from './money-input.js';
import { cardText } from './status-text.js';

/** INVALID_CREDITS (no details) is about the credits field. */
const CODE_FIELDS = { INVALID_CREDITS: 'credits' } as const;

type Values = Record<'threshold' | 'credits' | 'maxPerMonth' | 'monthlySpendLimit', string>;

function startingValues(rule: AutoTopUp): Values {
  return {
    threshold: String(rule.threshold ?? 10),
    credits: String(rule.credits ?? 100),
    maxPerMonth: String(rule.maxPerMonth ?? 5),
    monthlySpendLimit: rule.monthlySpendLimit === null ? '' : majorUnitsText(rule.monthlySpendLimit),
  };
}

/** What the customer typed, as sent: the API judges it (a blank or a word goes as null, and is refused). */
function whole(text: string): number {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/**
 * Turns the rule on or changes it. The numbers are checked by the API, and its messages are shown at
 * the fields; the price of one top-up is the API's quote, asked for when the credits field is left.
 * The consent sentence is built from what is on the form, which is what the service stores on enabling.
 */
export function RuleForm({
  rule,
  currency,
  creditsPerUnit,
}: {
  rule: AutoTopUp;
  currency: string;
  creditsPerUnit: number;
}) {
  const save = useSaveAutoTopUp();
  const serverErrors = useServerFieldErrors(save.error, CODE_FIELDS);
  const [values, setValues] = useState<Values>(() => startingValues(rule));
  const [quoted, setQuoted] = useState<number | null>(rule.credits ?? 100);
  const quote = useQuote(quoted);
  const active = rule.status === 'ACTIVE';
  const card = rule.paymentMethod ? cardText(rule.paymentMethod) : null;
  const limit = values.monthlySpendLimit.trim() === '' ? null : minorUnitsOf(values.monthlySpendLimit);

  function change(name: keyof Values, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    serverErrors.edited(name);
  }

  function quoteCredits() {
    const credits = whole(values.credits);
    setQuoted(Number.isSafeInteger(credits) && credits > 0 ? credits : null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    quoteCredits();
    save.mutate({
      enabled: true,
      threshold: whole(values.threshold),
      credits: whole(values.credits),
      maxPerMonth: whole(values.maxPerMonth),
      ...(limit === null ? {} : { monthlySpendLimit: limit }),
    });
  }

  const price =
    quote.data && quote.data.credits === whole(values.credits)
      ? formatMoney(quote.data.amount, quote.data.currency)
      : null;

  return (
    <Form className="form" onSubmit={onSubmit} validationErrors={serverErrors.errors}>
      <TextField
        name="threshold"
        inputMode="numeric"
        isRequired
        value={values.threshold}
        onChange={(value) => change('threshold', value)}
        className="field"
      >
        <Label>Top up when the balance falls below (credits)</Label>
        <Input />
        <FieldError className="field__error" />
      </TextField>
      <TextField
        name="credits"
        inputMode="numeric"
        isRequired
        value={values.credits}
        onChange={(value) => change('credits', value)}
        onBlur={quoteCredits}
        className="field"
      >
        <Label>Credits per top-up</Label>
        <Input />
        <Text slot="description" className="muted" data-testid="top-up-quote">
          {price
            ? `${formatCredits(quote.data!.credits)} credits cost ${price} each time`
            : `A multiple of ${creditsPerUnit}`}
        </Text>
        <FieldError className="field__error" />
      </TextField>
      <TextField
        name="maxPerMonth"
        inputMode="numeric"
        isRequired
        value={values.maxPerMonth}
        onChange={(value) => change('maxPerMonth', value)}
        className="field"
      >
        <Label>At most this many top-ups a month (1–100)</Label>
        <Input />
        <FieldError className="field__error" />
      </TextField>
      <TextField
        name="monthlySpendLimit"
        inputMode="decimal"
        value={values.monthlySpendLimit}
        onChange={(value) => change('monthlySpendLimit', value)}
        validate={(value) =>
          value.trim() === '' || minorUnitsOf(value) !== null
            ? null
            : `An amount in ${currency.toUpperCase()}, like 50 or 49.99`
        }
        className="field"
      >
        <Label>Spend at most this much a month, in {currency.toUpperCase()} (optional)</Label>
        <Input />
        <FieldError className="field__error" />
      </TextField>
      {card && (
        <p className="muted" data-testid="consent">
          By turning auto top-up on, you allow this service to charge {card}
          {price ? ` ${price}` : ''} for {values.credits} credits each time spending takes this wallet below{' '}
          {values.threshold} credits, at most {values.maxPerMonth} times a calendar month (UTC)
          {limit !== null ? ` and no more than ${formatMoney(limit, currency)} a month` : ''}. You can turn it
          off here at any time.
        </p>
      )}
      {save.error && !serverErrors.hasFieldErrors && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice notice--success" role="status">
          Auto top-up is on.
        </p>
      )}
      <Button type="submit" className="button button--primary" isDisabled={save.isPending || !card}>
        {active ? 'Save changes' : 'Turn on auto top-up'}
      </Button>
    </Form>
  );
}
