'use client';

import {
  Button,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Textarea,
  toast,
} from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { createMeetingInput } from '@platform/api/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** Any member may start a meeting; they become its host. */
export function NewMeetingButton({ disabled }: { disabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.meetings.create.mutationOptions());
  const form = useZodForm(createMeetingInput, {
    optional: ['title', 'description'],
    serverError: create.error,
  });

  const onSubmit = async (input: z.output<typeof createMeetingInput>) => {
    try {
      const meeting = await create.mutateAsync(input);
      toast.success('Meeting created');
      await queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
      setOpen(false);
      router.push(`/meetings/${meeting.id}`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button disabled={disabled}>
          <Plus aria-hidden="true" /> New meeting
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New meeting</DialogTitle>
          <DialogDescription>
            A room opens now; you can join it and invite guests.
          </DialogDescription>
        </DialogHeader>
        <form {...form.formProps(onSubmit)} className="grid gap-4">
          <Field label="Title (optional)" error={form.error('title')}>
            <Input name="title" maxLength={200} />
          </Field>
          <Field label="Description (optional)" error={form.error('description')}>
            <Textarea name="description" rows={3} maxLength={2000} />
          </Field>
          <DialogFooter>
            <Button type="submit" loading={create.isPending}>
              Create meeting
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
