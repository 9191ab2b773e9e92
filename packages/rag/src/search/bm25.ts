import type { Tx } from '@platform/db';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Candidate } from './rows';

/** BM25's free parameters: term-frequency saturation and length normalisation. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

/**
 * Picked by a coarse sweep on the SciFact dev set (`pnpm bench quality`), inside the usual range
 * (k1 0.9-1.2, b 0.4-0.75) rather than fitted to it, so they carry over to other corpora.
 */
export const BM25_DEFAULTS: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** A query term with its weight in this tenant. */
export interface QueryTerm {
  term: string;
  /** Chunks of the tenant containing it (0: none, it cannot match). */
  chunks: number;
  /** BM25 idf: ln(1 + (N - df + 0.5) / (df + 0.5)), never negative. */
  idf: number;
}

export interface QueryTerms {
  terms: QueryTerm[];
  /** The tenant's chunk count and average chunk length (tokens of content_tsv). */
  corpus: { chunks: number; averageLength: number };
}

/**
 * The query's terms as Postgres lexes documents (`english`: stemmed, stop words out), with their
 * document frequency in the tenant. Only lexemes are taken, never operators, so nothing a visitor
 * types (quotes, "or", a leading "-", parentheses) changes the query; hyphenated compounds count
 * as their parts (the compound itself is left out) so "e-mail" and "e mail" ask the same thing.
 */
export async function queryTerms(tx: Tx, tenantId: string, text: string): Promise<QueryTerms> {
  const rows = rowsOf<{ term: string | null; df: number | null; n: number; terms: number }>(
    await tx.execute(sql`
      with lexemes as (
        select distinct l as term
        from ts_debug('english'::regconfig, ${text}) d, unnest(d.lexemes) l
        where d.alias not in ('hword', 'asciihword', 'numhword')
      ),
      corpus as (
        select coalesce(max(s.chunks), 0) as n, coalesce(max(s.terms), 0) as terms
        from knowledge_corpus_stats s where s.tenant_id = ${tenantId}
      )
      select l.term, coalesce(t.chunks, 0) as df, corpus.n, corpus.terms
      from corpus
      left join lexemes l on true
      left join knowledge_term_stats t on t.tenant_id = ${tenantId} and t.term = l.term
      order by l.term`),
  );
  const n = Number(rows[0]?.n ?? 0);
  const totalLength = Number(rows[0]?.terms ?? 0);
  const terms = rows.flatMap((row): QueryTerm[] => {
    if (row.term === null) return [];
    const df = Number(row.df ?? 0);
    return [{ term: row.term, chunks: df, idf: bm25Idf(n, df) }];
  });
  return { terms, corpus: { chunks: n, averageLength: n > 0 ? totalLength / n : 0 } };
}

/**
 * The BM25 score of a chunk holding every query term at saturation: sum of idf * (k1 + 1) over
 * the terms the tenant has. A hit's score over it is the share of the question's weighted words
 * it matches (0-1), comparable between questions (fusion and the no-answer judgement use it).
 */
export function maxPossibleScore(query: QueryTerms, parameters: Bm25Parameters): number {
  return query.terms
    .filter((t) => t.chunks > 0)
    .reduce((sum, t) => sum + t.idf * (parameters.k1 + 1), 0);
}

/** Lucene's BM25 idf: positive even for a term in most chunks. */
export function bm25Idf(chunks: number, df: number): number {
  return Math.log(1 + (chunks - df + 0.5) / (df + 0.5));
}

/**
 * A tsquery literal ORing the lexemes (quoted per the tsquery syntax). It is passed as a bound
 * parameter and cast, never parsed as query text, so no input can become an operator.
 */
export function orQuery(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/**
 * How the text branch finds its top-k; both give the same hits and scores. MaxScore pruning
 * scores the rarest terms' matches first, while their chunk counts add up to at most
 * `seedChunks` (at least the rarest term): they are few, and their best scores set the bar the
 * other chunks must reach. `exhaustive` scores every match.
 */
export type Bm25Strategy = { seedChunks: number } | 'exhaustive';

export const MAXSCORE_DEFAULTS: Bm25Strategy = { seedChunks: 2_000 };

/** Slack on the bar so float rounding can only keep a term essential, never drop one. */
const THETA_SLACK = 1 - 1e-9;

/**
 * The BM25 text branch: the best `count` chunks in `filter` by
 *   sum over matched terms of idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgLen))
 * with the tenant's statistics, over every chunk holding at least one query term (OR, through
 * the GIN index on content_tsv). tf is read from the stored lexeme positions (`setweight` marks
 * the query's lexemes, `ts_filter` keeps only them, in C).
 *
 * Exact top-k without scoring every match (MaxScore pruning, one statement): a term adds at
 * most ub = idf * (k1 + 1). Phase 1 scores, over all terms, the chunks holding the rarest terms;
 * the count-th best of them is a bar theta the final top-k reaches (0 if fewer: every term then
 * counts). With terms by idf descending, a term is essential while the ub of it and all terms
 * after it sums to theta or more: a chunk holding only non-essential terms scores below theta
 * and cannot make the top-k. Phase 2 scores the chunks holding an essential term that phase 1
 * did not see. `exhaustive` puts every term in phase 1 (the reference the pruning is tested
 * against).
 *
 * With `queryVector`, each returned chunk also carries its cosine similarity to it, read in the
 * same statement for the `count` best only (score fusion needs it for chunks the vector branch
 * did not return; no extra round trip).
 */
export async function bm25Candidates(
  tx: Tx,
  query: QueryTerms,
  filter: SQL,
  count: number,
  parameters: Bm25Parameters = BM25_DEFAULTS,
  queryVector?: number[],
  strategy: Bm25Strategy = MAXSCORE_DEFAULTS,
): Promise<Array<Candidate & { similarity: number | null }>> {
  const matchable = query.terms.filter((t) => t.chunks > 0);
  if (matchable.length === 0 || query.corpus.averageLength <= 0 || count < 1) return [];
  const { k1, b } = parameters;
  // Highest idf (rarest) first; ties by term so the split is deterministic.
  const terms = [...matchable].sort((x, y) => y.idf - x.idf || x.term.localeCompare(y.term));
  let seedCount = terms.length;
  if (strategy !== 'exhaustive') {
    let df = terms[0]!.chunks;
    for (seedCount = 1; seedCount < terms.length; seedCount++) {
      df += terms[seedCount]!.chunks;
      if (df > strategy.seedChunks) break;
    }
  }
  const seedQuery = orQuery(terms.slice(0, seedCount).map((t) => t.term));
  // Per term: `suffix`, the ub of it and all terms after it (essential while >= theta), and
  // `later`, the OR query of the non-seed terms up to it (phase 2's query when it is the last
  // essential term; null for a seed term: phase 1 saw all their chunks).
  let suffix = 0;
  const rows = terms
    .map((t, i) => ({ ...t, i }))
    .reverse()
    .map(({ term, idf, i }) => {
      suffix += idf * (k1 + 1);
      const later =
        i < seedCount ? null : orQuery(terms.slice(seedCount, i + 1).map((x) => x.term));
      return { term, idf, suffix, later };
    });
  // Each chunk's sum runs over its own tsvector's (sorted) lexemes, in a lateral aggregate: no
  // sort or join can reorder the additions, so equal chunks get bit-equal scores whichever phase
  // scores them, and ties fall to the id order as they should.
  const score = (matches: SQL) => sql`
      select m.id, s.score
      from ${matches} m
      cross join lateral (
        select sum(
          (select w.idfs from weights w)[array_position((select w.names from weights w), u.lexeme)]
            * cardinality(u.positions) * ${k1 + 1}::float8
            / (cardinality(u.positions) + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * m.term_count / ${query.corpus.averageLength}::float8))
        ) as score
        from unnest(ts_filter(setweight(m.content_tsv, 'A', (select w.names from weights w)), '{a}')) u
      ) s`;
  const result = await tx.execute(sql`
    with terms as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as t(term text, idf float8, suffix float8, later text)
    ),
    weights as (select array_agg(term) as names, array_agg(idf) as idfs from terms),
    seed_matches as (
      select c.id, c.term_count, c.content_tsv from knowledge_chunks c
      where ${filter} and c.content_tsv @@ ${seedQuery}::tsquery
    ),
    seed_scored as materialized (${score(sql`seed_matches`)}),
    theta as (
      select coalesce(
        (select s.score from seed_scored s order by s.score desc offset ${count - 1} limit 1), 0
      ) * ${THETA_SLACK}::float8 as value
    ),
    rest_matches as (
      select c.id, c.term_count, c.content_tsv from knowledge_chunks c
      where ${filter}
        and c.content_tsv @@ (
          select t.later::tsquery from terms t, theta
          where t.suffix >= theta.value order by t.suffix limit 1)
        and not c.content_tsv @@ ${seedQuery}::tsquery
    ),
    rest_scored as materialized (${score(sql`rest_matches`)}),
    scored as materialized (
      select a.id, a.score from (
        select * from seed_scored union all select * from rest_scored
      ) a
      order by a.score desc, a.id
      limit ${count}
    )
    ${
      queryVector
        ? sql`select s.id, s.score, 1 - (c.embedding <=> ${`[${queryVector.join(',')}]`}::vector) as similarity
          from scored s join knowledge_chunks c on c.id = s.id
          where ${filter}`
        : sql`select s.id, s.score, null::float8 as similarity from scored s`
    }
    order by score desc, id`);
  return rowsOf<{ id: string; score: number; similarity: number | null }>(result).map((r) => ({
    id: r.id,
    value: Number(r.score),
    similarity: r.similarity === null ? null : Number(r.similarity),
  }));
}
