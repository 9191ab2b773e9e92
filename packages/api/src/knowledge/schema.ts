import { z } from 'zod';
import { id, jsonTags, pageInput } from '../lib/schemas';

/** The user-editable part of a document's metadata; ingestion owns status, progress and counts. */
export const documentMetadataInput = z.strictObject({
  source: z.string().trim().max(200).optional(),
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/ }))
    .optional(),
  author: z.string().trim().max(200).optional(),
  tags: jsonTags.optional(),
});

/** 2 MB of text: long manuals fit, and a request stays reasonable. Files go through @platform/rag. */
export const MAX_DOCUMENT_CHARS = 2_000_000;

export const createDocumentInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  content: z.string().min(1).max(MAX_DOCUMENT_CHARS),
  category: z.string().trim().min(1).max(100).optional(),
  metadata: documentMetadataInput.default({}),
});

export const updateDocumentInput = z.strictObject({
  id,
  title: z.string().trim().min(1).max(300).optional(),
  content: z.string().min(1).max(MAX_DOCUMENT_CHARS).optional(),
  category: z.string().trim().min(1).max(100).nullable().optional(),
  metadata: documentMetadataInput.optional(),
});

export const listDocumentsInput = z.strictObject({
  ...pageInput,
  category: z.string().trim().min(1).max(100).optional(),
});

export const listChunksInput = z.strictObject({
  documentId: id,
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(60).optional(),
});

export const searchInput = z.strictObject({
  query: z.string().trim().min(1).max(500),
  limit: z.number().int().min(1).max(20).default(8),
  category: z.string().trim().min(1).max(100).optional(),
});

export const addUrlInput = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/ })),
  category: z.string().trim().min(1).max(100).optional(),
});
