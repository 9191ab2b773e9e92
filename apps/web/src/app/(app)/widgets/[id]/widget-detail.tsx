'use client';

import { updateWidgetInput } from '@platform/api/schemas';
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  PageHeader,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { EmbedSnippet } from '~/components/widgets/embed-snippet';
import { TryWidget } from '~/components/widgets/try-widget';
import { usePersonalityOptions } from '~/components/widgets/use-personality-options';
import { WidgetForm, toWidgetInput, type WidgetFormValues } from '~/components/widgets/widget-form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

type Widget = RouterOutputs['widgets']['get'];

export function WidgetDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const widget = useQuery(trpc.widgets.get.queryOptions({ id }));
  return (
    <>
      <Link
        href="/widgets"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden="true" /> Widgets
      </Link>
      <QueryState query={widget} loadingRows={6} loadingLabel="Loading widget">
        {(w) => <WidgetEditor w={w} />}
      </QueryState>
    </>
  );
}

function WidgetEditor({ w }: { w: Widget }) {
  const id = w.id;
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const snippet = useQuery(trpc.widgets.embedSnippet.queryOptions({ id }));
  const personalities = usePersonalityOptions();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.widgets.pathKey() });
  const update = useMutation(
    trpc.widgets.update.mutationOptions({
      onSuccess: async () => {
        toast.success('Widget saved');
        await invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.widgets.delete.mutationOptions({
      onSuccess: async () => {
        toast.success('Widget deleted');
        await invalidate();
        router.push('/widgets');
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const initial: WidgetFormValues = {
    name: w.name,
    domainWhitelist: w.domainWhitelist,
    isActive: w.isActive,
    settings: {
      theme: w.settings?.theme ?? 'auto',
      position: w.settings?.position ?? 'bottom-right',
      greeting: w.settings?.greeting,
      primaryColor: w.settings?.primaryColor ?? '#4f46e5',
      secondaryColor: w.settings?.secondaryColor ?? '#eef2ff',
      personalityId: w.settings?.personalityId ?? null,
      supportHours: w.settings?.supportHours ?? '',
      awayMessage: w.settings?.awayMessage ?? '',
    },
  };

  return (
    <>
      <PageHeader
        title={w.name}
        description={
          <span className="inline-flex items-center gap-2">
            {w.isActive ? (
              <Badge variant="success">Active</Badge>
            ) : (
              <Badge variant="secondary">Inactive</Badge>
            )}
            <span>
              {w.domainWhitelist.length} allowed domain{w.domainWhitelist.length === 1 ? '' : 's'}
            </span>
          </span>
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Install</CardTitle>
          <CardDescription>
            Paste this tag before the closing &lt;/body&gt; of every page on an allowed domain.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <QueryState query={snippet} loadingRows={1} loadingLabel="Loading snippet">
            {(s) => <EmbedSnippet snippet={s.snippet} />}
          </QueryState>
        </CardContent>
      </Card>
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Try it</CardTitle>
          <CardDescription>
            The real widget, answering from your knowledge, on a test page.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TryWidget widget={w} canEdit={isAdmin} />
        </CardContent>
      </Card>
      <WidgetForm
        schema={updateWidgetInput.omit({ id: true })}
        key={w.updatedAt.toString()}
        initial={initial}
        personalities={personalities}
        submitLabel="Save changes"
        pending={update.isPending}
        serverError={update.error}
        saved={w}
        readOnly={!isAdmin}
        onSubmit={(values) => update.mutate({ id, ...toWidgetInput(values) })}
        footer={
          <Dialog>
            <DialogTrigger asChild>
              <Button variant="ghost" className="text-red-700 dark:text-red-400">
                <Trash2 aria-hidden="true" /> Delete widget
              </Button>
            </DialogTrigger>
            <DialogContent>
              <DialogHeader>
                <DialogTitle>Delete “{w.name}”?</DialogTitle>
                <DialogDescription>
                  The widget stops loading on every site at once. Its past conversations are kept.
                </DialogDescription>
              </DialogHeader>
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="outline">Cancel</Button>
                </DialogClose>
                <Button
                  variant="destructive"
                  loading={remove.isPending}
                  onClick={() => remove.mutate({ id })}
                >
                  Delete
                </Button>
              </DialogFooter>
            </DialogContent>
          </Dialog>
        }
      />
    </>
  );
}
