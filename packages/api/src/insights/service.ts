import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { tenantOf, widgets } from '@platform/db';
import type { Tx } from '@platform/db';
import { notFound } from '@platform/errors';
import { createDocument } from '../knowledge/service';
import { groupQuestions } from './grouping';
import type { answerInput, ratesInput, unansweredInput } from './schema';

/** Bounded work: at most this many unanswered turns are read and grouped per request. */
export const MAX_UNANSWERED_SCANNED = 500;
/** Conversations linked from one group (the newest). */
const SESSIONS_PER_GROUP = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC `days - 1` days before `now`: the window includes today. */
export function windowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

interface UnansweredTurn {
  question: string;
  sessionId: string;
  askedAt: Date;
  reason: 'no-relevant-source' | 'thumbs-down';
}

/**
 * Visitor questions the assistant could not answer: the assistant's reply (never a team
 * member's) found no relevant source, or the visitor rated it thumbs down. The question is the
 * visitor's latest message before that reply. Newest first, grouped when they ask the same thing.
 */
export async function listUnanswered(
  tx: Tx,
  input: z.output<typeof unansweredInput>,
  options: { now?: Date } = {},
) {
  const since = windowStart(options.now ?? new Date(), input.days);
  const tenantId = tenantOf(tx);
  const rows = await tx.execute<{
    question: string;
    session_id: string;
    asked_at: string | Date;
    reason: UnansweredTurn['reason'];
  }>(sql`
    select q.content as question, a.session_id, q.timestamp as asked_at,
      case when a.metadata->>'answerOutcome' = 'no-relevant-source'
        then 'no-relevant-source' else 'thumbs-down' end as reason
    from messages a
    cross join lateral (
      select v.content, v.timestamp from messages v
      where v.tenant_id = a.tenant_id and v.session_id = a.session_id
        and v.author_kind = 'visitor' and v.timestamp <= a.timestamp
      order by v.timestamp desc limit 1
    ) q
    where a.tenant_id = ${tenantId} and a.author_kind = 'assistant' and a.timestamp >= ${since}
      and (a.metadata->>'answerOutcome' = 'no-relevant-source' or a.metadata->>'feedback' = 'down')
    order by a.timestamp desc
    limit ${MAX_UNANSWERED_SCANNED}
  `);
  const turns: UnansweredTurn[] = rows.map((r) => ({
    question: r.question,
    sessionId: r.session_id,
    askedAt: new Date(r.asked_at),
    reason: r.reason,
  }));
  const groups = groupQuestions(turns).map((items) => {
    const sessionIds = [...new Set(items.map((i) => i.sessionId))];
    return {
      /** The newest wording: what the admin sees and answers. */
      question: items[0]!.question,
      variants: [...new Set(items.map((i) => i.question.trim()))].slice(0, 5),
      count: items.length,
      lastAskedAt: items[0]!.askedAt,
      noSource: items.filter((i) => i.reason === 'no-relevant-source').length,
      thumbsDown: items.filter((i) => i.reason === 'thumbs-down').length,
      sessionIds: sessionIds.slice(0, SESSIONS_PER_GROUP),
      conversations: sessionIds.length,
    };
  });
  groups.sort((a, b) => b.count - a.count || +b.lastAskedAt - +a.lastAskedAt);
  return {
    since,
    scanned: turns.length,
    /** True when the window held more than was read: the counts are a lower bound. */
    truncated: turns.length === MAX_UNANSWERED_SCANNED,
    groups,
  };
}

/**
 * The answer as a document titled with the question. The content is the answer alone: with the
 * question in it too, the extractive answerer quotes the question back (it matches best).
 */
export async function saveAnswer(tx: Tx, tenantId: string, input: z.output<typeof answerInput>) {
  return createDocument(tx, tenantId, {
    title: input.title ?? input.question.slice(0, 300),
    content: input.answer,
    category: 'faq',
    metadata: { source: 'insights' },
  });
}

interface Counts {
  conversations: number;
  handoffConversations: number;
  answered: number;
  unanswered: number;
  thumbsUp: number;
  thumbsDown: number;
}

const ZERO: Counts = {
  conversations: 0,
  handoffConversations: 0,
  answered: 0,
  unanswered: 0,
  thumbsUp: 0,
  thumbsDown: 0,
};

/** Null when there is nothing to divide (no answers yet is not a 0 % answer rate). */
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function withRates(counts: Counts) {
  return {
    ...counts,
    answerRate: ratio(counts.answered, counts.answered + counts.unanswered),
    handoffRate: ratio(counts.handoffConversations, counts.conversations),
    thumbsUpShare: ratio(counts.thumbsUp, counts.thumbsUp + counts.thumbsDown),
  };
}

/**
 * Answer rate, handoff rate and thumbs-up share per UTC day and per widget. Conversations count
 * on the day they began; answers and ratings on the day of the answer. Assistant turns without
 * an answer outcome (older ones, or "not a question") count in neither side of the answer rate.
 */
export async function getRates(
  tx: Tx,
  input: z.output<typeof ratesInput>,
  options: { now?: Date } = {},
) {
  const since = windowStart(options.now ?? new Date(), input.days);
  const tenantId = tenantOf(tx);
  if (input.widgetId) {
    const [widget] = await tx
      .select({ id: widgets.id })
      .from(widgets)
      .where(and(eq(widgets.tenantId, tenantId), eq(widgets.id, input.widgetId)));
    if (!widget) throw notFound('Widget');
  }
  const widgetFilter = input.widgetId ? sql`and s.widget_id = ${input.widgetId}` : sql``;
  const rows = await tx.execute<{
    day: string;
    widget_id: string | null;
    conversations: number;
    handoff_conversations: number;
    answered: number;
    unanswered: number;
    thumbs_up: number;
    thumbs_down: number;
  }>(sql`
    with convo as (
      select to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, s.widget_id,
        count(*)::int as conversations,
        count(*) filter (where exists (
          select 1 from handoffs h where h.tenant_id = s.tenant_id and h.session_id = s.id))::int
          as handoff_conversations
      from sessions s
      where s.tenant_id = ${tenantId} and s.created_at >= ${since} ${widgetFilter}
      group by 1, 2
    ), turns as (
      select to_char(m.timestamp at time zone 'UTC', 'YYYY-MM-DD') as day, s.widget_id,
        count(*) filter (where m.metadata->>'answerOutcome' = 'answered')::int as answered,
        count(*) filter (where m.metadata->>'answerOutcome' = 'no-relevant-source')::int as unanswered,
        count(*) filter (where m.metadata->>'feedback' = 'up')::int as thumbs_up,
        count(*) filter (where m.metadata->>'feedback' = 'down')::int as thumbs_down
      from messages m join sessions s on s.tenant_id = m.tenant_id and s.id = m.session_id
      where m.tenant_id = ${tenantId} and m.author_kind = 'assistant' and m.timestamp >= ${since}
        ${widgetFilter}
      group by 1, 2
    )
    select coalesce(c.day, t.day) as day, coalesce(c.widget_id, t.widget_id) as widget_id,
      coalesce(c.conversations, 0) as conversations,
      coalesce(c.handoff_conversations, 0) as handoff_conversations,
      coalesce(t.answered, 0) as answered, coalesce(t.unanswered, 0) as unanswered,
      coalesce(t.thumbs_up, 0) as thumbs_up, coalesce(t.thumbs_down, 0) as thumbs_down
    from convo c full join turns t
      on t.day = c.day and t.widget_id is not distinct from c.widget_id
  `);

  const byDay = new Map<string, Counts>();
  const byWidget = new Map<string | null, Counts>();
  const total = { ...ZERO };
  const add = (into: Counts, r: (typeof rows)[number]) => {
    into.conversations += Number(r.conversations);
    into.handoffConversations += Number(r.handoff_conversations);
    into.answered += Number(r.answered);
    into.unanswered += Number(r.unanswered);
    into.thumbsUp += Number(r.thumbs_up);
    into.thumbsDown += Number(r.thumbs_down);
  };
  for (const r of rows) {
    if (!byDay.has(r.day)) byDay.set(r.day, { ...ZERO });
    if (!byWidget.has(r.widget_id)) byWidget.set(r.widget_id, { ...ZERO });
    add(byDay.get(r.day)!, r);
    add(byWidget.get(r.widget_id)!, r);
    add(total, r);
  }

  const names = new Map(
    (
      await tx
        .select({ id: widgets.id, name: widgets.name })
        .from(widgets)
        .where(eq(widgets.tenantId, tenantId))
    ).map((w) => [w.id, w.name]),
  );
  const days = Array.from({ length: input.days }, (_, i) =>
    new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  return {
    since,
    widgetId: input.widgetId ?? null,
    total: withRates(total),
    days: days.map((date) => ({ date, ...withRates(byDay.get(date) ?? ZERO) })),
    widgets: [...byWidget.entries()]
      .map(([widgetId, counts]) => ({
        widgetId,
        /** Null for conversations without a widget (or whose widget was deleted). */
        name: widgetId ? (names.get(widgetId) ?? null) : null,
        ...withRates(counts),
      }))
      .sort((a, b) => b.conversations - a.conversations),
  };
}
