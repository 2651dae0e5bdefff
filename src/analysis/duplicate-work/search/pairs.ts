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

/** Pairs in flat arrays: pair i is documents `a[i]` < `b[i]`, similar by `similarity[i]`. */
export interface PairList {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly similarity: Float64Array;
}

/**
 * Similar pairs among the indexed documents, found by looking each document up once (never by
 * comparing all pairs). Sorted by similarity, best first, then by document numbers.
 */
export function similarPairs(index: SearchIndex, search: PairSearch): SimilarPair[] {
  return pairObjects(findPairs(index, search));
}

/** The pairs as objects, sorted by similarity, best first, then by document numbers. */
export function pairObjects({ count, a, b, similarity }: PairList): SimilarPair[] {
  const pairs = new Array<SimilarPair>(count);
  for (let i = 0; i < count; i += 1)
    pairs[i] = { a: a[i] as number, b: b[i] as number, similarity: similarity[i] as number };
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}

/**
 * As `similarPairs`, in flat arrays (ordered by document numbers): most pairs are found from both
 * sides, and at a million documents an object per sighting, or even per pair, is tens of
 * megabytes of heap.
 */
export function findPairs(index: SearchIndex, search: PairSearch): PairList {
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
  return found.unique();
}

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

  /** Each pair once, with its similarity as first found, ordered by document numbers. */
  unique(): PairList {
    const { a, b, similarity, count } = this;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) order[i] = i;
    order.sort((x, y) => (a[x] as number) - (a[y] as number) || (b[x] as number) - (b[y] as number) || x - y);
    const unique = {
      count: 0,
      a: new Uint32Array(count),
      b: new Uint32Array(count),
      similarity: new Float64Array(count),
    };
    let previous = -1;
    for (const i of order) {
      if (previous >= 0 && a[previous] === a[i] && b[previous] === b[i]) continue;
      unique.a[unique.count] = a[i] as number;
      unique.b[unique.count] = b[i] as number;
      unique.similarity[unique.count] = similarity[i] as number;
      unique.count += 1;
      previous = i;
    }
    return unique;
  }
}

function* range(size: number): Generator<number> {
  for (let i = 0; i < size; i += 1) yield i;
}
