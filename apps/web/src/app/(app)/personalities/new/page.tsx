'use client';

import { ErrorState, PageHeader, toast } from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useCan } from '~/components/me';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { PersonalityForm, emptyPersonality, toPersonalityInput } from '../personality-form';
import { TryChat } from '../try-chat';

export default function NewPersonalityPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  // Tried before it is saved: the test chat sends the form's values as a draft.
  const [draft, setDraft] = useState(emptyPersonality);
  const create = useMutation(
    trpc.personalities.create.mutationOptions({
      onSuccess: async (p) => {
        toast.success(`Personality “${p.name}” created`);
        await queryClient.invalidateQueries({ queryKey: trpc.personalities.pathKey() });
        router.push(`/personalities/${p.id}`);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <>
      <PageHeader title="New personality" />
      {isAdmin ? (
        <PersonalityForm
          initial={emptyPersonality}
          submitLabel="Create personality"
          pending={create.isPending}
          serverErrors={fieldErrors(create.error)}
          onSubmit={(v) => create.mutate(toPersonalityInput(v))}
          onValuesChange={setDraft}
        />
      ) : (
        <ErrorState title="Only admins can create personalities" />
      )}
      {isAdmin ? (
        <div className="mt-6">
          <TryChat values={draft} />
        </div>
      ) : null}
    </>
  );
}
