import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { rowsOf } from '../rows';

/**
 * Upkeep of knowledge_postings, the text branch's inverted index, called by chunks.ts in the
 * transaction that writes the chunks. Per (tenant, term): segments of at most
 * POSTINGS_PER_SEGMENT postings, parallel arrays of chunk id, the term's frequency in the chunk
 * (its positions in content_tsv, as the chunk-reading statement counts them) and the chunk's
 * term_count. Every statement names the tenant, so on Citus it routes to one shard group.
 */
export const POSTINGS_PER_SEGMENT = 1000;

/**
 * Partial segments a term may have before they are merged into full ones. Each insert batch adds
 * one segment per term, so a term ingested one document at a time would otherwise become
 * thousands of tiny rows (one index probe and one row each at query time). Merging only the
 * partial segments bounds the work to this many segments' postings, however common the term.
 */
export const PARTIAL_SEGMENTS_BEFORE_MERGE = 8;

/** One segment per term of these (just inserted) chunks, after the term's last segment. */
export async function addPostings(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  await tx.execute(sql`
    insert into knowledge_postings (tenant_id, term, segment, chunk_ids, frequencies, lengths)
    select n.tenant_id, n.term,
           coalesce((select max(p.segment) from knowledge_postings p
                      where p.tenant_id = ${tenantId} and p.term = n.term), -1) + 1,
           n.chunk_ids, n.frequencies, n.lengths
      from (select c.tenant_id, u.lexeme as term,
                   array_agg(c.id order by c.id) as chunk_ids,
                   array_agg(cardinality(u.positions)::smallint order by c.id) as frequencies,
                   array_agg(c.term_count order by c.id) as lengths
              from knowledge_chunks c, unnest(c.content_tsv) u
             where c.tenant_id = ${tenantId} and c.id in ${ids}
             group by 1, 2) n`);
  await mergeCrowdedTerms(tx, tenantId, ids);
}

/**
 * For the terms of these chunks that have too many partial segments: their partial segments
 * become full ones (the last possibly partial), numbered after the term's last segment; full
 * segments are left as they are.
 */
async function mergeCrowdedTerms(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  const crowded = rowsOf<{ term: string; last: number }>(
    await tx.execute(sql`
      select p.term, max(p.segment) as last from knowledge_postings p
       where p.tenant_id = ${tenantId}
         and p.term in (select u.lexeme from knowledge_chunks c, unnest(c.content_tsv) u
                         where c.tenant_id = ${tenantId} and c.id in ${ids})
       group by p.term
      having count(*) filter (where cardinality(p.chunk_ids) < ${POSTINGS_PER_SEGMENT})
             > ${PARTIAL_SEGMENTS_BEFORE_MERGE}`),
  );
  if (crowded.length === 0) return;
  const terms = JSON.stringify(crowded.map((c) => ({ term: c.term, last: Number(c.last) })));
  await tx.execute(sql`
    insert into knowledge_postings (tenant_id, term, segment, chunk_ids, frequencies, lengths)
    select m.tenant_id, m.term, m.last + 1 + (m.n - 1) / ${POSTINGS_PER_SEGMENT},
           array_agg(m.id order by m.n), array_agg(m.frequency order by m.n),
           array_agg(m.length order by m.n)
      from (select p.tenant_id, p.term, k.last, u.id, u.frequency, u.length,
                   row_number() over (partition by p.term order by u.id) as n
              from knowledge_postings p
              join jsonb_to_recordset(${terms}::jsonb) as k(term text, last int) on k.term = p.term
             cross join lateral unnest(p.chunk_ids, p.frequencies, p.lengths) as u(id, frequency, length)
             where p.tenant_id = ${tenantId} and p.segment <= k.last
               and cardinality(p.chunk_ids) < ${POSTINGS_PER_SEGMENT}) m
     group by 1, 2, 3`);
  await tx.execute(sql`
    delete from knowledge_postings p
     using jsonb_to_recordset(${terms}::jsonb) as k(term text, last int)
     where p.tenant_id = ${tenantId} and p.term = k.term and p.segment <= k.last
       and cardinality(p.chunk_ids) < ${POSTINGS_PER_SEGMENT}`);
}

/**
 * Takes the chunks of these documents (still stored) out of their terms' segments: segments
 * holding only them are deleted, the others rewritten without them. The segments are found
 * through the chunks' own lexemes, so only the terms they contain are read.
 */
export async function removePostings(
  tx: Tx,
  tenantId: string,
  documentIds: string[],
): Promise<void> {
  const terms = sql`(select u.lexeme from knowledge_chunks c, unnest(c.content_tsv) u
     where c.tenant_id = ${tenantId} and c.document_id in ${documentIds})`;
  const chunks = sql`(select c.id from knowledge_chunks c
     where c.tenant_id = ${tenantId} and c.document_id in ${documentIds})`;
  const removed = sql`array${chunks}`;
  await tx.execute(sql`
    delete from knowledge_postings p
     where p.tenant_id = ${tenantId} and p.term in ${terms} and p.chunk_ids <@ ${removed}`);
  await tx.execute(sql`
    update knowledge_postings p
       set chunk_ids = k.chunk_ids, frequencies = k.frequencies, lengths = k.lengths
      from (select s.term, s.segment, array_agg(u.id order by u.n) as chunk_ids,
                   array_agg(u.frequency order by u.n) as frequencies,
                   array_agg(u.length order by u.n) as lengths
              from knowledge_postings s
             cross join lateral unnest(s.chunk_ids, s.frequencies, s.lengths)
                   with ordinality as u(id, frequency, length, n)
             where s.tenant_id = ${tenantId} and s.term in ${terms} and s.chunk_ids && ${removed}
               and u.id not in ${chunks}
             group by s.term, s.segment) k
     where p.tenant_id = ${tenantId} and p.term = k.term and p.segment = k.segment`);
}

/** The tenant's postings from its chunks: full segments in chunk id order (as migration 0017). */
export async function rebuildPostings(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`delete from knowledge_postings where tenant_id = ${tenantId}`);
  await tx.execute(sql`
    insert into knowledge_postings (tenant_id, term, segment, chunk_ids, frequencies, lengths)
    select tenant_id, term, (n - 1) / ${POSTINGS_PER_SEGMENT},
           array_agg(id order by n), array_agg(frequency order by n), array_agg(length order by n)
      from (select c.tenant_id, u.lexeme as term, c.id,
                   cardinality(u.positions)::smallint as frequency, c.term_count as length,
                   row_number() over (partition by u.lexeme order by c.id) as n
              from knowledge_chunks c, unnest(c.content_tsv) u
             where c.tenant_id = ${tenantId}) p
     group by 1, 2, 3`);
}
