import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { knowledgeChunks } from '../schema';
import { addPostings, rebuildPostings, removePostings } from './postings';

/**
 * The only way chunks are written: each insert or delete also updates the tenant's BM25
 * statistics (knowledge_term_stats, knowledge_corpus_stats) and its postings (knowledge_postings,
 * postings.ts) in the same transaction, on every server. Triggers did this until Citus, which does not distribute a table with triggers
 * (migration 0016). Every statement names the tenant, so on Citus it routes to one shard group.
 *
 * Concurrent writers of one tenant are serialized by its corpus row, written first in each
 * change, before any term row, so two ingestions cannot deadlock on terms locked in other orders.
 */
export type NewChunk = Omit<typeof knowledgeChunks.$inferInsert, 'id' | 'tenantId' | 'termCount'>;

/**
 * Rows per INSERT: a 1024-d vector is ~10 kB of SQL text. At most POSTINGS_PER_SEGMENT, so one
 * batch's postings of a term fit one segment.
 */
const INSERT_BATCH = 200;

/** Inserts one tenant's chunks and counts them into its statistics. Returns their ids in order. */
export async function insertChunks(
  tx: Tx,
  tenantId: string,
  chunks: NewChunk[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < chunks.length; i += INSERT_BATCH) {
    const rows = await tx
      .insert(knowledgeChunks)
      .values(
        chunks.slice(i, i + INSERT_BATCH).map((chunk) => ({
          ...chunk,
          tenantId,
          termCount: sql`english_token_count(${chunk.content})`,
        })),
      )
      .returning({ id: knowledgeChunks.id });
    const batch = rows.map((r) => r.id);
    await countIn(tx, tenantId, batch);
    await addPostings(tx, tenantId, batch);
    ids.push(...batch);
  }
  return ids;
}

/**
 * Deletes chunks of one tenant (of these documents, or all of them) after counting them out of
 * its statistics. Deleting a document must go through here first: ON DELETE CASCADE alone would
 * leave its terms counted.
 */
export async function deleteChunks(
  tx: Tx,
  tenantId: string,
  scope: { documentIds: readonly string[] } | 'all',
): Promise<void> {
  if (scope === 'all') {
    await tx.execute(sql`
      update knowledge_corpus_stats set chunks = 0, terms = 0 where tenant_id = ${tenantId}`);
    await tx.execute(sql`delete from knowledge_term_stats where tenant_id = ${tenantId}`);
    await tx.execute(sql`delete from knowledge_postings where tenant_id = ${tenantId}`);
    await tx.execute(sql`delete from knowledge_chunks where tenant_id = ${tenantId}`);
    return;
  }
  if (scope.documentIds.length === 0) return;
  // An array in sql`` renders as a parenthesized parameter list: `in (...)`.
  const documents = [...scope.documentIds];
  await tx.execute(sql`
    update knowledge_corpus_stats s
       set chunks = s.chunks - d.chunks, terms = s.terms - d.terms
      from (select tenant_id, count(*)::int as chunks, sum(term_count)::bigint as terms
              from knowledge_chunks
             where tenant_id = ${tenantId} and document_id in ${documents}
             group by tenant_id) d
     where s.tenant_id = ${tenantId} and s.tenant_id = d.tenant_id`);
  const removed = sql`(select c.tenant_id, u.lexeme as term, count(*)::int as chunks
      from knowledge_chunks c, unnest(c.content_tsv) u
     where c.tenant_id = ${tenantId} and c.document_id in ${documents}
     group by 1, 2)`;
  await tx.execute(sql`
    delete from knowledge_term_stats s using ${removed} d
     where s.tenant_id = ${tenantId} and s.tenant_id = d.tenant_id and s.term = d.term
       and s.chunks <= d.chunks`);
  await tx.execute(sql`
    update knowledge_term_stats s set chunks = s.chunks - d.chunks from ${removed} d
     where s.tenant_id = ${tenantId} and s.tenant_id = d.tenant_id and s.term = d.term`);
  await removePostings(tx, tenantId, documents);
  await tx.execute(sql`
    delete from knowledge_chunks
     where tenant_id = ${tenantId} and document_id in ${documents}`);
}

async function countIn(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  await tx.execute(sql`
    insert into knowledge_corpus_stats as s (tenant_id, chunks, terms)
    select tenant_id, count(*), sum(term_count) from knowledge_chunks
     where tenant_id = ${tenantId} and id in ${ids}
     group by tenant_id
    on conflict (tenant_id) do update
      set chunks = s.chunks + excluded.chunks, terms = s.terms + excluded.terms`);
  await tx.execute(sql`
    insert into knowledge_term_stats as s (tenant_id, term, chunks)
    select c.tenant_id, u.lexeme, count(*) from knowledge_chunks c, unnest(c.content_tsv) u
     where c.tenant_id = ${tenantId} and c.id in ${ids}
     group by 1, 2 order by 1, 2
    on conflict (tenant_id, term) do update set chunks = s.chunks + excluded.chunks`);
}

/**
 * Recomputes one tenant's chunk lengths and statistics from its chunks: after a bulk load that
 * bypassed insertChunks (e.g. SQL `INSERT ... SELECT`), or to repair. Same result as having
 * written every chunk through insertChunks.
 */
export async function recountChunkStatistics(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`
    update knowledge_chunks set term_count = english_token_count(content)
     where tenant_id = ${tenantId} and term_count is distinct from english_token_count(content)`);
  await tx.execute(sql`
    insert into knowledge_corpus_stats as s (tenant_id, chunks, terms)
    select ${tenantId}::uuid, count(*), coalesce(sum(term_count), 0) from knowledge_chunks
     where tenant_id = ${tenantId}
    on conflict (tenant_id) do update set chunks = excluded.chunks, terms = excluded.terms`);
  await tx.execute(sql`delete from knowledge_term_stats where tenant_id = ${tenantId}`);
  await tx.execute(sql`
    insert into knowledge_term_stats (tenant_id, term, chunks)
    select c.tenant_id, u.lexeme, count(*) from knowledge_chunks c, unnest(c.content_tsv) u
     where c.tenant_id = ${tenantId}
     group by 1, 2`);
  await rebuildPostings(tx, tenantId);
}
