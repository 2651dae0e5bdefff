import { Arena, growUint32 } from './buffers.js';
import { BlockingNeighbours, blockingBytes } from './blocking.js';
import {
  buildCorpus,
  corpusBytes,
  DEFAULT_SIZE,
  KEYS_PER_DOCUMENT,
  type CorpusSize,
  type SearchDocument,
} from './corpus.js';
import { BANDS } from './minhash.js';
import { LookupTerms, type Vectors } from './lookup-terms.js';
import { rankingIndex, type RankingIndex } from './ranking-index.js';
import { Titles, type TitleComparison } from './titles.js';
import { TopK } from './top-k.js';
import { documentVectors, type FieldWeights } from './weights.js';

/** Knobs of the engine; bearing's defaults live in the duplicate-work settings schema. */
export interface SearchOptions {
  fieldWeights: FieldWeights;
  /** Text beyond this many characters (long logs, stack traces) is not indexed. */
  maxTextChars: number;
  /** Finding pairs: documents meet when they share two of their this-many most telling terms. */
  lookupTerms: number;
  /** Candidates per lookup whose exact similarity is computed: those with the most evidence. */
  candidates: number;
}

export interface Neighbour {
  doc: number;
  /** Cosine of the two BM25F document vectors, 0 … 1. */
  similarity: number;
}

/** Documents linked per blocking key, however many share it. */
const PER_BUCKET = 8;
/**
 * Ranking looks further than pair finding: duplicates written by different people often share
 * only a word or two, and ranking must still place them near the top.
 */
const RANKING_TERMS = 24;
const RANKING_POSTINGS = 500;
/**
 * Blocking's arrays are reserved for up to this many lookup terms; more (a setting raised far)
 * get memory of their own rather than a reservation growing with the square of the setting.
 */
const RESERVED_LOOKUP_TERMS = 8;

/**
 * A search index over documents numbered 0 … size − 1 in the order given: their BM25F vectors,
 * and — built on first use — blocking neighbours for finding similar pairs and an inverted index
 * of lookup terms for ranking. Candidates get their exact cosine computed. Not safe for concurrent
 * use: lookups share scratch buffers.
 */
export class SearchIndex {
  readonly size: number;
  private readonly vocabulary: readonly string[];
  private readonly vectors: Vectors;
  private readonly weights: Float32Array;
  private readonly documentKeys: Uint32Array;
  private readonly options: SearchOptions;
  private readonly arena: Arena;
  private readonly titles: Titles;
  private blocking: BlockingNeighbours | undefined;
  private ranking: { lookup: LookupTerms; index: RankingIndex } | undefined;

  private readonly dense: Float32Array;
  private readonly score: Float32Array;
  private readonly top: TopK;
  private touched: Uint32Array = new Uint32Array(1024);
  private bestTerms = new Uint32Array(0);
  private bestWeights = new Float64Array(0);

  /** `expected` sizes the index's arrays, reserved at once (see `expectedSize` and `Arena`). */
  constructor(documents: Iterable<SearchDocument>, options: SearchOptions, expected = DEFAULT_SIZE) {
    this.arena = new Arena(reservation(expected, options.lookupTerms));
    const corpus = buildCorpus(documents, options.maxTextChars, expected, this.arena);
    this.size = corpus.size;
    this.vocabulary = corpus.vocabulary;
    this.vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
    this.weights = documentVectors(corpus, options.fieldWeights, this.arena);
    this.documentKeys = corpus.keys;
    this.options = options;
    this.titles = new Titles(corpus, this.arena);
    this.dense = new Float32Array(corpus.vocabulary.length);
    this.score = this.arena.float32(corpus.size);
    this.top = new TopK(options.candidates, this.score);
  }

  /**
   * The documents at least `threshold` similar to `doc` (itself excluded) that `accept` takes, best
   * first, ties by document number. Candidates are its blocking neighbours, those sharing the
   * most keys first.
   */
  above(
    doc: number,
    threshold: number,
    accept?: (other: number, similarity: number) => boolean,
  ): Neighbour[] {
    let count = 0;
    this.blockingNeighbours().forEach(doc, (other) => {
      count = this.add(other, 1, count);
    });
    return this.verify(doc, this.shortlist(doc, count, this.top), threshold, accept);
  }

  /**
   * The `k` documents most similar to `doc` (itself excluded), best first, ties by document
   * number. Candidates — `candidates` of them, or `k` if more — are the documents sharing its
   * lookup terms for ranking, those with the largest partial dot products first.
   */
  neighbours(doc: number, k: number): Neighbour[] {
    const { lookup, index } = this.rankingIndex();
    const { start, docs, weights } = index;
    const { terms } = this.vectors;
    const entries = new Uint32Array(lookup.count);
    const found = lookup.collect(doc, entries);
    let count = 0;
    for (let n = 0; n < found; n += 1) {
      const entry = entries[n] as number;
      const term = terms[entry] as number;
      const weight = this.weights[entry] as number;
      for (let p = start[term] as number; p < (start[term + 1] as number); p += 1) {
        count = this.add(docs[p] as number, weight * (weights[p] as number), count);
      }
    }
    const top = k > this.options.candidates ? new TopK(k, this.score) : this.top;
    return this.verify(doc, this.shortlist(doc, count, top), 0, undefined).slice(0, k);
  }

  /** Cosine similarity of two documents, 0 … 1. */
  similarity(a: number, b: number): number {
    this.scatter(a, 1);
    const value = this.dot(b);
    this.scatter(a, 0);
    return value;
  }

  /**
   * A key equal for documents whose titles hold the same words (generic ones aside, in any order);
   * 0 for a title of generic words only. Unlike anything weighted, it depends on no other document.
   */
  titleKey(doc: number): number {
    return this.documentKeys[doc * KEYS_PER_DOCUMENT + BANDS] as number;
  }

  /** How the two documents' titles compare: their similarity, and whether they contrast. */
  compareTitles(a: number, b: number): TitleComparison {
    return this.titles.compare(a, b);
  }

  /** Up to `limit` terms (stems) the two documents share, those that add most to their similarity first. */
  sharedTerms(a: number, b: number, limit: number): string[] {
    const { start, terms } = this.vectors;
    // Insertion into `limit` places: called once per reported pair, hundreds of thousands of
    // times at a million items, so no list of every shared term is built and sorted.
    if (this.bestTerms.length < limit) {
      this.bestTerms = new Uint32Array(limit);
      this.bestWeights = new Float64Array(limit);
    }
    const { bestTerms, bestWeights } = this;
    let kept = 0;
    this.scatter(a, 1);
    for (let i = start[b] as number; i < (start[b + 1] as number); i += 1) {
      const term = terms[i] as number;
      const weight = (this.dense[term] as number) * (this.weights[i] as number);
      if (weight <= 0) continue;
      let at = kept < limit ? kept++ : limit;
      while (
        at > 0 &&
        ((bestWeights[at - 1] as number) < weight ||
          (bestWeights[at - 1] === weight && (bestTerms[at - 1] as number) > term))
      ) {
        if (at < limit) {
          bestWeights[at] = bestWeights[at - 1] as number;
          bestTerms[at] = bestTerms[at - 1] as number;
        }
        at -= 1;
      }
      if (at < limit) {
        bestWeights[at] = weight;
        bestTerms[at] = term;
      }
    }
    this.scatter(a, 0);
    // Exactly as long as needed: one is kept per reported pair.
    const shared = new Array<string>(kept);
    for (let i = 0; i < kept; i += 1) shared[i] = this.vocabulary[bestTerms[i] as number] as string;
    return shared;
  }

  private blockingNeighbours(): BlockingNeighbours {
    this.blocking ??= new BlockingNeighbours(
      this.vectors,
      new LookupTerms(this.vectors, this.weights, this.options.lookupTerms, this.arena),
      this.documentKeys,
      PER_BUCKET,
      this.arena,
    );
    return this.blocking;
  }

  private rankingIndex(): { lookup: LookupTerms; index: RankingIndex } {
    if (this.ranking === undefined) {
      const lookup = new LookupTerms(this.vectors, this.weights, RANKING_TERMS);
      this.ranking = { lookup, index: rankingIndex(this.vectors, this.weights, lookup, RANKING_POSTINGS) };
    }
    return this.ranking;
  }

  /** Adds `amount` to `other`'s score, listing it in `touched` when first reached; returns the new count. */
  private add(other: number, amount: number, count: number): number {
    const before = this.score[other] as number;
    // Amounts are positive, so a zero score means "not reached yet".
    if (before === 0) {
      if (count === this.touched.length) this.touched = growUint32(this.touched);
      this.touched[count++] = other;
    }
    this.score[other] = before + amount;
    return count;
  }

  /** The best-scored of the `count` documents reached (never `doc`), as many as `top` keeps; clears the scores. */
  private shortlist(doc: number, count: number, top: TopK): Uint32Array {
    const { touched, score } = this;
    top.clear();
    for (let i = 0; i < count; i += 1) {
      const other = touched[i] as number;
      if (other !== doc) top.offer(other);
    }
    for (let i = 0; i < count; i += 1) score[touched[i] as number] = 0;
    return top.ids();
  }

  /** The candidates' exact similarities to `doc`, at least `min` and accepted, best first. */
  private verify(
    doc: number,
    candidates: Uint32Array,
    min: number,
    accept: ((other: number, similarity: number) => boolean) | undefined,
  ): Neighbour[] {
    const result: Neighbour[] = [];
    this.scatter(doc, 1);
    for (const other of candidates) {
      const similarity = this.dot(other);
      if (similarity >= min && (accept === undefined || accept(other, similarity)))
        result.push({ doc: other, similarity });
    }
    this.scatter(doc, 0);
    return result.sort((x, y) => y.similarity - x.similarity || x.doc - y.doc);
  }

  /** Writes document `doc`'s vector into the dense scratch (on = 1) or clears it again (on = 0). */
  private scatter(doc: number, on: 0 | 1): void {
    const { start, terms } = this.vectors;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      this.dense[terms[i] as number] = on * (this.weights[i] as number);
    }
  }

  /** Dot product of `doc`'s vector with the scattered one. */
  private dot(doc: number): number {
    const { start, terms } = this.vectors;
    let sum = 0;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      sum += (this.dense[terms[i] as number] as number) * (this.weights[i] as number);
    }
    return Math.min(1, sum);
  }
}

/**
 * Bytes of every large array of an index of the expected size, blocking's included: the corpus,
 * its vectors (one weight per entry), the title bit sets (two bits per entry) and the scores.
 */
function reservation(expected: CorpusSize, lookupTerms: number): number {
  const { documents, entries } = expected;
  const vectors = 4 * entries + 8 * Math.ceil(entries / 32) + 4 * documents;
  const blocking = blockingBytes(documents, Math.min(lookupTerms, RESERVED_LOOKUP_TERMS));
  // Eight bytes of alignment per array at most.
  return corpusBytes(expected) + vectors + blocking + 8 * 16;
}
