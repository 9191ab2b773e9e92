import type { Tx } from '@platform/db';
import { orQuery, rowsOf, type QueryTerms } from '@platform/rag';
import { sql, type SQL } from 'drizzle-orm';

const k1 = 1.2;
const b = 0.75;

function parts(q: QueryTerms) {
  const terms = q.terms.filter((t) => t.chunks > 0);
  return {
    terms,
    names: terms.map((t) => t.term),
    idfs: terms.map((t) => t.idf),
    avg: q.corpus.averageLength,
  };
}

const out = (result: unknown) =>
  rowsOf<{ id: string; score: number }>(result).map((r) => ({
    id: r.id,
    value: Number(r.score),
    similarity: null,
  }));

const pgArray = (values: readonly (string | number)[]) =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

const vector = Array.from({ length: 1024 }, (_, i) => (i < 512 ? Math.sin(i) * 0.3 : 0));

/** bm25Candidates as of commit 703f6a5 (terms as a jsonb relation, joined), with a fixed vector. */
async function previous(tx: Tx, q: QueryTerms, filter: SQL, queryVector?: number[]) {
  const { terms, names, avg } = parts(q);
  if (terms.length === 0 || avg <= 0) return [];
  const result = await tx.execute(sql`
    with terms as (
      select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)
    ),
    matches as (
      select c.id, c.term_count, c.content_tsv from knowledge_chunks c
      where ${filter} and c.content_tsv @@ ${orQuery(names)}::tsquery
    ),
    scored as materialized (
      select m.id, sum(
        t.idf * cardinality(u.positions) * ${k1 + 1}::float8
          / (cardinality(u.positions) + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * m.term_count / ${avg}::float8))
        order by t.term
      ) as score
      from matches m
      cross join lateral unnest(
        ts_filter(setweight(m.content_tsv, 'A', (select array_agg(term) from terms)), '{a}')) u
      join terms t on t.term = u.lexeme
      group by m.id
      order by score desc, m.id
      limit 40
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

/** How a knowledge_postings statement is written: each choice on its own, so an A/B varies one. */
interface PostingsForm {
  /** The query's terms as two bound arrays unnested (row estimate known) or a jsonb relation. */
  terms: 'arrays' | 'jsonb';
  /** Summed in term order (float) or in fixed point (int8: associative, a hash aggregate is exact). */
  sum: 'ordered' | 'fixed';
  /** `unnest` in FROM (a tuplestore per segment) or in the select list (streamed). */
  unnest: 'from' | 'select';
}

async function postingsOver(tx: Tx, q: QueryTerms, form: PostingsForm) {
  const { terms, names, idfs, avg } = parts(q);
  if (names.length === 0 || avg <= 0) return [];
  const bm25 = sql`p.idf * p.frequency * ${k1 + 1}::float8
    / (p.frequency + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.length / ${avg}::float8))`;
  const total =
    form.sum === 'ordered'
      ? sql`sum(${bm25} order by p.term)`
      : sql`sum((${bm25} * 1e9::float8)::int8)`;
  const postings =
    form.unnest === 'select'
      ? sql`select t.term, t.idf, unnest(s.chunk_ids) as id, unnest(s.frequencies) as frequency,
            unnest(s.lengths) as length
          from terms t
          join knowledge_postings s on s.tenant_id = (select get_current_tenant_id()) and s.term = t.term`
      : sql`select t.term, t.idf, u.id, u.frequency, u.length
          from terms t
          join knowledge_postings s on s.tenant_id = (select get_current_tenant_id()) and s.term = t.term
          cross join lateral unnest(s.chunk_ids, s.frequencies, s.lengths) as u(id, frequency, length)`;
  return out(
    await tx.execute(sql`
    with terms as (${
      form.terms === 'jsonb'
        ? sql`select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)`
        : sql`select * from unnest(${pgArray(names)}::text[], ${pgArray(idfs)}::float8[]) as t(term, idf)`
    }),
    scored as materialized (
      select p.id, ${total} as total
      from (${postings}) p
      group by p.id
      order by total desc, p.id
      limit 40
    )
    select id, ${form.sum === 'fixed' ? sql`total / 1e9::float8` : sql`total`} as score
    from scored order by total desc, id`),
  );
}

export const variants = {
  /** idf looked up by the term's position in a bound array instead of the jsonb relation joined. */
  arrays: async (tx: Tx, q: QueryTerms, filter: SQL) => {
    const { names, idfs, avg } = parts(q);
    if (names.length === 0 || avg <= 0) return [];
    const n = pgArray(names);
    return out(
      await tx.execute(sql`
      select c.id, sum(
          (${pgArray(idfs)}::float8[])[array_position(${n}::text[], u.lexeme)] * cardinality(u.positions) * ${k1 + 1}::float8
            / (cardinality(u.positions) + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * c.term_count / ${avg}::float8))
          order by array_position(${n}::text[], u.lexeme)) as score
      from knowledge_chunks c
      cross join lateral unnest(ts_filter(setweight(c.content_tsv, 'A', ${n}::text[]), '{a}')) u
      where ${filter} and c.content_tsv @@ ${orQuery(names)}::tsquery
      group by c.id
      order by score desc, c.id
      limit 40`),
    );
  },
  previous: (tx: Tx, q: QueryTerms, filter: SQL) => previous(tx, q, filter),
  previousCos: (tx: Tx, q: QueryTerms, filter: SQL) => previous(tx, q, filter, vector),
  /** Only sending and parsing the query vector. */
  vectorParam: async (tx: Tx) => {
    await tx.execute(
      sql`select 1 - (${`[${vector.join(',')}]`}::vector <=> ${`[${vector.join(',')}]`}::vector)`,
    );
    return [];
  },
  /** Fixed cost: the transaction and queryTerms only. */
  none: async () => [],
  /** Prototype postings, sum without ORDER BY (hash aggregate; order not guaranteed). */
  postingsHash: async (tx: Tx, q: QueryTerms) => {
    const { terms, avg } = parts(q);
    if (terms.length === 0 || avg <= 0) return [];
    return out(
      await tx.execute(sql`
      with terms as (
        select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)
      )
      select p.id, sum(
          t.idf * p.tf * ${k1 + 1}::float8
            / (p.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.len / ${avg}::float8))) as score
      from terms t
      join probe_postings s on s.tenant_id = (select get_current_tenant_id()) and s.term = t.term
      cross join lateral unnest(s.ids, s.tfs, s.lens) p(id, tf, len)
      group by p.id
      order by score desc, p.id
      limit 40`),
    );
  },
  /** Prototype inverted index: segments of (ids, tfs, lens) arrays per (tenant, term). */
  postings: async (tx: Tx, q: QueryTerms, filter: SQL) => {
    const { terms, avg } = parts(q);
    if (terms.length === 0 || avg <= 0) return [];
    void filter;
    return out(
      await tx.execute(sql`
      with terms as (
        select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)
      )
      select p.id, sum(
          t.idf * p.tf * ${k1 + 1}::float8
            / (p.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.len / ${avg}::float8))
          order by t.term) as score
      from terms t
      join probe_postings s on s.tenant_id = (select get_current_tenant_id()) and s.term = t.term
      cross join lateral unnest(s.ids, s.tfs, s.lens) p(id, tf, len)
      group by p.id
      order by score desc, p.id
      limit 40`),
    );
  },
  /** knowledge_postings as first shipped: jsonb terms, unnest in FROM, sum in term order. */
  jsonbTerms: (tx: Tx, q: QueryTerms) =>
    postingsOver(tx, q, { terms: 'jsonb', sum: 'ordered', unnest: 'from' }),
  /** The same summed in fixed point. */
  fixedPoint: (tx: Tx, q: QueryTerms) =>
    postingsOver(tx, q, { terms: 'jsonb', sum: 'fixed', unnest: 'from' }),
  /** Terms as two bound arrays (the planner knows their count), unnest in FROM, ordered sum. */
  orderedArrays: (tx: Tx, q: QueryTerms) =>
    postingsOver(tx, q, { terms: 'arrays', sum: 'ordered', unnest: 'from' }),
  /** The same, summed in fixed point: a hash aggregate, no sort of every posting. */
  fixedArrays: (tx: Tx, q: QueryTerms) =>
    postingsOver(tx, q, { terms: 'arrays', sum: 'fixed', unnest: 'from' }),
  /** Arrays, postings unnested in the select list (ProjectSet streams), ordered sum: shipped. */
  srfOrdered: (tx: Tx, q: QueryTerms) =>
    postingsOver(tx, q, { terms: 'arrays', sum: 'ordered', unnest: 'select' }),
  /** Per-chunk LATERAL sum over the matched lexemes, idf looked up in arrays; no GROUP BY. */
  lateral: async (tx: Tx, q: QueryTerms, filter: SQL) => {
    const { names, idfs, avg } = parts(q);
    if (names.length === 0 || avg <= 0) return [];
    const n = pgArray(names);
    return out(
      await tx.execute(sql`
      select c.id, s.score from knowledge_chunks c
      cross join lateral (
        select sum(
          (${pgArray(idfs)}::float8[])[array_position(${n}::text[], u.lexeme)] * cardinality(u.positions) * ${k1 + 1}::float8
            / (cardinality(u.positions) + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * c.term_count / ${avg}::float8))
          order by array_position(${n}::text[], u.lexeme)) as score
        from unnest(ts_filter(setweight(c.content_tsv, 'A', ${n}::text[]), '{a}')) u
      ) s
      where ${filter} and c.content_tsv @@ ${orQuery(names)}::tsquery
      order by s.score desc, c.id
      limit 40`),
    );
  },
  /** Only the match: GIN + heap, no scoring (a floor). */
  matchOnly: async (tx: Tx, q: QueryTerms, filter: SQL) => {
    const { names } = parts(q);
    if (names.length === 0) return [];
    return out(
      await tx.execute(sql`
      select c.id, c.term_count::float8 as score from knowledge_chunks c
      where ${filter} and c.content_tsv @@ ${orQuery(names)}::tsquery
      order by 2 desc, c.id limit 40`),
    );
  },
  /** Match and read the tsvector (detoast), no scoring. */
  matchTsv: async (tx: Tx, q: QueryTerms, filter: SQL) => {
    const { names } = parts(q);
    if (names.length === 0) return [];
    return out(
      await tx.execute(sql`
      select c.id, length(c.content_tsv)::float8 as score from knowledge_chunks c
      where ${filter} and c.content_tsv @@ ${orQuery(names)}::tsquery
      order by 2 desc, c.id limit 40`),
    );
  },
};
