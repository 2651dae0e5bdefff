import { growUint32 } from './buffers.js';
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
  const found = new FoundPairs();
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
      found.add(Math.min(doc, other), Math.max(doc, other), similarity);
    }
  }
  return found.unique().sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}

/**
 * Pairs as found, in flat arrays: most are found from both sides, and at a million documents an
 * object per sighting is tens of megabytes of heap.
 */
class FoundPairs {
  private a: Uint32Array = new Uint32Array(1024);
  private b: Uint32Array = new Uint32Array(1024);
  private similarity = new Float64Array(1024);
  private count = 0;

  add(a: number, b: number, similarity: number): void {
    if (this.count === this.a.length) {
      this.a = growUint32(this.a);
      this.b = growUint32(this.b);
      const grown = new Float64Array(2 * this.similarity.length);
      grown.set(this.similarity);
      this.similarity = grown;
    }
    this.a[this.count] = a;
    this.b[this.count] = b;
    this.similarity[this.count] = similarity;
    this.count += 1;
  }

  /** Each pair once, with its similarity as first found. */
  unique(): SimilarPair[] {
    const { a, b, similarity, count } = this;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) order[i] = i;
    order.sort((x, y) => (a[x] as number) - (a[y] as number) || (b[x] as number) - (b[y] as number) || x - y);
    const pairs: SimilarPair[] = [];
    for (let n = 0; n < count; n += 1) {
      const i = order[n] as number;
      const previous = n > 0 ? (order[n - 1] as number) : -1;
      if (previous >= 0 && a[previous] === a[i] && b[previous] === b[i]) continue;
      pairs.push({ a: a[i] as number, b: b[i] as number, similarity: similarity[i] as number });
    }
    return pairs;
  }
}

function* range(size: number): Generator<number> {
  for (let i = 0; i < size; i += 1) yield i;
}
