'use client';

import { tryChatInput, TRY_CHAT_MAX_CHARS } from '@platform/api/schemas';
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  ErrorState,
  Field,
  Spinner,
  Textarea,
} from '@platform/ui';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { formatUsd } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import type { RouterOutputs } from '~/trpc/types';
import { useTRPC } from '~/trpc/react';
import type { PersonalityValues } from './personality-form';

type Answer = RouterOutputs['personalities']['tryChat'];
interface Turn {
  question: string;
  answer: Answer;
}

/** Earlier turns sent with a question: the API accepts at most 10 messages (5 turns). */
const HISTORY_TURNS = 5;

/** The form's current values as the API's draft: unsaved edits are what gets tried. */
function toDraft(v: PersonalityValues) {
  return {
    systemPrompt: v.systemPrompt.trim(),
    preferredModel: v.preferredModel.trim() || null,
    temperature: v.temperature,
    topP: v.topP,
    maxTokens: v.maxTokens,
    frequencyPenalty: v.frequencyPenalty,
    presencePenalty: v.presencePenalty,
  };
}

/**
 * "Try it in a test chat": asks the real chat engine with the form's current (even unsaved)
 * values, answering from the knowledge base. Each answer is metered and counts against the
 * budget; nothing is saved as a conversation.
 */
export function TryChat({
  personalityId,
  values,
}: {
  personalityId?: string;
  values: PersonalityValues;
}) {
  const trpc = useTRPC();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [message, setMessage] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const ask = useMutation(trpc.personalities.tryChat.mutationOptions());

  const send = (e: FormEvent) => {
    e.preventDefault();
    const question = message;
    const input = {
      personalityId,
      draft: toDraft(values),
      message: question,
      history: turns.slice(-HISTORY_TURNS).flatMap((t) => [
        { role: 'user' as const, content: t.question },
        { role: 'assistant' as const, content: t.answer.answer.slice(0, TRY_CHAT_MAX_CHARS) },
      ]),
    };
    const checked = tryChatInput.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      setInvalid(
        issue?.path[0] === 'draft'
          ? `Fix the form first (${String(issue.path.at(-1))}): ${issue.message}`
          : (issue?.message ?? 'Invalid message.'),
      );
      return;
    }
    setInvalid(undefined);
    ask.mutate(checked.data, {
      onSuccess: (answer) => {
        setTurns((prev) => [...prev, { question: question.trim(), answer }]);
        setMessage('');
      },
    });
  };

  return (
    <Card aria-labelledby="try-chat-title">
      <CardHeader>
        <CardTitle id="try-chat-title">Try it in a test chat</CardTitle>
        <CardDescription>
          Answers use the values in the form above, saved or not, and your knowledge base. Each
          answer is billed like any other; test chats are not saved as conversations.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {turns.length === 0 && !ask.isPending ? (
          <EmptyState
            icon={<FlaskConical aria-hidden="true" />}
            title="No test messages yet"
            description="Ask something a visitor would ask, then adjust the prompt or parameters and ask again."
          />
        ) : (
          <ol className="grid gap-4" aria-label="Test chat">
            {turns.map((turn, i) => (
              <li key={i} className="grid gap-2">
                <p className="justify-self-end rounded-lg bg-primary px-3 py-2 text-sm text-primary-foreground">
                  {turn.question}
                </p>
                <div className="grid gap-2 rounded-lg border p-3 text-sm" data-testid="try-answer">
                  <p className="whitespace-pre-wrap">{turn.answer.answer}</p>
                  {turn.answer.sources.length ? (
                    <div>
                      <p className="text-xs font-medium text-muted-foreground">Sources</p>
                      <ol className="mt-1 grid gap-1">
                        {turn.answer.sources.map((s) => (
                          <li key={s.chunkId} className="text-xs">
                            <span className="font-medium">
                              [{s.index}] {s.title}
                            </span>
                            <span className="line-clamp-2 text-muted-foreground">{s.excerpt}</span>
                          </li>
                        ))}
                      </ol>
                    </div>
                  ) : (
                    <p className="text-xs text-muted-foreground">No knowledge passages matched.</p>
                  )}
                  <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                    <Badge variant="outline" className="font-mono">
                      {turn.answer.model}
                    </Badge>
                    <span>Cost {formatUsd(turn.answer.costUsd)}</span>
                    <span>
                      · {turn.answer.usage.inputTokens + turn.answer.usage.outputTokens} tokens
                    </span>
                    <span>· {(turn.answer.latencyMs / 1000).toFixed(1)} s</span>
                  </p>
                </div>
              </li>
            ))}
            {ask.isPending ? (
              <li>
                <Spinner label="Answering" />
              </li>
            ) : null}
          </ol>
        )}
        {ask.isError ? (
          <ErrorState title="The test chat could not answer" message={errorMessage(ask.error)} />
        ) : null}
        <form noValidate onSubmit={send} className="grid gap-2">
          <Field label="Test message" error={invalid}>
            <Textarea
              rows={2}
              value={message}
              maxLength={TRY_CHAT_MAX_CHARS}
              placeholder="e.g. How long do refunds take?"
              onChange={(e) => setMessage(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" loading={ask.isPending}>
              Send test message
            </Button>
            {turns.length ? (
              <Button type="button" variant="ghost" onClick={() => setTurns([])}>
                Clear
              </Button>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
