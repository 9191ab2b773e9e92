'use client';

import { signUpInput } from '@platform/auth/schemas';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Field, Input } from '@platform/ui';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { rememberFirstApiKey } from '~/lib/first-api-key';
import { formValues, validate, type FieldErrors } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = validate(signUpInput, formValues(e.currentTarget, ['name']));
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    try {
      const created = await signUp.mutateAsync(parsed.data);
      rememberFirstApiKey(created.apiKey);
      setSigningIn(true);
      const result = await signIn('credentials', {
        email: parsed.data.email,
        password: parsed.data.password,
        redirect: false,
      });
      if (result?.error) {
        window.location.assign('/sign-in');
        return;
      }
      window.location.assign('/onboarding');
    } catch (error) {
      setSigningIn(false);
      const fields = fieldErrors(error);
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(errorMessage(error, 'Could not create the account. Try again.'));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Create your account
        </CardTitle>
        <CardDescription>One workspace for your team, widgets and knowledge.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <Field label="Your name" error={errors.name}>
            <Input name="name" autoComplete="name" />
          </Field>
          <Field label="Company or workspace name" error={errors.tenantName}>
            <Input name="tenantName" autoComplete="organization" required />
          </Field>
          <Field label="Work email" error={errors.email}>
            <Input name="email" type="email" autoComplete="email" required />
          </Field>
          <Field label="Password" hint="At least 8 characters." error={errors.password}>
            <Input name="password" type="password" autoComplete="new-password" required />
          </Field>
          {formError ? (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
              {formError}
            </p>
          ) : null}
          <Button type="submit" loading={signUp.isPending || signingIn}>
            Create account
          </Button>
        </form>
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{' '}
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
