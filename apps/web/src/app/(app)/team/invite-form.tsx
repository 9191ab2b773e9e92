'use client';

import { inviteInput } from '@platform/api/schemas';
import type { InviteInput } from '@platform/auth/schemas';
import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  CopyButton,
  Field,
  Input,
  Select,
  toast,
} from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useZodForm } from '~/components/forms/use-zod-form';
import { useCan } from '~/components/me';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** No mail server: the accept link is shown here once, for the admin to send. */
export function InviteForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isOwner = useCan('owner');
  const [link, setLink] = useState<{ email: string; url: string }>();
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const form = useZodForm(inviteInput, { serverError: invite.error });

  const onValid = async (data: InviteInput, formElement: HTMLFormElement) => {
    try {
      const result = await invite.mutateAsync(data);
      setLink({ email: result.invitation.email, url: result.acceptUrl });
      toast.success(`Invitation created for ${result.invitation.email}`);
      formElement.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
    } catch (error) {
      // Field errors show beside their fields (useZodForm reads invite.error).
      if (!Object.keys(fieldErrors(error)).length) toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite someone</CardTitle>
        <CardDescription>You get a link to send them; it works once, for 7 days.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          {...form.formProps(onValid)}
          className="grid items-start gap-3 sm:grid-cols-[1fr_10rem_auto]"
        >
          <Field label="Email" error={form.error('email')}>
            <Input name="email" type="email" autoComplete="off" />
          </Field>
          <Field label="Role" error={form.error('role')}>
            <Select name="role" defaultValue="member">
              <option value="member">Member</option>
              <option value="admin">Admin</option>
              {isOwner ? <option value="owner">Owner</option> : null}
            </Select>
          </Field>
          <Button type="submit" className="sm:mt-6" loading={invite.isPending}>
            Create invitation
          </Button>
        </form>
        {link ? (
          <div role="status" className="grid gap-2 rounded-md border bg-muted/50 p-3">
            <p className="text-sm">
              Send this link to <strong>{link.email}</strong>. It is shown only now.
            </p>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                value={link.url}
                aria-label="Invitation link"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={link.url} label="Copy link" />
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
