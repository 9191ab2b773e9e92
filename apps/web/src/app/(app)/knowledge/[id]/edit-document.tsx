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
import { Pencil } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { formValues, type FieldErrors } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** Edit title, category and text; changing the text re-indexes the document (the API decides). */
export function EditDocument({
  doc,
}: {
  doc: { id: string; title: string; category: string | null; content: string };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useMutation(trpc.knowledge.update.mutationOptions());

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    const next: FieldErrors = {};
    if (!values.title?.trim()) next.title = 'This field is required.';
    if (!values.content?.trim()) next.content = 'This field is required.';
    setErrors(next);
    if (Object.keys(next).length) return;
    const contentChanged = values.content !== doc.content;
    try {
      await update.mutateAsync({
        id: doc.id,
        title: values.title!.trim(),
        category: values.category?.trim() ? values.category.trim() : null,
        ...(contentChanged ? { content: values.content! } : {}),
      });
      toast.success(contentChanged ? 'Saved: the new text is being indexed' : 'Saved');
      await queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
      setOpen(false);
    } catch (error) {
      setErrors(fieldErrors(error));
      toast.error(errorMessage(error));
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Pencil aria-hidden="true" /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Edit document</DialogTitle>
          <DialogDescription>
            Changing the text replaces its chunks and indexes it again.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <Field label="Title" error={errors.title}>
            <Input name="title" defaultValue={doc.title} maxLength={300} />
          </Field>
          <Field label="Category (optional)" error={errors.category}>
            <Input name="category" defaultValue={doc.category ?? ''} maxLength={100} />
          </Field>
          <Field label="Text" error={errors.content}>
            <Textarea name="content" defaultValue={doc.content} rows={12} />
          </Field>
          <DialogFooter>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
