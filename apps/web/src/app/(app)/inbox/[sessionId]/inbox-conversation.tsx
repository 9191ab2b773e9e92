'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Field,
  PageHeader,
  Textarea,
  cn,
  toast,
} from '@platform/ui';
import { noteInput, replyInput } from '@platform/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Video } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useMe } from '~/components/me';
import { useInboxLive } from '~/components/inbox/use-inbox-live';
import { QueryState } from '~/components/query-state';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

type Conversation = RouterOutputs['inbox']['get'];

export function InboxConversation({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  useInboxLive();
  const conversation = useQuery(trpc.inbox.get.queryOptions({ sessionId }));
  return (
    <>
      <Link
        href="/inbox"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden="true" /> Inbox
      </Link>
      <QueryState query={conversation} loadingLabel="Loading conversation" loadingRows={6}>
        {(c) => <ConversationView c={c} />}
      </QueryState>
    </>
  );
}

const AUTHOR_LABEL = { visitor: 'Visitor', assistant: 'Assistant', system: 'System' } as const;

function ConversationView({ c }: { c: Conversation }) {
  const trpc = useTRPC();
  const me = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const claim = useMutation(trpc.inbox.claim.mutationOptions({ onSuccess: refresh, onError }));
  const release = useMutation(
    trpc.inbox.release.mutationOptions({
      onSuccess: async () => {
        toast.success('Handed back to the assistant');
        await refresh();
      },
      onError,
    }),
  );
  const invite = useMutation(
    trpc.inbox.inviteToCall.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        router.push(`/meetings/${r.meetingId}`);
      },
      onError,
    }),
  );
  const mine = c.holder?.id === me.id;

  return (
    <>
      <PageHeader
        title={`Conversation on ${c.widgetName ?? 'a removed widget'}`}
        description={`Started ${formatDateTime(c.startedAt)}`}
        actions={
          <div className="flex flex-wrap gap-2">
            {c.state !== 'held' ? (
              <Button
                loading={claim.isPending}
                onClick={() => claim.mutate({ sessionId: c.sessionId })}
              >
                Take conversation
              </Button>
            ) : null}
            {c.state === 'held' ? (
              <Button
                variant="outline"
                loading={invite.isPending}
                onClick={() => invite.mutate({ sessionId: c.sessionId })}
              >
                <Video aria-hidden="true" /> Invite to a call
              </Button>
            ) : null}
            {c.state !== 'assistant' ? (
              <Button
                variant="outline"
                loading={release.isPending}
                onClick={() => release.mutate({ sessionId: c.sessionId })}
              >
                Hand back to the assistant
              </Button>
            ) : null}
          </div>
        }
      />
      <p role="status" className="mb-4 text-sm">
        {c.state === 'waiting' ? (
          <Badge>Waiting for a person since {formatDateTime(c.waitingSince)}</Badge>
        ) : c.state === 'held' ? (
          <Badge variant="outline">
            {mine ? 'You have' : `${c.holder?.name} has`} this conversation
          </Badge>
        ) : (
          <Badge variant="outline">The assistant answers</Badge>
        )}
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardHeader>
            <CardTitle>Messages</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ol className="grid gap-3" aria-label="Messages">
              {c.messages.map((m) => (
                <li
                  key={m.id}
                  className={cn(
                    'max-w-[85%] rounded-lg px-3 py-2 text-sm',
                    m.author === 'visitor'
                      ? 'justify-self-start bg-muted'
                      : 'justify-self-end border bg-background',
                  )}
                >
                  <span className="block text-xs font-medium text-muted-foreground">
                    {m.author === 'person' ? (m.authorName ?? 'Team') : AUTHOR_LABEL[m.author]} ·{' '}
                    {formatDateTime(m.at)}
                  </span>
                  <span className="whitespace-pre-wrap">{m.content}</span>
                  {m.call ? (
                    <span className="block text-xs text-muted-foreground">
                      Call invitation (until {formatDateTime(m.call.expiresAt)})
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
            <ComposeForm sessionId={c.sessionId} kind="reply" onDone={refresh} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Internal notes</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            <p className="text-xs text-muted-foreground">Only your team sees these.</p>
            {c.notes.length === 0 ? (
              <p className="text-sm text-muted-foreground">No notes yet.</p>
            ) : (
              <ul className="grid gap-2" aria-label="Notes">
                {c.notes.map((n) => (
                  <li key={n.id} className="rounded-md border p-2 text-sm">
                    <span className="block text-xs text-muted-foreground">
                      {n.authorName} · {formatDateTime(n.at)}
                    </span>
                    <span className="whitespace-pre-wrap">{n.content}</span>
                  </li>
                ))}
              </ul>
            )}
            <ComposeForm sessionId={c.sessionId} kind="note" onDone={refresh} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

/** The reply box (to the visitor) or the note box (team only), validated with the API's schemas. */
function ComposeForm({
  sessionId,
  kind,
  onDone,
}: {
  sessionId: string;
  kind: 'reply' | 'note';
  onDone: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string>();
  const options = { onError: (e: unknown) => toast.error(errorMessage(e)) };
  const reply = useMutation(trpc.inbox.reply.mutationOptions(options));
  const note = useMutation(trpc.inbox.note.mutationOptions(options));
  const mutation = kind === 'reply' ? reply : note;
  const schema = kind === 'reply' ? replyInput : noteInput;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = schema.safeParse({ sessionId, content });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    await mutation.mutateAsync(parsed.data);
    setContent('');
    await onDone();
  };

  const label = kind === 'reply' ? 'Reply to the visitor' : 'Add an internal note';
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-2">
      <Field label={label} error={error}>
        <Textarea
          name="content"
          value={content}
          onChange={(e) => setContent(e.target.value)}
          maxLength={4000}
          rows={kind === 'reply' ? 3 : 2}
          onKeyDown={(e) => {
            if (kind === 'reply' && e.key === 'Enter' && !e.shiftKey) void submit(e);
          }}
        />
      </Field>
      <div>
        <Button
          type="submit"
          variant={kind === 'reply' ? 'default' : 'outline'}
          loading={mutation.isPending}
        >
          {kind === 'reply' ? 'Send reply' : 'Add note'}
        </Button>
      </div>
    </form>
  );
}
