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
import { useState, type FormEvent } from 'react';
import { formValues, type FieldErrors } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** Any member may start a meeting; they become its host. */
export function NewMeetingButton({ disabled }: { disabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(trpc.meetings.create.mutationOptions());

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = formValues(e.currentTarget, ['title', 'description']);
    try {
      const meeting = await create.mutateAsync({
        title: values.title?.trim(),
        description: values.description?.trim(),
      });
      toast.success('Meeting created');
      await queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
      setOpen(false);
      router.push(`/meetings/${meeting.id}`);
    } catch (error) {
      setErrors(fieldErrors(error));
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
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <Field label="Title (optional)" error={errors.title}>
            <Input name="title" maxLength={200} />
          </Field>
          <Field label="Description (optional)" error={errors.description}>
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
