import { decode, encode } from 'gpt-tokenizer/encoding/cl100k_base';

/**
 * Token counts use cl100k (the tokenizer of OpenAI's embedding models): a fair, fast measure for
 * every provider. Special-token strings in documents are treated as plain text, never control tokens.
 */
const plainText = { disallowedSpecial: new Set<string>() };

export function encodeTokens(text: string): number[] {
  return encode(text, plainText);
}

export function decodeTokens(tokens: number[]): string {
  return decode(tokens);
}

export function countTokens(text: string): number {
  return text.length === 0 ? 0 : encode(text, plainText).length;
}
