import { AppError } from '@platform/errors';
import { extractText, getDocumentProxy } from 'unpdf';
import { tidyText, titleFromFilename, type ParseOptions, type ParsedDocument } from './types';

/** Text of every page (pure JS pdf.js through unpdf; no network, no native code). */
export async function parsePdf(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (cause) {
    throw new AppError('BAD_INPUT', 'This file is not a readable PDF.', { cause });
  }
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const info: { Title?: unknown } | undefined = (await pdf.getMetadata().catch(() => undefined))
      ?.info;
    const metaTitle = typeof info?.Title === 'string' ? info.Title.trim() : '';
    const body = tidyText(
      text
        .map((page) => page.trim())
        .filter(Boolean)
        .join('\n\n'),
    );
    if (!body) {
      throw new AppError(
        'BAD_INPUT',
        'This PDF has no extractable text (a scan needs OCR, which is not supported).',
      );
    }
    return {
      title: metaTitle || titleFromFilename(options.filename),
      text: body,
      mimeType: 'application/pdf',
      pageCount: totalPages,
    };
  } finally {
    await pdf.destroy();
  }
}
