import { tidyText, titleFromFilename, type ParseOptions, type ParsedDocument } from './types';

/**
 * Markdown stays Markdown (headings and lists help both readers and models), minus what is noise
 * in a search index: front matter, images, link targets, HTML comments and tags.
 */
export function parseMarkdown(markdown: string, options: ParseOptions = {}): ParsedDocument {
  let text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let frontMatterTitle: string | undefined;
  const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (frontMatter) {
    frontMatterTitle = /^title:\s*["']?(.+?)["']?\s*$/m.exec(frontMatter[1]!)?.[1];
    text = text.slice(frontMatter[0].length);
  }
  text = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/^\[[^\]]+\]:\s+\S+.*$/gm, '')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
  const title = frontMatterTitle ?? heading ?? titleFromFilename(options.filename);
  return { title, text: tidyText(text), mimeType: 'text/markdown' };
}
