import { describe, expect, it } from 'vitest';
import { BlockingNeighbours } from './blocking.js';
import { buildCorpus, KEYS_PER_DOCUMENT, type SearchDocument } from './corpus.js';
import { LookupTerms } from './lookup-terms.js';
import { documentVectors } from './weights.js';

const FIELDS = { title: 3, text: 1, tags: 0.5 };

function neighbours(
  titles: string[],
  perBucket: number,
  { withKeys = false, texts = [] as string[], lookupTerms = 8 } = {},
): number[][] {
  const corpus = buildCorpus(
    titles.map((title, i): SearchDocument => ({ title, text: texts[i] ?? '', tags: [] })),
    2000,
  );
  const vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
  const weights = documentVectors(corpus, FIELDS);
  const keys = withKeys ? corpus.keys : new Uint32Array(corpus.size * KEYS_PER_DOCUMENT);
  const blocking = new BlockingNeighbours(
    vectors,
    new LookupTerms(vectors, weights, lookupTerms),
    keys,
    perBucket,
  );
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
    const found = neighbours(['the printer', 'the printer', 'vpn drops'], 16, { withKeys: true });
    expect(found[0]).toEqual([1]);
  });

  it('links tickets with the same title, or an initiative and its delivery project, whatever their texts', () => {
    const found = neighbours(
      ['Footfall insight for stores', 'Footfall insight for stores: delivery', 'Footfall sensors for stores'],
      16,
      {
        withKeys: true,
        texts: [
          'Scope: people counters at the entrances; a weekly dashboard per area.',
          'Milestones: counters fitted in the pilot stores; dashboards live in spring.',
          'Warranty claims for broken entrance sensors, with the supplier and invoices.',
        ],
        // One lookup term makes no term pairs: only the documents' own keys link them.
        lookupTerms: 1,
      },
    );
    expect(found[0]).toEqual([1]);
  });

  it('links each document to at most perBucket others sharing a key, however many there are', () => {
    const titles = Array.from({ length: 50 }, () => 'password reset request');
    const found = neighbours(titles, 4);
    expect(Math.max(...found.map((list) => list.length))).toBeLessThanOrEqual(4);
    expect(Math.min(...found.map((list) => list.length))).toBeGreaterThanOrEqual(2);
  });
});
