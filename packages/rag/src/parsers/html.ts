import { Parser } from 'htmlparser2';
import { tidyText, titleFromFilename, type ParseOptions, type ParsedDocument } from './types';

/** Elements whose content is never readable text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'canvas',
  'head',
  'select',
  'button',
]);
/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

/**
 * HTML to readable text: scripts, styles and other non-text elements are dropped, entities decoded,
 * blocks become paragraphs, list items lines and table cells are separated.
 */
export function parseHtml(html: string, options: ParseOptions = {}): ParsedDocument {
  const out: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let inTitle = false;
  let title = '';
  let firstHeading: string | undefined;
  let headingBuffer: string | undefined;

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (SKIPPED.has(name)) skipDepth++;
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth++;
        if (name === 'br') out.push('\n');
        else if (name === 'li') out.push('\n- ');
        else if (name === 'tr') out.push('\n');
        else if (name === 'td' || name === 'th') out.push(' | ');
        else if (BLOCKS.has(name)) out.push('\n\n');
        if (name === 'h1' && firstHeading === undefined) headingBuffer = '';
      },
      ontext(raw) {
        if (inTitle) title += raw;
        if (skipDepth > 0) return;
        const text = preDepth > 0 ? raw : raw.replace(/\s+/g, ' ');
        if (headingBuffer !== undefined) headingBuffer += text;
        out.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (name === 'h1' && headingBuffer !== undefined) {
          firstHeading = headingBuffer.trim() || undefined;
          headingBuffer = undefined;
        }
        if (BLOCKS.has(name)) out.push('\n\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();

  const text = tidyText(
    out
      .join('')
      .split('\n')
      .map((line) =>
        line
          .replace(/[ \t]+/g, ' ')
          .trim()
          .replace(/^\| /, ''),
      )
      .join('\n'),
  );
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return {
    title: cleanTitle || firstHeading || titleFromFilename(options.filename),
    text,
    mimeType: 'text/html',
  };
}
