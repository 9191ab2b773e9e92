import { z } from 'zod';
import { readRagEnv } from '@platform/rag/env';

// Kept apart from ./schema (pure zod, bundled into the browser by `@platform/api/schemas`): the
// cap comes from @platform/rag's server-side settings.

/**
 * Base64 of at most rag's UPLOAD_MAX_BYTES (4 characters per 3 bytes). The decoded size is
 * checked again by @platform/rag, which owns the limit.
 */
export const MAX_UPLOAD_BASE64_CHARS = Math.ceil(readRagEnv().UPLOAD_MAX_BYTES / 3) * 4;

export const uploadInput = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  /** The browser's File.type; may be empty (then the extension or the bytes decide). */
  mimeType: z.string().trim().max(200).optional(),
  contentBase64: z.base64().min(1).max(MAX_UPLOAD_BASE64_CHARS),
  category: z.string().trim().min(1).max(100).optional(),
});
