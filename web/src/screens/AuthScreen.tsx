import type { FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { Link } from 'react-router';
import { useSignIn } from '../api/queries.js';
import { sessionStore } from '../auth/session-store.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Screen } from '../components/Screen.js';
import { useServerFieldErrors } from '../components/use-server-field-errors.js';
import { formText } from '../components/form-text.js';

/** Sign in, or create an account (the same form, plus a name). */
export function AuthScreen({ mode }: { mode: 'sign-in' | 'register' }) {
  const signIn = useSignIn(mode);
  const registering = mode === 'register';
  const serverErrors = useServerFieldErrors(signIn.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = formText(form, 'name').trim();
    signIn.mutate(
      {
        email: formText(form, 'email'),
        password: formText(form, 'password'),
        ...(registering && name ? { name } : {}),
      },
      {
        // The signed-out route then sends the user on to where they were headed (the overview by default).
        onSuccess: (session) => sessionStore.signIn(session.accessToken),
      },
    );
  }

  return (
    <div className="auth">
      <Screen title={registering ? 'Create your account' : 'Sign in'}>
        <Form className="form" onSubmit={onSubmit} validationErrors={serverErrors.errors}>
          {registering && (
            <TextField
              name="name"
              onChange={() => serverErrors.edited('name')}
              autoComplete="name"
              className="field"
            >
              <Label>Name (optional)</Label>
              <Input />
              <FieldError className="field__error" />
            </TextField>
          )}
          <TextField
            name="email"
            onChange={() => serverErrors.edited('email')}
            type="email"
            isRequired
            autoComplete="email"
            className="field"
          >
            <Label>Email</Label>
            <Input />
            <FieldError className="field__error" />
          </TextField>
          <TextField
            name="password"
            onChange={() => serverErrors.edited('password')}
            type="password"
            isRequired
            minLength={registering ? 8 : undefined}
            autoComplete={registering ? 'new-password' : 'current-password'}
            className="field"
          >
            <Label>Password{registering ? ' (8 characters or more)' : ''}</Label>
            <Input />
            <FieldError className="field__error" />
          </TextField>
          {signIn.error && !serverErrors.hasFieldErrors && <ErrorNotice error={signIn.error} />}
          <Button type="submit" className="button button--primary" isDisabled={signIn.isPending}>
            {registering ? 'Create account' : 'Sign in'}
          </Button>
        </Form>
        <p>
          {registering ? (
            <>
              Already have an account? <Link to="/sign-in">Sign in</Link>
            </>
          ) : (
            <>
              New here? <Link to="/register">Create an account</Link>
            </>
          )}
        </p>
      </Screen>
    </div>
  );
}
