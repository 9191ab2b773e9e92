import { relations } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  type AnyPgColumn,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
  vector,
} from 'drizzle-orm/pg-core';
import { createdAt, englishLexemes, primaryId, tenantPolicies, updatedAt } from './columns';
import { tenants } from './tenants';

/** Every embedding column has this many dimensions; smaller models are zero-padded. */
export const EMBEDDING_DIMENSIONS = 1024;

export const documentStatuses = ['pending', 'processing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export interface DocumentMetadata {
  source?: string;
  url?: string;
  author?: string;
  tags?: string[];
  /** Ingestion state, shown by the dashboard. */
  status?: DocumentStatus;
  progress?: { done: number; total: number };
  error?: string;
  mimeType?: string;
  embeddingModel?: string;
  chunkCount?: number;
}

export const knowledgeDocuments = pgTable(
  'knowledge_documents',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    content: text('content').notNull(),
    category: text('category'),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    metadata: jsonb('metadata').$type<DocumentMetadata>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('knowledge_embedding_idx')
      .using('hnsw', t.embedding.op('vector_cosine_ops'))
      .with({ m: 16, ef_construction: 64 }),
    index('knowledge_tenant_idx').on(t.tenantId),
    index('knowledge_category_idx').on(t.category),
    unique('knowledge_documents_id_tenant_unique').on(t.id, t.tenantId),
    ...tenantPolicies('knowledge_documents', t.tenantId),
  ],
);

export interface ChunkMetadata {
  chunkSize?: number;
  overlapSize?: number;
  embeddingModel?: string;
  tokenCount?: number;
}

export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: primaryId(),
    documentId: uuid('document_id').notNull(),
    // Deviation: direct tenant column (see messages); the composite key keeps it consistent.
    tenantId: uuid('tenant_id').notNull(),
    content: text('content').notNull(),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }).notNull(),
    position: integer('position').notNull(),
    metadata: jsonb('metadata').$type<ChunkMetadata>(),
    /**
     * Deviation from the seed (its GIN index is on the expression `to_tsvector('english', content)`):
     * a stored lexeme column. Ranking reads it instead of re-parsing every matching chunk, and
     * under RLS, where `@@` may not use the index (see migration 0006), a scan of stored vectors
     * is ~60x cheaper than parsing the text again.
     */
    contentTsv: englishLexemes('content_tsv', (): AnyPgColumn => knowledgeChunks.content),
    /**
     * Tokens in `content_tsv` (stop words out): the chunk's length for BM25. Set on insert by
     * `english_token_count(content)`, the same parse (insertChunks, migration 0016).
     */
    termCount: integer('term_count').notNull().default(0),
  },
  (t) => [
    foreignKey({
      name: 'knowledge_chunks_document_tenant_fk',
      columns: [t.documentId, t.tenantId],
      foreignColumns: [knowledgeDocuments.id, knowledgeDocuments.tenantId],
    }).onDelete('cascade'),
    index('knowledge_chunk_embedding_idx')
      .using('hnsw', t.embedding.op('vector_cosine_ops'))
      .with({ m: 16, ef_construction: 64 }),
    // Full-text branch of hybrid search.
    index('knowledge_chunk_fts_idx').using('gin', t.contentTsv),
    index('knowledge_chunk_document_idx').on(t.documentId, t.position),
    index('knowledge_chunk_tenant_idx').on(t.tenantId),
    ...tenantPolicies('knowledge_chunks', t.tenantId),
  ],
);

/**
 * BM25 statistics per tenant, kept by insertChunks/deleteChunks in the transaction that writes
 * the chunks (knowledge/chunks.ts): how many of the tenant's chunks contain each lexeme. Per tenant,
 * so one tenant's corpus never shapes another's ranking. tenant_id leads the key (distributable).
 */
export const knowledgeTermStats = pgTable(
  'knowledge_term_stats',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    chunks: integer('chunks').notNull(),
  },
  (t) => [
    primaryKey({ name: 'knowledge_term_stats_pk', columns: [t.tenantId, t.term] }),
    ...tenantPolicies('knowledge_term_stats', t.tenantId),
  ],
);

/**
 * The text branch's inverted index: per (tenant, term), segments of at most POSTINGS_PER_SEGMENT
 * postings as parallel arrays (chunk id, the term's frequency in it, the chunk's length). A
 * query reads one index range per term instead of fetching every matching chunk from the heap
 * (packages/rag README, "Speed at 100k chunks"). Kept by insertChunks/deleteChunks with the BM25
 * statistics (knowledge/chunks.ts). Carries no document: filtered searches read the chunks.
 */
export const knowledgePostings = pgTable(
  'knowledge_postings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    segment: integer('segment').notNull(),
    chunkIds: uuid('chunk_ids').array().notNull(),
    frequencies: smallint('frequencies').array().notNull(),
    lengths: integer('lengths').array().notNull(),
  },
  (t) => [
    primaryKey({ name: 'knowledge_postings_pk', columns: [t.tenantId, t.term, t.segment] }),
    ...tenantPolicies('knowledge_postings', t.tenantId),
  ],
);

/** The tenant's chunk count and total length (sum of term_count), for BM25's average length. */
export const knowledgeCorpusStats = pgTable(
  'knowledge_corpus_stats',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    chunks: integer('chunks').notNull(),
    terms: bigint('terms', { mode: 'number' }).notNull(),
  },
  (t) => [...tenantPolicies('knowledge_corpus_stats', t.tenantId)],
);

export const knowledgeDocumentsRelations = relations(knowledgeDocuments, ({ one, many }) => ({
  tenant: one(tenants, { fields: [knowledgeDocuments.tenantId], references: [tenants.id] }),
  chunks: many(knowledgeChunks),
}));

export const knowledgeChunksRelations = relations(knowledgeChunks, ({ one }) => ({
  document: one(knowledgeDocuments, {
    fields: [knowledgeChunks.documentId],
    references: [knowledgeDocuments.id],
  }),
}));
