import { describe, expect, it } from 'vitest';
import { BlockingNeighbours } from './blocking.js';
import { buildCorpus, type SearchDocument } from './corpus.js';
import { LookupTerms } from './lookup-terms.js';
import { BANDS } from './minhash.js';
import { documentVectors } from './weights.js';

const FIELDS = { title: 3, text: 1, tags: 0.5 };

function neighbours(titles: string[], perBucket: number, withBands = false): number[][] {
  const corpus = buildCorpus(
    titles.map((title): SearchDocument => ({ title, text: '', tags: [] })),
    2000,
  );
  const vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
  const weights = documentVectors(corpus, FIELDS);
  const bands = withBands ? corpus.bandKeys : new Uint32Array(corpus.size * BANDS);
  const blocking = new BlockingNeighbours(vectors, new LookupTerms(vectors, weights, 8), bands, perBucket);
  return titles.map((_, doc) => {
    const found = new Set<number>();
    blocking.forEach(doc, (other) => found.add(other));
    return [...found].sort((a, b) => a - b);
  });
}

describe('BlockingNeighbours', () => {
  it('links documents that share two telling words, not those that share one', () => {
    const found = neighbours(
      ['printer jams daily', 'printer jams again', 'printer toner empty', 'vpn drops'],
      16,
    );
    expect(found[0]).toEqual([1]);
    expect(found[1]).toEqual([0]);
    expect(found[2]).toEqual([]);
    expect(found[3]).toEqual([]);
  });

  it('links near-identical texts through their MinHash bands', () => {
    const found = neighbours(['the printer', 'the printer', 'vpn drops'], 16, true);
    expect(found[0]).toEqual([1]);
  });

  it('links each document to at most perBucket others sharing a key, however many there are', () => {
    const titles = Array.from({ length: 50 }, () => 'password reset request');
    const found = neighbours(titles, 4);
    expect(Math.max(...found.map((list) => list.length))).toBeLessThanOrEqual(4);
    expect(Math.min(...found.map((list) => list.length))).toBeGreaterThanOrEqual(2);
  });
});
