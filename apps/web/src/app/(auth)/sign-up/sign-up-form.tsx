'use client';

import { signUpInput } from '@platform/api/schemas';
import type { SignUpInput } from '@platform/auth/schemas';
import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Field,
  Input,
} from '@platform/ui';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useState } from 'react';
import { useZodForm } from '~/components/forms/use-zod-form';
import { rememberFirstApiKey } from '~/lib/first-api-key';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const form = useZodForm(signUpInput, { optional: ['name'], serverError: signUp.error });
  const [formError, setFormError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);

  const onValid = async (data: SignUpInput) => {
    setFormError(undefined);
    try {
      const created = await signUp.mutateAsync(data);
      rememberFirstApiKey(created.apiKey);
      setSigningIn(true);
      const result = await signIn('credentials', {
        email: data.email,
        password: data.password,
        redirect: false,
      });
      if (result?.error) {
        window.location.assign('/sign-in');
        return;
      }
      window.location.assign('/onboarding');
    } catch (error) {
      setSigningIn(false);
      // Field errors show beside their fields (useZodForm reads signUp.error).
      if (!Object.keys(fieldErrors(error)).length)
        setFormError(errorMessage(error, 'Could not create the account. Try again.'));
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
        <form {...form.formProps(onValid)} className="grid gap-4">
          <Field label="Your name" error={form.error('name')}>
            <Input name="name" autoComplete="name" />
          </Field>
          <Field label="Company or workspace name" error={form.error('tenantName')}>
            <Input name="tenantName" autoComplete="organization" required />
          </Field>
          <Field label="Work email" error={form.error('email')}>
            <Input name="email" type="email" autoComplete="email" required />
          </Field>
          <Field label="Password" hint="At least 8 characters." error={form.error('password')}>
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
          <Link
            href="/sign-in"
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
