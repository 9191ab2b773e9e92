import { tidyText, titleFromFilename, type ParseOptions, type ParsedDocument } from './types';

/** Plain text: the first short line becomes the title when no filename is given. */
export function parseText(text: string, options: ParseOptions = {}): ParsedDocument {
  const clean = tidyText(text.replace(/^\uFEFF/, ''));
  const firstLine = clean.split('\n', 1)[0]?.trim() ?? '';
  const title = options.filename
    ? titleFromFilename(options.filename)
    : firstLine && firstLine.length <= 120
      ? firstLine
      : 'Untitled document';
  return { title, text: clean, mimeType: 'text/plain' };
}
