import type { Tx } from '@platform/db';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Candidate } from './rows';
import { isFiltered, scopeFilter, type SearchScope } from './scope';

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
 * A Postgres array literal of `values` (each double-quoted, `\` and `"` escaped), for a bound
 * parameter cast to text[]: read by the array parser, never as SQL.
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * The BM25 text branch: every chunk in `scope` containing at least one query term (OR), scored
 *   sum over matched terms of idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgLen))
 * with the tenant's statistics, and the best `count` returned. All matches are scored: top-k is
 * over all of them, not over an arbitrary first few hundred. Terms are summed in a fixed order
 * (by term): float addition is not associative, and a plan that delivered a chunk's terms in
 * another order would give equal chunks scores a last digit apart, so ties would not fall to
 * the id.
 * A search of the whole tenant reads the postings (knowledge_postings: one index range per
 * term, no chunk fetched); one narrowed to documents or a category reads the matching chunks
 * through the GIN index (postings carry no document). Both give the same ids and scores.
 * With `queryVector`, each returned chunk also carries its cosine similarity to it, read in the
 * same statement for the `count` best only (score fusion needs it for chunks the vector branch
 * did not return; no extra round trip).
 */
export async function bm25Candidates(
  tx: Tx,
  query: QueryTerms,
  scope: SearchScope,
  count: number,
  parameters: Bm25Parameters = BM25_DEFAULTS,
  queryVector?: number[],
): Promise<Array<Candidate & { similarity: number | null }>> {
  const terms = query.terms.filter((t) => t.chunks > 0);
  if (terms.length === 0 || query.corpus.averageLength <= 0) return [];
  const { k1, b } = parameters;
  const filter = scopeFilter(scope.tenantId, scope);
  // Two bound arrays unnested: the planner then knows how many terms there are and looks each
  // one up in the postings' index (as a jsonb relation of unknown size it read every segment of
  // the tenant into a hash join: 8,152 rows for a two-word question at 100k chunks).
  const weights = sql`
    with terms as (
      select * from unnest(${textArray(terms.map((t) => t.term))}::text[],
        ${`{${terms.map((t) => t.idf).join(',')}}`}::float8[]) as t(term, idf)
    ),`;
  const bm25 = (idf: SQL, tf: SQL, length: SQL) => sql`${idf} * ${tf} * ${k1 + 1}::float8
    / (${tf} + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * ${length} / ${query.corpus.averageLength}::float8))`;
  const scored = isFiltered(scope)
    ? sql`
    matches as (
      select c.id, c.term_count, c.content_tsv from knowledge_chunks c
      where ${filter} and c.content_tsv @@ ${orQuery(terms.map((t) => t.term))}::tsquery
    ),
    scored as materialized (
      select m.id, sum(${bm25(sql`t.idf`, sql`cardinality(u.positions)`, sql`m.term_count`)} order by t.term) as score
      from matches m
      cross join lateral unnest(
        ts_filter(setweight(m.content_tsv, 'A', (select array_agg(term) from terms)), '{a}')) u
      join terms t on t.term = u.lexeme
      group by m.id
      order by score desc, m.id
      limit ${count}
    )`
    : sql`
    postings as (
      -- Unnested in the select list (streamed; unnest in FROM fills a tuplestore per segment):
      -- 20-25% faster on questions with a common word.
      select t.term, t.idf, unnest(s.chunk_ids) as id, unnest(s.frequencies) as frequency,
        unnest(s.lengths) as length
      from terms t
      join knowledge_postings s on s.tenant_id = ${scope.tenantId} and s.term = t.term
    ),
    scored as materialized (
      select p.id, sum(${bm25(sql`p.idf`, sql`p.frequency`, sql`p.length`)} order by p.term) as score
      from postings p
      group by p.id
      order by score desc, p.id
      limit ${count}
    )`;
  const result = await tx.execute(sql`
    ${weights}
    ${scored}
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
