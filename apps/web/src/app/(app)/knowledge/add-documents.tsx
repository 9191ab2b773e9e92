'use client';

import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Field,
  Input,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
  Textarea,
  toast,
} from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FileDrop } from '~/components/knowledge/file-drop';
import { formValues, type FieldErrors } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function titleFromFile(name: string): string {
  const base = name
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return (base || name).slice(0, 300);
}

/** Upload files (several, drag and drop) or paste text; each becomes a document to ingest. */
export function AddDocuments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.knowledge.create.mutationOptions());
  const [errors, setErrors] = useState<FieldErrors>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });

  const uploadFile = async (file: File) => {
    const content = await file.text();
    if (!content.trim()) throw new Error('The file is empty');
    try {
      const doc = await create.mutateAsync({
        title: titleFromFile(file.name),
        content,
        metadata: { source: file.name },
      });
      await refresh();
      return { documentId: doc.id };
    } catch (error) {
      throw new Error(errorMessage(error, 'Upload failed'));
    }
  };

  const onPaste = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const values = formValues(form);
    const title = values.title?.trim() ?? '';
    const content = values.content ?? '';
    const category = values.category?.trim() ?? '';
    const next: FieldErrors = {};
    if (!title) next.title = 'Give the document a title.';
    if (!content.trim()) next.content = 'Paste some text.';
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await create.mutateAsync({
        title,
        content,
        category: category || undefined,
        metadata: { source: 'pasted' },
      });
      toast.success(`“${title}” added: it is being indexed`);
      form.reset();
      await refresh();
    } catch (error) {
      const fields = fieldErrors(error);
      if (Object.keys(fields).length) setErrors(fields);
      else toast.error(errorMessage(error));
    }
  };

  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Add knowledge</CardTitle>
      </CardHeader>
      <CardContent>
        <Tabs defaultValue="upload">
          <TabsList aria-label="How to add knowledge">
            <TabsTrigger value="upload">Upload files</TabsTrigger>
            <TabsTrigger value="paste">Paste text</TabsTrigger>
          </TabsList>
          <TabsContent value="upload">
            <FileDrop upload={uploadFile} />
          </TabsContent>
          <TabsContent value="paste">
            <form noValidate onSubmit={onPaste} className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Title" error={errors.title}>
                  <Input name="title" maxLength={300} />
                </Field>
                <Field label="Category (optional)" error={errors.category}>
                  <Input name="category" maxLength={100} placeholder="e.g. Shipping" />
                </Field>
              </div>
              <Field label="Content" error={errors.content}>
                <Textarea
                  name="content"
                  rows={8}
                  placeholder="Paste the text your assistant should know…"
                />
              </Field>
              <div>
                <Button type="submit" loading={create.isPending}>
                  Add document
                </Button>
              </div>
            </form>
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
