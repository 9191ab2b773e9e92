'use client';

import { createWidgetInput } from '@platform/api/schemas';
import { ErrorState, PageHeader, toast } from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCan } from '~/components/me';
import { usePersonalityOptions } from '~/components/widgets/use-personality-options';
import { WidgetForm, emptyWidget, toWidgetInput } from '~/components/widgets/widget-form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export default function NewWidgetPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const personalities = usePersonalityOptions();
  const create = useMutation(
    trpc.widgets.create.mutationOptions({
      onSuccess: async (w) => {
        toast.success(`Widget “${w.name}” created`);
        await queryClient.invalidateQueries({ queryKey: trpc.widgets.pathKey() });
        router.push(`/widgets/${w.id}`);
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <>
      <PageHeader title="New widget" description="Set it up, watch the preview, then save." />
      {isAdmin ? (
        <WidgetForm
          schema={createWidgetInput}
          initial={emptyWidget}
          personalities={personalities}
          submitLabel="Create widget"
          pending={create.isPending}
          serverError={create.error}
          onSubmit={(values) => create.mutate(toWidgetInput(values))}
        />
      ) : (
        <ErrorState title="Only admins can create widgets" />
      )}
    </>
  );
}
