import { describe, expect, it } from 'vitest';
import { nothingRelated } from './unrelated';

describe('nothingRelated', () => {
  const model = { unrelatedBelow: 0.3 };
  it('is true only when every hit is below the floor', () => {
    expect(nothingRelated([{ similarity: 0.29 }, { similarity: 0.1 }], model)).toBe(true);
    expect(nothingRelated([{ similarity: 0.29 }, { similarity: 0.3 }], model)).toBe(false);
  });
  it('cuts nothing without a measured floor, without similarities or without hits', () => {
    expect(nothingRelated([{ similarity: 0.01 }], {})).toBe(false);
    expect(nothingRelated([{ similarity: null }], model)).toBe(false);
    expect(nothingRelated([], model)).toBe(false);
  });
});
