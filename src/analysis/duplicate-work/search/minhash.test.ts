import { describe, expect, it } from 'vitest';
import { BANDS, MinHasher } from './minhash.js';

function bandKeys(terms: number[]): number[] {
  const hasher = new MinHasher();
  for (const term of terms) hasher.add(term);
  const out = new Uint32Array(BANDS);
  hasher.finish(out, 0);
  return [...out];
}

const shared = (a: number[], b: number[]): number => a.filter((key, band) => key === b[band]).length;
const sequence = (from: number, length: number): number[] => Array.from({ length }, (_, i) => from + i);

describe('MinHasher', () => {
  it('gives the same text the same keys, and starts afresh after finish', () => {
    const hasher = new MinHasher();
    const out = new Uint32Array(2 * BANDS);
    for (const term of [1, 2, 3]) hasher.add(term);
    hasher.finish(out, 0);
    for (const term of [1, 2, 3]) hasher.add(term);
    hasher.finish(out, BANDS);
    expect([...out.subarray(0, BANDS)]).toEqual([...out.subarray(BANDS)]);
  });

  it('lets near-identical texts share bands and unrelated texts none', () => {
    const original = sequence(100, 60);
    const edited = [...original.slice(0, 58), 999, 998];
    expect(shared(bandKeys(original), bandKeys(edited))).toBeGreaterThan(0);
    expect(shared(bandKeys(original), bandKeys(sequence(500, 60)))).toBe(0);
  });

  it('writes no keys (zeros) for a document without terms, and keys for a one-word document', () => {
    expect(bandKeys([])).toEqual(Array.from({ length: BANDS }, () => 0));
    expect(bandKeys([5]).every((key) => key !== 0)).toBe(true);
    expect(bandKeys([5])).toEqual(bandKeys([5]));
  });
});
