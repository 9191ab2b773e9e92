'use client';

import { acceptInviteInput } from '@platform/api/schemas';
import type { AcceptInviteInput } from '@platform/auth/schemas';
import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  ErrorState,
  Field,
  Input,
} from '@platform/ui';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { OAuthButtons } from '~/components/auth/oauth-buttons';
import { useZodForm } from '~/components/forms/use-zod-form';
import { formValues } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { acceptWithProvider } from './actions';

export function AcceptInviteForm() {
  const trpc = useTRPC();
  const token = useSearchParams().get('token') ?? '';
  const accept = useMutation(trpc.team.acceptInvite.mutationOptions());
  const form = useZodForm(acceptInviteInput, {
    values: (f) => ({ ...formValues(f, ['name']), token }),
    serverError: accept.error,
  });
  const [formError, setFormError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);

  if (!token) {
    return (
      <ErrorState
        title="This invitation link is incomplete"
        message="Open the full link your admin shared with you, or ask for a new invitation."
      />
    );
  }

  const onValid = async (data: AcceptInviteInput) => {
    setFormError(undefined);
    try {
      const joined = await accept.mutateAsync(data);
      setSigningIn(true);
      const result = await signIn('credentials', {
        email: joined.email,
        password: data.password,
        redirect: false,
      });
      window.location.assign(result?.error ? '/sign-in' : '/overview');
    } catch (error) {
      setSigningIn(false);
      // Name and password errors show beside their fields; a bad token has no field.
      const fields = fieldErrors(error);
      if (!Object.keys(fields).length || fields.token)
        setFormError(errorMessage(error, 'Could not accept the invitation.'));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Join your team
        </CardTitle>
        <CardDescription>Choose a password to accept the invitation.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <OAuthButtons
          onPick={(provider) =>
            void acceptWithProvider(token, provider).catch((error: unknown) =>
              setFormError(errorMessage(error, 'Could not start signing in.')),
            )
          }
        />
        <form {...form.formProps(onValid)} className="grid gap-4">
          <Field label="Your name" error={form.error('name')}>
            <Input name="name" autoComplete="name" />
          </Field>
          <Field label="Password" hint="At least 8 characters." error={form.error('password')}>
            <Input name="password" type="password" autoComplete="new-password" required />
          </Field>
          {formError ? (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
              {formError}
            </p>
          ) : null}
          <Button type="submit" loading={accept.isPending || signingIn}>
            Accept invitation
          </Button>
        </form>
        <p className="text-center text-sm text-muted-foreground">
          Already a member?{' '}
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
