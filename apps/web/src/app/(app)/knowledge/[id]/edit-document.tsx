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
import { updateDocumentInput } from '@platform/api/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { formValues } from '~/lib/form';
import { errorMessage } from '~/trpc/errors';
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
  const update = useMutation(trpc.knowledge.update.mutationOptions());
  const form = useZodForm(updateDocumentInput, {
    values: (f) => {
      const { title, category, content } = formValues(f);
      return {
        id: doc.id,
        title,
        // Blank clears the category; unchanged text is not sent, so it is not re-indexed.
        category: category?.trim() ? category : null,
        content: content === doc.content ? undefined : content,
      };
    },
    serverError: update.error,
  });

  const onSubmit = async (input: z.output<typeof updateDocumentInput>) => {
    const contentChanged = input.content !== undefined;
    try {
      await update.mutateAsync(input);
      toast.success(contentChanged ? 'Saved: the new text is being indexed' : 'Saved');
      await queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
      setOpen(false);
    } catch (error) {
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
        <form {...form.formProps(onSubmit)} className="grid gap-4">
          <Field label="Title" error={form.error('title')}>
            <Input name="title" defaultValue={doc.title} maxLength={300} />
          </Field>
          <Field label="Category (optional)" error={form.error('category')}>
            <Input name="category" defaultValue={doc.category ?? ''} maxLength={100} />
          </Field>
          <Field label="Text" error={form.error('content')}>
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
