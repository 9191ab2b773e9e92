'use client';

import { Button, Field, Input, Textarea, toast } from '@platform/ui';
import { answerInput } from '@platform/api/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useZodForm } from '~/components/forms/use-zod-form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** The admin's answer to a group: saved as a knowledge document, then ingested. */
export function AnswerForm({ question, onDone }: { question: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(question.slice(0, 300));
  const [answer, setAnswer] = useState('');
  const save = useMutation(
    trpc.insights.answer.mutationOptions({
      onSuccess: async (document) => {
        toast.success(`Saved to the knowledge base as “${document.title}”`);
        await queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
        onDone();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const form = useZodForm(answerInput, {
    values: () => ({ question, title, answer }),
    serverError: save.error,
  });

  return (
    <form
      {...form.formProps((data) => save.mutate(data))}
      className="mt-3 grid gap-3 rounded-md border p-3"
    >
      <Field label="Document title" error={form.error('title')}>
        <Input
          name="title"
          value={title}
          maxLength={300}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <Field
        label="Answer"
        hint="The assistant will quote this to visitors who ask the same thing."
        error={form.error('answer')}
      >
        <Textarea
          name="answer"
          value={answer}
          rows={4}
          maxLength={20_000}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" loading={save.isPending}>
          Save to knowledge base
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
