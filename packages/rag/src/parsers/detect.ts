import { AppError } from '@platform/errors';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { parsePdf } from './pdf';
import { parseText } from './text';
import type { ParsedDocument, SupportedMimeType } from './types';

export interface ParseBytesOptions {
  /** A MIME type or Content-Type header (parameters such as charset are honoured). */
  mimeType?: string;
  filename?: string;
}

const BY_EXTENSION: Record<string, SupportedMimeType> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  mdx: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
};

const BY_MIME: Record<string, SupportedMimeType> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
  'application/pdf': 'application/pdf',
};

/** Which parser a file needs: its declared type, else its extension, else its first bytes. */
export function detectMimeType(
  bytes: Uint8Array,
  options: ParseBytesOptions = {},
): SupportedMimeType {
  const declared = options.mimeType?.split(';')[0]?.trim().toLowerCase();
  const extension = options.filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const fromExtension = extension ? BY_EXTENSION[extension] : undefined;
  if (declared && BY_MIME[declared]) {
    // Servers often label Markdown as text/plain.
    return BY_MIME[declared] === 'text/plain' && fromExtension === 'text/markdown'
      ? 'text/markdown'
      : BY_MIME[declared];
  }
  if (declared && declared !== 'application/octet-stream' && !fromExtension) {
    throw new AppError(
      'BAD_INPUT',
      `Files of type ${declared} are not supported. Use text, Markdown, HTML or PDF.`,
    );
  }
  if (fromExtension) return fromExtension;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('%pdf-')) return 'application/pdf';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'text/html';
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new AppError(
      'BAD_INPUT',
      'Binary files are not supported. Use text, Markdown, HTML or PDF.',
    );
  }
  return 'text/plain';
}

/** Parses an uploaded or downloaded file into readable text. */
export async function parseBytes(
  bytes: Uint8Array,
  options: ParseBytesOptions = {},
): Promise<ParsedDocument> {
  const type = detectMimeType(bytes, options);
  if (type === 'application/pdf') return parsePdf(bytes, options);
  const text = decodeText(bytes, options.mimeType);
  if (type === 'text/html') return parseHtml(text, options);
  if (type === 'text/markdown') return parseMarkdown(text, options);
  return parseText(text, options);
}

function decodeText(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
