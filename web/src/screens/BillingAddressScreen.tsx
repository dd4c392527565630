import type { FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { type BillingAddress, useBillingAddress, useSaveBillingAddress } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Screen } from '../components/Screen.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { formText } from '../components/form-text.js';

const FIELDS: {
  name: Exclude<keyof BillingAddress, 'updatedAt'>;
  label: string;
  required?: boolean;
  autoComplete: string;
}[] = [
  { name: 'name', label: 'Name', autoComplete: 'name' },
  { name: 'line1', label: 'Address line 1', required: true, autoComplete: 'address-line1' },
  { name: 'line2', label: 'Address line 2', autoComplete: 'address-line2' },
  { name: 'city', label: 'City', required: true, autoComplete: 'address-level2' },
  { name: 'state', label: 'State or region', autoComplete: 'address-level1' },
  { name: 'postalCode', label: 'Postal code', required: true, autoComplete: 'postal-code' },
  { name: 'country', label: 'Country (two letters, e.g. GB)', required: true, autoComplete: 'country' },
];

/**
 * The address sent to the provider with each checkout. The API validates it; its messages are shown
 * at the fields they are about (VALIDATION_FAILED `details`), through the form's validationErrors.
 */
export function BillingAddressScreen() {
  const address = useBillingAddress();
  const save = useSaveBillingAddress();
  const serverErrors = useServerFieldErrors(save.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name);
    save.mutate({
      name: value('name') || null,
      line1: value('line1'),
      line2: value('line2') || null,
      city: value('city'),
      state: value('state') || null,
      postalCode: value('postalCode'),
      country: value('country'),
    } as Parameters<typeof save.mutate>[0]);
  }

  if (address.isPending)
    return (
      <Screen title="Billing address">
        <p className="muted">Loading…</p>
      </Screen>
    );

  return (
    <Screen title="Billing address">
      <ErrorNotice error={address.error} />
      <Form
        className="form"
        onSubmit={onSubmit}
        validationErrors={serverErrors.errors}
        validationBehavior="aria"
        key={address.data?.updatedAt ?? 'new'}
      >
        {FIELDS.map((field) => (
          <TextField
            key={field.name}
            name={field.name}
            isRequired={field.required}
            defaultValue={(address.data?.[field.name] as string | null | undefined) ?? ''}
            autoComplete={field.autoComplete}
            onChange={() => serverErrors.edited(field.name)}
            className="field"
          >
            <Label>
              {field.label}
              {field.required ? '' : ' (optional)'}
            </Label>
            <Input />
            <FieldError className="field__error" />
          </TextField>
        ))}
        {save.error && !serverErrors.hasFieldErrors && <ErrorNotice error={save.error} />}
        {save.isSuccess && (
          <p className="notice notice--success" role="status">
            Address saved.
          </p>
        )}
        <Button type="submit" className="button button--primary" isDisabled={save.isPending}>
          Save address
        </Button>
      </Form>
    </Screen>
  );
}
