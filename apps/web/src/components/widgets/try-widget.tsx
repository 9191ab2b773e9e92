'use client';

import { Button, ErrorState, toast } from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

const noSubscribe = () => () => {};

/**
 * The real widget on a stand-in host page (/try/<id>), framed here. The widget checks the
 * page's origin against its allowed domains like anywhere else, so this dashboard's origin must
 * be allowed; an admin can add it in one click.
 */
export function TryWidget({
  widget,
  canEdit,
}: {
  widget: { id: string; isActive: boolean; domainWhitelist: string[] };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const allow = useMutation(
    trpc.widgets.update.mutationOptions({
      onSuccess: async () => {
        toast.success(`${origin} added to the allowed domains`);
        await queryClient.invalidateQueries({ queryKey: trpc.widgets.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  if (!origin) return null;
  if (!widget.isActive) {
    return <ErrorState title="This widget is inactive" message="Activate it to try the chat." />;
  }
  if (!widget.domainWhitelist.includes(origin)) {
    return (
      <div className="grid gap-3 rounded-lg border border-dashed p-4 text-sm">
        <p>
          To try the widget here, this dashboard&apos;s origin{' '}
          <code className="rounded bg-muted px-1 font-mono">{origin}</code> must be an allowed
          domain.
        </p>
        {canEdit ? (
          <div>
            <Button
              variant="outline"
              loading={allow.isPending}
              onClick={() =>
                allow.mutate({
                  id: widget.id,
                  domainWhitelist: [...widget.domainWhitelist, origin],
                })
              }
            >
              Allow {origin}
            </Button>
          </div>
        ) : (
          <p className="text-muted-foreground">Ask an admin to add it.</p>
        )}
      </div>
    );
  }
  return (
    <div className="grid gap-2">
      <iframe
        title="Widget test page"
        src={`/try/${widget.id}`}
        className="h-[40rem] w-full rounded-lg border bg-white"
      />
      <a
        href={`/try/${widget.id}`}
        target="_blank"
        rel="noreferrer"
        className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline"
      >
        Open the test page in a new tab <ExternalLink className="size-3.5" aria-hidden="true" />
      </a>
    </div>
  );
}
