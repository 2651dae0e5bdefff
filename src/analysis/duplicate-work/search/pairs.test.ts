import { describe, expect, it } from 'vitest';
import type { SearchDocument } from './corpus.js';
import { similarPairs } from './pairs.js';
import { SearchIndex } from './search-index.js';

const options = {
  fieldWeights: { title: 3, text: 1, tags: 0.5 },
  maxTextChars: 2000,
  lookupTerms: 8,
  candidates: 10,
};
const doc = (title: string, text: string): SearchDocument => ({ title, text, tags: [] });

const index = new SearchIndex(
  [
    doc('Disk full on build agent linux-07', 'Builds queue up because linux-07 has no space left.'),
    doc('VPN drops every hour', 'Remote staff lose the tunnel every sixty minutes.'),
    doc('Build agent linux-07 disk full', 'No space left on linux-07, builds are queued.'),
    doc('Printer on floor 3 jams', 'The printer jams on every second job.'),
    doc('linux-07 build agent out of disk', 'linux-07 has no space left; builds queue.'),
  ],
  options,
);

describe('similarPairs', () => {
  it('returns each similar pair once, lower document first, best first', () => {
    const pairs = similarPairs(index, { threshold: 0.5, maxPerDoc: 5 });
    expect(pairs.map(({ a, b }) => [a, b]).sort()).toEqual([
      [0, 2],
      [0, 4],
      [2, 4],
    ]);
    for (let i = 1; i < pairs.length; i += 1)
      expect(pairs[i - 1]!.similarity).toBeGreaterThanOrEqual(pairs[i]!.similarity);
  });

  it('looks up only the documents asked for, and keeps only accepted pairs', () => {
    expect(
      similarPairs(index, { threshold: 0.5, maxPerDoc: 5, queries: [4] })
        .map(({ a, b }) => [a, b])
        .sort(),
    ).toEqual([
      [0, 4],
      [2, 4],
    ]);
    const noZero = similarPairs(index, {
      threshold: 0.5,
      maxPerDoc: 5,
      accept: (a, b) => a !== 0 && b !== 0,
    });
    expect(noZero.map(({ a, b }) => [a, b])).toEqual([[2, 4]]);
  });

  it('keeps at most maxPerDoc partners from each document it looks up', () => {
    const pairs = similarPairs(index, { threshold: 0.5, maxPerDoc: 1, queries: [0] });
    expect(pairs).toHaveLength(1);
  });
});
