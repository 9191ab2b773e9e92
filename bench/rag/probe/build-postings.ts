// Builds the PROTOTYPE inverted index the `postings` variants read (experiment, not a migration):
// per (tenant, term) segments of at most SEGMENT postings, each as parallel arrays of chunk ids,
// term frequencies and chunk lengths, for the largest tenant of an already loaded server. RLS
// forced with a select policy for the app role, as a real tenant table would have.
// PROBE_URL=postgres://postgres@127.0.0.1:5601/postgres pnpm --filter @platform/bench exec tsx rag/probe/build-postings.ts
import postgres from 'postgres';
import { largestTenant } from './largest-tenant';

const SEGMENT = Number(process.env.PROBE_SEGMENT ?? 1000);
const admin = postgres(process.env.PROBE_URL!, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const start = performance.now();
await admin.unsafe('drop table if exists probe_postings');
await admin.unsafe(`
  create table probe_postings (
    tenant_id uuid not null, term text not null, segment int not null,
    ids uuid[] not null, tfs int2[] not null, lens int4[] not null,
    primary key (tenant_id, term, segment))`);
await admin.unsafe(
  `insert into probe_postings
   select tenant_id, term, (n - 1) / ${SEGMENT},
          array_agg(id order by n), array_agg(tf order by n), array_agg(len order by n)
   from (
     select c.tenant_id, u.lexeme as term, c.id, cardinality(u.positions)::int2 as tf,
            c.term_count as len, row_number() over (partition by u.lexeme order by c.id) as n
     from knowledge_chunks c, unnest(c.content_tsv) u where c.tenant_id = $1
   ) p group by 1, 2, 3`,
  [tenant],
);
console.log(`built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
await admin.unsafe('alter table probe_postings enable row level security');
await admin.unsafe('alter table probe_postings force row level security');
await admin.unsafe(`create policy probe_postings_select on probe_postings for select to platform_app
  using (tenant_id = (select get_current_tenant_id()))`);
await admin.unsafe('grant select on probe_postings to platform_app');
await admin.unsafe('vacuum analyze probe_postings');
console.log(
  await admin.unsafe(`select count(*) as segments, sum(cardinality(ids)) as postings,
    pg_size_pretty(pg_total_relation_size('probe_postings')) as size from probe_postings`),
);
await admin.end();
