import { readFileSync } from 'node:fs';
import { AppError } from '@platform/errors';
import { describe, expect, it } from 'vitest';
import { detectMimeType, parseBytes, parseHtml, parseMarkdown, parsePdf, parseText } from '.';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('parsers on committed fixtures', () => {
  it('reads plain text, titled by its first line', () => {
    const doc = parseText(fixture('care-instructions.txt').toString('utf8'));
    expect(doc.title).toBe('Rocket Skates care instructions');
    expect(doc.mimeType).toBe('text/plain');
    expect(doc.text).toContain('Never rinse the skates with water');
    expect(doc.text.split('\n\n')).toHaveLength(4);
  });

  it('reads Markdown: front matter title, no images, link text without targets, no comments', () => {
    const doc = parseMarkdown(fixture('sizing-guide.md').toString('utf8'), {
      filename: 'sizing-guide.md',
    });
    expect(doc.title).toBe('Rocket Skates sizing guide');
    expect(doc.text).toMatch(/^# Sizing guide/);
    expect(doc.text).toContain('compare it with the size table.');
    expect(doc.text).toContain('sold as the Rocket Skates Junior.');
    expect(doc.text).toContain('2. Mark your heel and your longest toe.');
    expect(doc.text).not.toMatch(/https?:|internal note|author:|<b>/);
  });

  it('reads HTML: title, readable text, no scripts, styles or JSON-LD, entities decoded', () => {
    const doc = parseHtml(fixture('warranty.html').toString('utf8'));
    expect(doc.title).toBe('Warranty & repairs | Acme');
    expect(doc.text).toContain(
      'Every Rocket Skates X2 comes with a two-year warranty covering the motor and the battery.',
    );
    expect(doc.text).toContain('repairs take about 10 working days.');
    expect(doc.text).toContain('- Wear of wheels and brake pads\n- Water damage');
    expect(doc.text).toContain('Part | Repair price\nMotor | €120\nBattery | €89');
    expect(doc.text).not.toMatch(/tracking code|font-family|should not appear|Enable JavaScript/);
    // Blocks become paragraphs (chunking uses them).
    expect(doc.text).toContain('\n\nNot covered\n\n');
  });

  it('reads every page of a PDF, titled by its metadata', async () => {
    const doc = await parsePdf(fixture('warranty-card.pdf'));
    expect(doc.title).toBe('Rocket Skates X2 warranty card');
    expect(doc.pageCount).toBe(2);
    expect(doc.text).toContain('The warranty lasts two years from the date of delivery.');
    expect(doc.text).toContain('A spare battery costs 89 euros.');
    // Pages are separate paragraphs.
    expect(doc.text.indexOf('\n\nBattery care')).toBeGreaterThan(0);
  });

  it('rejects a corrupt PDF with a readable error', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nnot really a pdf');
    await expect(parsePdf(bytes)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'This file is not a readable PDF.',
    });
  });

  it('picks the parser from the declared type, the extension or the first bytes', async () => {
    const pdf = fixture('warranty-card.pdf');
    expect(detectMimeType(pdf, {})).toBe('application/pdf');
    expect(detectMimeType(pdf, { mimeType: 'application/octet-stream' })).toBe('application/pdf');
    expect(detectMimeType(Buffer.from('# x'), { mimeType: 'text/plain', filename: 'a.md' })).toBe(
      'text/markdown',
    );
    expect(detectMimeType(Buffer.from('<!DOCTYPE html><p>x'), {})).toBe('text/html');
    expect(() => detectMimeType(Buffer.from('x'), { mimeType: 'image/png' })).toThrow(AppError);
    expect(() => detectMimeType(Buffer.from([1, 0, 2, 3]), {})).toThrow(/Binary files/);
    const html = await parseBytes(fixture('warranty.html'), { filename: 'warranty.html' });
    expect(html.mimeType).toBe('text/html');
    const latin1 = await parseBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]), {
      mimeType: 'text/plain; charset=iso-8859-1',
    });
    expect(latin1.text).toBe('café');
  });
});
