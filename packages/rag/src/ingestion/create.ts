import { knowledgeDocuments, type Database, type DocumentMetadata } from '@platform/db';
import { AppError } from '@platform/errors';
import { readRagEnv } from '../env';
import { parseIsolated, parseUrl, type UrlFetchLimits } from '../parsers';
import { formatBytes } from '../parsers/types';

/** What the API stores as a `knowledge_documents` row (plus its tenant). */
export interface DocumentDraft {
  title: string;
  content: string;
  metadata: DocumentMetadata;
}

export interface UploadInput {
  bytes: Uint8Array;
  filename?: string;
  /** The upload's declared type; the extension or the bytes decide when absent. */
  mimeType?: string;
}

/** Extracts the text and title of an uploaded file (text, Markdown, HTML or PDF). */
export async function createDocumentFromUpload(
  upload: UploadInput,
  options: { maxBytes?: number } = {},
): Promise<DocumentDraft> {
  const maxBytes = options.maxBytes ?? readRagEnv().UPLOAD_MAX_BYTES;
  if (upload.bytes.byteLength > maxBytes) {
    throw new AppError('BAD_INPUT', `The file is larger than ${formatBytes(maxBytes)}.`, {
      details: { maxBytes },
    });
  }
  // In a worker thread, with time and memory limits: a hostile file cannot stall the server.
  const parsed = await parseIsolated(upload.bytes, {
    mimeType: upload.mimeType,
    filename: upload.filename,
  });
  return {
    title: parsed.title,
    content: parsed.text,
    metadata: { source: 'upload', mimeType: parsed.mimeType, status: 'pending' },
  };
}

/** Fetches a public page or file server-side (size, time and address limits) and extracts its text. */
export async function createDocumentFromUrl(
  url: string,
  limits?: Partial<UrlFetchLimits>,
): Promise<DocumentDraft> {
  const env = readRagEnv();
  const parsed = await parseUrl(url, {
    maxBytes: limits?.maxBytes ?? env.URL_FETCH_MAX_BYTES,
    timeoutMs: limits?.timeoutMs ?? env.URL_FETCH_TIMEOUT_MS,
    allowPrivate: limits?.allowPrivate ?? env.URL_FETCH_ALLOW_PRIVATE,
    maxRedirects: limits?.maxRedirects,
  });
  return {
    title: parsed.title,
    content: parsed.text,
    metadata: { source: 'url', url: parsed.url, mimeType: parsed.mimeType, status: 'pending' },
  };
}

/** Stores a draft as a pending document of `tenantId`; returns its id. Ingest it next. */
export async function insertDocument(
  db: Database,
  tenantId: string,
  draft: DocumentDraft,
  options: { category?: string } = {},
): Promise<string> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx
      .insert(knowledgeDocuments)
      .values({
        tenantId,
        title: draft.title,
        content: draft.content,
        category: options.category,
        metadata: draft.metadata,
      })
      .returning({ id: knowledgeDocuments.id }),
  );
  return row!.id;
}
