'use client';

import {
  Badge,
  Button,
  ConfirmDialog,
  ErrorState,
  LoadingRows,
  PageHeader,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { use, useState } from 'react';
import { useCan } from '~/components/me';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { PersonalityForm, toPersonalityInput, type PersonalityValues } from '../personality-form';
import { TryChat } from '../try-chat';

export default function PersonalityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const personality = useQuery(trpc.personalities.get.queryOptions({ id }));
  // The form's current values, for the test chat (set by the form on every edit).
  const [draft, setDraft] = useState<PersonalityValues>();
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.personalities.pathKey() });
  const update = useMutation(
    trpc.personalities.update.mutationOptions({
      onSuccess: async () => {
        toast.success('Personality saved');
        await invalidate();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const setDefault = useMutation(
    trpc.personalities.setDefault.mutationOptions({
      onSuccess: async () => {
        toast.success('Now the default personality');
        await invalidate();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.personalities.delete.mutationOptions({
      onSuccess: async () => {
        toast.success('Personality deleted');
        await invalidate();
        router.push('/personalities');
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const back = (
    <Link
      href="/personalities"
      className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-4" aria-hidden="true" /> Personalities
    </Link>
  );
  if (personality.isPending) {
    return (
      <>
        {back}
        <LoadingRows rows={6} label="Loading personality" />
      </>
    );
  }
  if (personality.isError) {
    return (
      <>
        {back}
        <ErrorState
          message={errorMessage(personality.error)}
          onRetry={() => void personality.refetch()}
        />
      </>
    );
  }
  const p = personality.data;
  return (
    <>
      {back}
      <PageHeader
        title={p.name}
        description={p.isDefault ? <Badge>Default personality</Badge> : undefined}
        actions={
          isAdmin && !p.isDefault ? (
            <Button
              variant="outline"
              loading={setDefault.isPending}
              disabled={!p.isActive}
              onClick={() => setDefault.mutate({ id })}
            >
              Make default
            </Button>
          ) : null
        }
      />
      <PersonalityForm
        key={p.updatedAt.toString()}
        initial={{
          name: p.name,
          description: p.description ?? '',
          systemPrompt: p.systemPrompt,
          preferredModel: p.preferredModel ?? '',
          temperature: p.temperature,
          topP: p.topP,
          maxTokens: p.maxTokens,
          frequencyPenalty: p.frequencyPenalty,
          presencePenalty: p.presencePenalty,
          isActive: p.isActive,
        }}
        submitLabel="Save changes"
        pending={update.isPending}
        serverErrors={fieldErrors(update.error)}
        readOnly={!isAdmin}
        onSubmit={(v) => update.mutate({ id, ...toPersonalityInput(v) })}
        onValuesChange={setDraft}
        footer={
          <ConfirmDialog
            title={`Delete “${p.name}”?`}
            description={
              p.isDefault
                ? 'This is the default personality; make another one the default first if deletion is refused.'
                : 'Widgets using it fall back to the default personality.'
            }
            pending={remove.isPending}
            onConfirm={() => remove.mutateAsync({ id })}
            trigger={
              <Button variant="ghost" className="text-red-700 dark:text-red-400">
                <Trash2 aria-hidden="true" /> Delete
              </Button>
            }
          />
        }
      />
      {isAdmin && draft ? (
        <div className="mt-6">
          <TryChat personalityId={id} values={draft} />
        </div>
      ) : null}
    </>
  );
}
