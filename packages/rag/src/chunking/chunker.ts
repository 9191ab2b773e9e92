import { AppError } from '@platform/errors';
import { countTokens, decodeTokens, encodeTokens } from './tokens';

export interface ChunkingOptions {
  /** Largest chunk, in tokens. */
  chunkSize: number;
  /** Tokens repeated from the end of one chunk at the start of the next. */
  overlap: number;
}

export interface TextChunk {
  content: string;
  tokenCount: number;
  position: number;
}

/** A sentence (or a piece of an over-long one) and the separator that preceded it in the source. */
interface Unit {
  text: string;
  tokens: number;
  joiner: '' | ' ' | '\n' | '\n\n';
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Splits text into chunks of at most `chunkSize` tokens. Chunks end at paragraph boundaries when
 * that wastes at most half a chunk, otherwise at sentence boundaries; only a sentence longer than a
 * chunk is cut between words. Each chunk after the first starts with up to `overlap` tokens of
 * whole sentences from the end of the previous one, so an answer spanning a boundary survives.
 */
export function chunkText(text: string, options: ChunkingOptions): TextChunk[] {
  const { chunkSize, overlap } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 16) {
    throw new AppError('BAD_INPUT', 'Chunk size must be an integer of at least 16 tokens.');
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= chunkSize / 2) {
    throw new AppError(
      'BAD_INPUT',
      'Chunk overlap must be a non-negative integer under half the chunk size.',
    );
  }

  const paragraphs = toParagraphs(text).map((p) => toUnits(p, chunkSize));
  const chunks: TextChunk[] = [];
  let current: Unit[] = [];
  let currentTokens = 0;
  /** Units carried over as overlap: never emitted on their own. */
  let carried = 0;

  const emit = () => {
    if (current.length > carried) {
      const content = join(current);
      chunks.push({ content, tokenCount: countTokens(content), position: chunks.length });
    }
    const tail = overlapTail(current, overlap);
    current = tail;
    carried = tail.length;
    currentTokens = sumTokens(tail) + tail.length;
  };

  for (const paragraph of paragraphs) {
    const paragraphTokens = sumTokens(paragraph) + paragraph.length;
    // Prefer ending at a paragraph boundary when the next paragraph would not fit anyway.
    if (
      current.length > carried &&
      currentTokens + paragraphTokens > chunkSize &&
      currentTokens >= chunkSize / 2
    ) {
      emit();
    }
    paragraph.forEach((unit, i) => {
      const joined: Unit = i === 0 ? { ...unit, joiner: '\n\n' } : unit;
      // +1: the separator may cost a token.
      while (current.length > 0 && currentTokens + joined.tokens + 1 > chunkSize) {
        if (current.length > carried) emit();
        else {
          // The overlap plus this unit is too big: drop overlap from the front.
          current.shift();
          carried -= 1;
          currentTokens = sumTokens(current) + current.length;
        }
      }
      current.push(joined);
      currentTokens += joined.tokens + 1;
    });
  }
  if (current.length > carried) emit();
  return chunks;
}

function toParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Sentences of a paragraph; lines (list items, headings) are boundaries too. */
function toUnits(paragraph: string, chunkSize: number): Unit[] {
  const units: Unit[] = [];
  paragraph.split('\n').forEach((line, lineIndex) => {
    let first = true;
    for (const { segment } of segmenter.segment(line)) {
      const sentence = segment.trim();
      if (!sentence) continue;
      const joiner = first ? (lineIndex === 0 ? '' : '\n') : ' ';
      first = false;
      const tokens = countTokens(sentence);
      if (tokens <= chunkSize - 1) units.push({ text: sentence, tokens, joiner });
      else
        splitLong(sentence, chunkSize - 1).forEach((piece, i) =>
          units.push({ ...piece, joiner: i === 0 ? joiner : ' ' }),
        );
    }
  });
  return units;
}

/** Cuts an over-long sentence between words; a single word longer than a chunk is cut by tokens. */
function splitLong(sentence: string, max: number): Array<Omit<Unit, 'joiner'>> {
  const pieces: Array<Omit<Unit, 'joiner'>> = [];
  let words: string[] = [];
  let tokens = 0;
  const flush = () => {
    if (words.length === 0) return;
    const text = words.join(' ');
    pieces.push({ text, tokens: countTokens(text) });
    words = [];
    tokens = 0;
  };
  for (const word of sentence.split(/\s+/)) {
    const wordTokens = countTokens(word) + 1;
    if (wordTokens > max) {
      flush();
      const ids = encodeTokens(word);
      for (let i = 0; i < ids.length; i += max) {
        const text = decodeTokens(ids.slice(i, i + max));
        pieces.push({ text, tokens: countTokens(text) });
      }
      continue;
    }
    if (tokens + wordTokens > max) flush();
    words.push(word);
    tokens += wordTokens;
  }
  flush();
  return pieces;
}

/** The trailing whole units that fit in `overlap` tokens; a trailing word run if none does. */
function overlapTail(units: Unit[], overlap: number): Unit[] {
  if (overlap === 0 || units.length === 0) return [];
  const tail: Unit[] = [];
  let tokens = 0;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!;
    if (tokens + unit.tokens + 1 > overlap) break;
    tail.unshift(unit);
    tokens += unit.tokens + 1;
  }
  if (tail.length === 0) {
    const words = units[units.length - 1]!.text.split(/\s+/);
    const kept: string[] = [];
    let used = 0;
    for (let i = words.length - 1; i >= 0; i--) {
      const cost = countTokens(words[i]!) + 1;
      if (used + cost > overlap) break;
      kept.unshift(words[i]!);
      used += cost;
    }
    if (kept.length > 0) {
      const text = kept.join(' ');
      tail.push({ text, tokens: countTokens(text), joiner: '' });
    }
  }
  return tail;
}

function join(units: Unit[]): string {
  return units.map((u, i) => (i === 0 ? u.text : u.joiner + u.text)).join('');
}

function sumTokens(units: Unit[]): number {
  return units.reduce((sum, u) => sum + u.tokens, 0);
}
