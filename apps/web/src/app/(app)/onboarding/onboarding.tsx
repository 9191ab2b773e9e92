'use client';

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
  PageHeader,
  Textarea,
  cn,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Circle } from 'lucide-react';
import Link from 'next/link';
import { createDocumentInput, createWidgetInput } from '@platform/api/schemas';
import { useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { DocumentStatus, isSettled } from '~/components/knowledge/document-status';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { toOrigin } from '~/components/widgets/domain-list-editor';
import { EmbedSnippet } from '~/components/widgets/embed-snippet';
import { TryWidget } from '~/components/widgets/try-widget';
import { forgetFirstApiKey, peekFirstApiKey } from '~/lib/first-api-key';
import { formValues } from '~/lib/form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function Step({
  n,
  title,
  done,
  description,
  children,
}: {
  n: number;
  title: string;
  done: boolean;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li>
      <Card className={cn(done && 'border-green-300 dark:border-green-900')}>
        <CardHeader className="flex-row items-start gap-3">
          {done ? (
            <CheckCircle2
              className="mt-0.5 size-5 shrink-0 text-green-700 dark:text-green-400"
              aria-hidden="true"
            />
          ) : (
            <Circle className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
          )}
          <div className="grid gap-1">
            <CardTitle>
              {n}. {title}
              <span className="sr-only">{done ? ' (done)' : ' (to do)'}</span>
            </CardTitle>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </div>
        </CardHeader>
        {children ? <CardContent className="pl-13">{children}</CardContent> : null}
      </Card>
    </li>
  );
}

function FirstWidgetForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.widgets.create.mutationOptions());
  const form = useZodForm(createWidgetInput, {
    values: (f) => {
      const { name, domainWhitelist: site, greeting } = formValues(f);
      // A bare host gets https:// as in the domain editor; anything else goes to the schema as
      // typed, so its message names the problem.
      const typed = site?.trim() ? toOrigin(site) : undefined;
      const domain = typed && 'origin' in typed ? typed.origin : site?.trim();
      return {
        name,
        // This dashboard's origin is allowed too, so the chat can be tried right here (step 3).
        domainWhitelist: [window.location.origin, ...(domain ? [domain] : [])],
        settings: { greeting: greeting?.trim() || undefined },
      };
    },
    serverError: create.error,
  });
  const onSubmit = async (input: z.output<typeof createWidgetInput>) => {
    try {
      await create.mutateAsync(input);
      toast.success('Widget created');
      await queryClient.invalidateQueries({ queryKey: trpc.widgets.pathKey() });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <form {...form.formProps(onSubmit)} className="grid gap-3 sm:grid-cols-2">
      <Field label="Widget name" error={form.error('name')}>
        <Input name="name" defaultValue="Website assistant" maxLength={100} />
      </Field>
      <Field
        label="Your site's address"
        hint="e.g. https://www.example.com (you can add more later)"
        error={form.error('domainWhitelist')}
      >
        <Input name="domainWhitelist" placeholder="https://www.example.com" />
      </Field>
      <Field label="Greeting" className="sm:col-span-2" error={form.error('settings.greeting')}>
        <Input name="greeting" placeholder="Hi! How can I help you today?" maxLength={500} />
      </Field>
      <div>
        <Button type="submit" loading={create.isPending}>
          Create widget
        </Button>
      </div>
    </form>
  );
}

function FirstDocumentForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.knowledge.create.mutationOptions());
  const form = useZodForm(createDocumentInput, {
    values: (f) => ({ ...formValues(f), metadata: { source: 'pasted' } }),
    serverError: create.error,
    messages: { title: 'Give the document a title.', content: 'Paste some text.' },
  });
  const onSubmit = async (input: z.output<typeof createDocumentInput>) => {
    try {
      await create.mutateAsync(input);
      toast.success('Document added: it is being indexed');
      await queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <form {...form.formProps(onSubmit)} className="grid gap-3">
      <Field label="Title" error={form.error('title')}>
        <Input name="title" placeholder="e.g. Shipping and returns" maxLength={300} />
      </Field>
      <Field label="Text" error={form.error('content')}>
        <Textarea name="content" rows={6} placeholder="Paste a FAQ, a policy, a product page…" />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={create.isPending}>
          Add document
        </Button>
        <Link href="/knowledge" className="text-sm text-primary underline-offset-4 hover:underline">
          or upload files
        </Link>
      </div>
    </form>
  );
}

export function Onboarding() {
  const trpc = useTRPC();
  const isAdmin = useCan('admin');
  // Shown once after sign-up, then forgotten: a reload no longer shows it. (The dashboard only
  // renders in the browser, behind the session check, so reading storage here is safe.)
  const [apiKey] = useState(peekFirstApiKey);
  useEffect(() => forgetFirstApiKey(), []);

  const widgets = useQuery(trpc.widgets.list.queryOptions({ limit: 1 }));
  const docs = useQuery({
    ...trpc.knowledge.list.queryOptions({ limit: 5 }),
    refetchInterval: (q) =>
      q.state.data?.items.some((d) => !isSettled(d.metadata)) ? 2000 : false,
  });
  const widget = widgets.data?.items[0];
  const snippet = useQuery({
    ...trpc.widgets.embedSnippet.queryOptions({ id: widget?.id ?? '' }),
    enabled: Boolean(widget),
  });
  const firstDoc = docs.data?.items[0];
  const [tried, setTried] = useState(false);

  // Both lists decide what each step shows: wait for both, and say so if either fails.
  const setup = (body: () => ReactNode) => (
    <QueryState query={widgets} loadingRows={4} loadingLabel="Loading your setup">
      {() => (
        <QueryState query={docs} loadingRows={4} loadingLabel="Loading your setup">
          {body}
        </QueryState>
      )}
    </QueryState>
  );

  return (
    <>
      <PageHeader
        title="Get started"
        description="Four steps to an assistant answering on your site from your own documents."
      />
      {apiKey ? (
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>Your API key</CardTitle>
            <CardDescription>
              Shown once. Copy it now; you can rotate a new one in Settings.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex items-center gap-2">
            <Input readOnly value={apiKey} aria-label="API key" className="font-mono text-xs" />
            <CopyButton value={apiKey} label="Copy key" />
          </CardContent>
        </Card>
      ) : null}
      {setup(() => (
        <ol className="grid gap-4">
          <Step
            n={1}
            title="Create your first widget"
            done={Boolean(widget)}
            description={
              widget ? (
                <>
                  Created “{widget.name}”.{' '}
                  <Link
                    className="text-primary underline-offset-4 hover:underline"
                    href={`/widgets/${widget.id}`}
                  >
                    Customise it
                  </Link>
                </>
              ) : (
                'Name it and say where it will run.'
              )
            }
          >
            {!widget && isAdmin ? <FirstWidgetForm /> : null}
          </Step>
          <Step
            n={2}
            title="Add your first document"
            done={Boolean(firstDoc)}
            description={
              firstDoc ? (
                <span className="inline-flex flex-wrap items-center gap-2">
                  “{firstDoc.title}” <DocumentStatus metadata={firstDoc.metadata} />
                </span>
              ) : (
                'Your assistant answers from what you add here.'
              )
            }
          >
            {!firstDoc && isAdmin ? <FirstDocumentForm /> : null}
          </Step>
          <Step
            n={3}
            title="Try the chat"
            done={tried}
            description="Ask the widget something your document answers."
          >
            {widget ? (
              tried ? null : (
                <div className="grid gap-3">
                  <TryWidget widget={widget} canEdit={isAdmin} />
                  <div>
                    <Button variant="outline" onClick={() => setTried(true)}>
                      It works: next step
                    </Button>
                  </div>
                </div>
              )
            ) : (
              <p className="text-sm text-muted-foreground">Create a widget first.</p>
            )}
          </Step>
          <Step
            n={4}
            title="Copy the snippet to your site"
            done={false}
            description="One tag, before the closing </body> of your pages."
          >
            {widget ? (
              <QueryState query={snippet} loadingRows={1} loadingLabel="Loading snippet">
                {(s) => <EmbedSnippet snippet={s.snippet} />}
              </QueryState>
            ) : (
              <p className="text-sm text-muted-foreground">Create a widget first.</p>
            )}
          </Step>
        </ol>
      ))}
      <div className="mt-6">
        <Button asChild variant="outline">
          <Link href="/overview">Go to the overview</Link>
        </Button>
      </div>
    </>
  );
}
