import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite } from '../embedded/pglite';
import { migratePgliteDb, migrationsFolder } from '../migrate';
import { POSTINGS_PER_SEGMENT } from './postings';

/**
 * The upgrade to migration 0017 on a database that already has chunks: the migration builds
 * their postings (the search reads nothing else for a whole-tenant question). Checked against
 * Postgres' own count of each tenant's lexemes (ts_stat), not against the migration's statement.
 */
const A = '0a000000-0000-4000-8000-00000000000a';
const B = '0b000000-0000-4000-8000-00000000000b';
/** Enough chunks with one word that its postings need a second segment. */
const CHUNKS_OF_A = POSTINGS_PER_SEGMENT + 205;

let dir: string;
let pg: PGlite;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'platform-upgrade-'));
  const upTo0016 = join(dir, 'migrations');
  cpSync(migrationsFolder, upTo0016, { recursive: true });
  const journalPath = join(upTo0016, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < '0017');
  expect(journal.entries.at(-1)?.tag).toMatch(/^0016_/);
  writeFileSync(journalPath, JSON.stringify(journal));

  pg = await openPglite(); // the owner, as migrations run
  await migrate(drizzle(pg), { migrationsFolder: upTo0016 });
  await pg.query(
    `insert into tenants (id, name, api_key) values ($1, 'A', 'key-a'), ($2, 'B', 'key-b')`,
    [A, B],
  );
  for (const [tenant, chunks] of [
    [A, CHUNKS_OF_A],
    [B, 3],
  ] as const) {
    const [document] = (
      await pg.query<{ id: string }>(
        `insert into knowledge_documents (tenant_id, title, content) values ($1, 'Doc', '') returning id`,
        [tenant],
      )
    ).rows;
    // Every chunk says "shipping"; some say it twice, some add a word of their own: postings of
    // one segment and of two, term frequencies above 1, and lengths that differ.
    await pg.query(
      `insert into knowledge_chunks (document_id, tenant_id, content, embedding, position, term_count)
       select $1, $2, c.content, array(select random() from generate_series(1, 1024))::vector, i,
              english_token_count(c.content)
         from generate_series(1, $3::int) i,
              lateral (select 'Shipping to parcel ' || i
                        || case when i % 3 = 0 then ' and more shipping of boxes' else '' end
                        || case when i % 7 = 0 then ' returns window' else '' end as content) c`,
      [document!.id, tenant, chunks],
    );
  }
  await migratePgliteDb(pg); // 0017 and anything after it
}, 120_000);

afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Segment {
  term: string;
  segment: number;
  chunk_ids: string[];
  frequencies: number[];
  lengths: number[];
}

async function segmentsOf(tenant: string): Promise<Segment[]> {
  const { rows } = await pg.query<Segment>(
    `select term, segment, chunk_ids::text[] as chunk_ids, frequencies, lengths
       from knowledge_postings where tenant_id = $1 order by term, segment`,
    [tenant],
  );
  return rows;
}

test('every chunk stored before 0017 has its postings: each term in as many chunks, as often, as Postgres counts', async () => {
  for (const tenant of [A, B]) {
    const { rows: stats } = await pg.query<{ word: string; ndoc: number; nentry: number }>(
      `select word, ndoc, nentry from ts_stat(format(
         'select content_tsv from knowledge_chunks where tenant_id = %L', $1::text)) order by word`,
      [tenant],
    );
    const postings = new Map<string, { chunks: number; occurrences: number }>();
    for (const s of await segmentsOf(tenant)) {
      const entry = postings.get(s.term) ?? { chunks: 0, occurrences: 0 };
      entry.chunks += s.chunk_ids.length;
      entry.occurrences += s.frequencies.reduce((sum, f) => sum + f, 0);
      postings.set(s.term, entry);
    }
    expect(stats.length).toBeGreaterThan(3);
    expect(Object.fromEntries(postings)).toEqual(
      Object.fromEntries(stats.map((s) => [s.word, { chunks: s.ndoc, occurrences: s.nentry }])),
    );
  }
});

test("each posting carries its chunk's length, and a term's segments are full ones in chunk id order", async () => {
  const { rows: chunks } = await pg.query<{ id: string; term_count: number }>(
    `select id::text as id, term_count from knowledge_chunks where tenant_id = $1`,
    [A],
  );
  const lengthOf = new Map(chunks.map((c) => [c.id, c.term_count]));
  const byTerm = new Map<string, Segment[]>();
  for (const s of await segmentsOf(A)) byTerm.set(s.term, [...(byTerm.get(s.term) ?? []), s]);

  const shipping = byTerm.get('ship')!;
  expect(shipping.map((s) => s.chunk_ids.length)).toEqual([POSTINGS_PER_SEGMENT, 205]);
  for (const segments of byTerm.values()) {
    expect(segments.map((s) => s.segment)).toEqual(segments.map((_, i) => i));
    const ids = segments.flatMap((s) => s.chunk_ids);
    expect(ids).toEqual([...ids].sort());
    for (const s of segments) {
      expect(s.lengths).toEqual(s.chunk_ids.map((id) => lengthOf.get(id)));
      expect(s.frequencies.length).toBe(s.chunk_ids.length);
    }
  }
  expect(new Set(byTerm.get('ship')!.flatMap((s) => s.frequencies))).toEqual(new Set([1, 2]));
});

test('the upgrade leaves row-level security forced on the chunks and on the new table', async () => {
  const { rows } = await pg.query<{ relname: string; forced: boolean }>(
    `select relname, relforcerowsecurity as forced from pg_class
      where relname in ('knowledge_chunks', 'knowledge_postings') order by relname`,
  );
  expect(rows).toEqual([
    { relname: 'knowledge_chunks', forced: true },
    { relname: 'knowledge_postings', forced: true },
  ]);
});
