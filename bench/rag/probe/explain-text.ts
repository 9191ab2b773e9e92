// EXPLAIN (ANALYZE, BUFFERS) of text-branch statements as the app role inside withTenant (experiment):
// `previous` is the statement before the array lookup (jsonb terms joined), `postings` the prototype.
import { connectPostgres } from '@platform/db';
import { orQuery, queryTerms } from '@platform/rag';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const text = process.argv[2]!;
const variant = process.argv[3] ?? 'previous';
await db.withTenant(tenant, async (tx) => {
  const q = await queryTerms(tx, tenant, text);
  console.log(q.terms);
  const terms = q.terms.filter((t) => t.chunks > 0);
  const names = terms.map((t) => t.term);
  const avg = q.corpus.averageLength;
  // The chunk reader's scoring (GIN match, tf from the tsvector), shared by the first two.
  const chunkScores = sql`
    with terms as (
      select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)
    ),
    matches as (
      select c.id, c.term_count, c.content_tsv from knowledge_chunks c
      where c.tenant_id = ${tenant} and c.content_tsv @@ ${orQuery(names)}::tsquery
    ),
    scored as materialized (
      select m.id, sum(
        t.idf * cardinality(u.positions) * 2.2::float8
          / (cardinality(u.positions) + 1.2::float8 * (1 - 0.75::float8 + 0.75::float8 * m.term_count / ${avg}::float8))
        order by t.term
      ) as score
      from matches m
      cross join lateral unnest(
        ts_filter(setweight(m.content_tsv, 'A', (select array_agg(term) from terms)), '{a}')) u
      join terms t on t.term = u.lexeme
      group by m.id
      order by score desc, m.id
      limit 40
    )`;
  const statements: Record<string, ReturnType<typeof sql>> = {
    previous: sql`
    ${chunkScores}
    select s.id, s.score, null::float8 as similarity from scored s order by score desc, id`,
    cosines: sql`
    ${chunkScores}
    select s.id, s.score, 1 - (c.embedding <=> ${`[${Array.from({ length: 1024 }, (_, i) => (i < 512 ? Math.sin(i) : 0)).join(',')}]`}::vector) as similarity
          from scored s join knowledge_chunks c on c.id = s.id
          where c.tenant_id = ${tenant} order by score desc, id`,
    postings: sql`
      with terms as (
        select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(term text, idf float8)
      )
      select p.id, sum(
          t.idf * p.tf * 2.2::float8
            / (p.tf + 1.2::float8 * (1 - 0.75::float8 + 0.75::float8 * p.len / ${avg}::float8))
          order by t.term) as score
      from terms t
      join probe_postings s on s.tenant_id = ${tenant} and s.term = t.term
      cross join lateral unnest(s.ids, s.tfs, s.lens) p(id, tf, len)
      group by p.id
      order by score desc, p.id
      limit 40`,
    match: sql`select c.id from knowledge_chunks c
      where c.tenant_id = ${tenant} and c.content_tsv @@ ${orQuery(names)}::tsquery`,
    tsv: sql`select sum(length(c.content_tsv)) from knowledge_chunks c
      where c.tenant_id = ${tenant} and c.content_tsv @@ ${orQuery(names)}::tsquery`,
    filter: sql`select count(*) from knowledge_chunks c, unnest(ts_filter(setweight(c.content_tsv, 'A', ${`{${names.join(',')}}`}::text[]), '{a}')) u
      where c.tenant_id = ${tenant} and c.content_tsv @@ ${orQuery(names)}::tsquery`,
  };
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const rows = (await tx.execute(
      sql`explain (analyze, buffers${process.env.NOTIMING ? sql`, timing off` : sql``}) ${statements[variant]!}`,
    )) as unknown as Array<Record<string, string>>;
    const took = performance.now() - start;
    if (i === 2) console.log(rows.map((r) => Object.values(r)[0]).join('\n'));
    console.log(`round trip ${took.toFixed(1)} ms`);
  }
});
await db.close();
await admin.end();
