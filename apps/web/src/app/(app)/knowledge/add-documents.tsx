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
import { addUrlInput, createDocumentInput } from '@platform/api/schemas';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { FileDrop } from '~/components/knowledge/file-drop';
import { formValues } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** The file's bytes as base64 (the API's upload input), without the data URL prefix. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Upload files (several, drag and drop), paste text or add a URL; each becomes a document. */
export function AddDocuments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.knowledge.create.mutationOptions());
  const upload = useMutation(trpc.knowledge.upload.mutationOptions());
  const addUrl = useMutation(trpc.knowledge.addUrl.mutationOptions());
  const paste = useZodForm(createDocumentInput, {
    values: (form) => ({
      ...formValues(form, ['category']),
      metadata: { source: 'pasted' },
    }),
    serverError: create.error,
    messages: { title: 'Give the document a title.', content: 'Paste some text.' },
  });
  const link = useZodForm(addUrlInput, {
    optional: ['category'],
    serverError: addUrl.error,
    // zod says "Invalid URL"; the server checks again (and fetches), this catches typos first.
    messages: { url: 'Enter a web address starting with http:// or https://.' },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });

  // The server parses the file (PDF, HTML, Markdown, text): the browser only sends its bytes.
  const uploadFile = async (file: File) => {
    if (file.size === 0) throw new Error('The file is empty');
    try {
      const doc = await upload.mutateAsync({
        filename: file.name.slice(0, 255),
        mimeType: file.type || undefined,
        contentBase64: await readBase64(file),
      });
      await refresh();
      return { documentId: doc.id };
    } catch (error) {
      throw new Error(errorMessage(error, 'Upload failed'));
    }
  };

  const onAddUrl = async (input: z.output<typeof addUrlInput>, form: HTMLFormElement) => {
    try {
      const doc = await addUrl.mutateAsync(input);
      toast.success(`“${doc.title}” added: it is being indexed`);
      form.reset();
      await refresh();
    } catch (error) {
      // A refused fetch (private address, too large, ...) is about the URL: say so beside it.
      if (!Object.keys(fieldErrors(error)).length) link.setErrors({ url: errorMessage(error) });
    }
  };

  const onPaste = async (input: z.output<typeof createDocumentInput>, form: HTMLFormElement) => {
    try {
      await create.mutateAsync(input);
      toast.success(`“${input.title}” added: it is being indexed`);
      form.reset();
      await refresh();
    } catch (error) {
      if (!Object.keys(fieldErrors(error)).length) toast.error(errorMessage(error));
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
            <TabsTrigger value="url">Add URL</TabsTrigger>
          </TabsList>
          <TabsContent value="upload">
            <FileDrop upload={uploadFile} />
          </TabsContent>
          <TabsContent value="paste">
            <form {...paste.formProps(onPaste)} className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Title" error={paste.error('title')}>
                  <Input name="title" maxLength={300} />
                </Field>
                <Field label="Category (optional)" error={paste.error('category')}>
                  <Input name="category" maxLength={100} placeholder="e.g. Shipping" />
                </Field>
              </div>
              <Field label="Content" error={paste.error('content')}>
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
          <TabsContent value="url">
            <form {...link.formProps(onAddUrl)} className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field
                  label="Page or file URL"
                  hint="Fetched by the server: a public web page, PDF, Markdown or text file."
                  error={link.error('url')}
                >
                  <Input
                    name="url"
                    type="url"
                    inputMode="url"
                    maxLength={2000}
                    placeholder="https://example.com/help/shipping"
                  />
                </Field>
                <Field label="Category (optional)" error={link.error('category')}>
                  <Input name="category" maxLength={100} placeholder="e.g. Shipping" />
                </Field>
              </div>
              <div>
                <Button type="submit" loading={addUrl.isPending}>
                  Add URL
                </Button>
              </div>
            </form>
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
