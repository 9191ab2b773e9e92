'use client';

import { credentialsInput } from '@platform/api/schemas';
import type { CredentialsInput } from '@platform/auth/schemas';
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
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { OAuthButtons } from '~/components/auth/oauth-buttons';
import { useZodForm } from '~/components/forms/use-zod-form';
import { safeCallbackUrl } from '~/lib/redirect';

export function SignInForm() {
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get('callbackUrl'), '/overview');
  const form = useZodForm(credentialsInput);
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);

  const onValid = async (data: CredentialsInput) => {
    setFormError(undefined);
    setPending(true);
    try {
      const result = await signIn('credentials', { ...data, redirect: false });
      if (result?.error) {
        setFormError(
          result.code === 'rate_limited'
            ? 'Too many sign-in attempts. Wait a few minutes, then try again.'
            : 'That email and password do not match an account.',
        );
        return;
      }
      // A full navigation so every page starts from the new session.
      window.location.assign(callbackUrl);
    } catch {
      setFormError('Could not reach the server. Try again.');
    } finally {
      setPending(false);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign in
        </CardTitle>
        <CardDescription>Welcome back. Sign in to manage your assistants.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <OAuthButtons onPick={(id) => void signIn(id, { redirectTo: callbackUrl })} />
        <form {...form.formProps(onValid)} className="grid gap-4">
          <Field label="Email" error={form.error('email')}>
            <Input name="email" type="email" autoComplete="email" required />
          </Field>
          <Field label="Password" error={form.error('password')}>
            <Input name="password" type="password" autoComplete="current-password" required />
          </Field>
          {formError ? (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
              {formError}
            </p>
          ) : null}
          <Button type="submit" loading={pending}>
            Sign in
          </Button>
        </form>
        <p className="text-center text-sm text-muted-foreground">
          New here?{' '}
          <Link
            href="/sign-up"
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
