import type postgres from 'postgres';

/** The tenant with the most chunks on a loaded bench server (the one `pnpm bench rag` measures). */
export async function largestTenant(admin: postgres.Sql): Promise<string> {
  const [row] = await admin.unsafe<Array<{ tenant_id: string }>>(
    'select tenant_id from knowledge_corpus_stats order by chunks desc limit 1',
  );
  if (!row) throw new Error('No tenant with chunks: load one with `pnpm bench rag` first.');
  return row.tenant_id;
}
