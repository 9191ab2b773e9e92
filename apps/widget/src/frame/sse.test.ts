import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';

function parse(chunks: string[]) {
  const out: string[] = [];
  const parser = createSseParser((d) => out.push(d));
  chunks.forEach((c) => parser.push(c));
  parser.end();
  return out;
}

describe('createSseParser', () => {
  it('yields each data payload once, whatever the chunk boundaries', () => {
    const stream = 'data: {"type":"delta","text":"a"}\n\ndata: {"type":"done","id":"1"}\n\n';
    const whole = parse([stream]);
    expect(whole).toEqual(['{"type":"delta","text":"a"}', '{"type":"done","id":"1"}']);
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    }
  });

  it('ignores comments and other fields, joins multi-line data, accepts CRLF and a missing final blank line', () => {
    expect(parse([': ping\n\nevent: x\ndata: one\ndata: two\r\n\r\ndata: last'])).toEqual([
      'one\ntwo',
      'last',
    ]);
  });
});
