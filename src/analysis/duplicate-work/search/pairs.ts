import type { Neighbour, SearchIndex } from './search-index.js';

/** Two documents (a < b) and their similarity. */
export interface SimilarPair {
  a: number;
  b: number;
  similarity: number;
}

export interface PairSearch {
  /** Pairs at or above this similarity are returned. */
  threshold: number;
  /** Best partners kept per document; a pair is kept when either side keeps it. */
  maxPerDoc: number;
  /** Only these documents are looked up (default: all); partners may be any document. */
  queries?: Iterable<number>;
  /**
   * Whether a pair may be reported at all (asked for pairs above the threshold, before the
   * per-document cap), given their similarity.
   */
  accept?: (a: number, b: number, similarity: number) => boolean;
}

/**
 * Similar pairs among the indexed documents, found by looking each document up once (never by
 * comparing all pairs). Sorted by similarity, best first, then by document numbers.
 */
export function similarPairs(index: SearchIndex, search: PairSearch): SimilarPair[] {
  const { threshold, maxPerDoc, accept } = search;
  const found: SimilarPair[] = [];
  const queries = search.queries ?? range(index.size);
  let current = 0;
  const filter =
    accept === undefined
      ? undefined
      : (other: number, similarity: number) => accept(current, other, similarity);
  for (const doc of queries) {
    current = doc;
    const above = index.above(doc, threshold, filter);
    for (let i = 0; i < above.length && i < maxPerDoc; i += 1) {
      const { doc: other, similarity } = above[i] as Neighbour;
      found.push({ a: Math.min(doc, other), b: Math.max(doc, other), similarity });
    }
  }
  found.sort((x, y) => x.a - y.a || x.b - y.b);
  const unique = found.filter(
    (pair, i) => i === 0 || pair.a !== found[i - 1]?.a || pair.b !== found[i - 1]?.b,
  );
  return unique.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}

function* range(size: number): Generator<number> {
  for (let i = 0; i < size; i += 1) yield i;
}
