'use client';

import { ErrorState, PageHeader, toast } from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCan } from '~/components/me';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { PersonalityForm, emptyPersonality, toPersonalityInput } from '../personality-form';

export default function NewPersonalityPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
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
        />
      ) : (
        <ErrorState title="Only admins can create personalities" />
      )}
    </>
  );
}
