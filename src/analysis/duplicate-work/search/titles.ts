import { isGenericTerm } from '../../text/index.js';
import { fieldCount, type Corpus } from './corpus.js';
import type { Vectors } from './lookup-terms.js';
import { idf } from './weights.js';

/** How two titles compare (see `Titles.compare`). */
export interface TitleComparison {
  /** Cosine of the titles' term sets weighted by idf, generic words left out: 0 … 1. */
  similarity: number;
  /**
   * Whether the titles are one template filled in differently: at least half of their terms
   * shared, and one of them naming something the other does not (a department, site, code, host,
   * release, "QA sign-off"…). Generic words ("Add", "Provide", "URGENT") are no difference.
   */
  contrast: boolean;
}

/** The shorter of two words that start alike must be this long to count as the same word. */
const MIN_ROOT = 3;

/**
 * Whether `words` holds another form of `word` — one starting with the other ("pay" and
 * "payment", "config" and "configuration") — which the light stemmer leaves apart.
 */
function hasVariant(word: string, words: readonly string[]): boolean {
  for (const other of words) {
    if (other === word) continue;
    const [short, long] = other.length < word.length ? [other, word] : [word, other];
    if (short.length >= MIN_ROOT && long.startsWith(short)) return true;
  }
  return false;
}

const IN_TEXT = 1;
const IN_TITLE = 2;

/**
 * Title evidence for pair decisions. Cosine similarity of whole tickets cannot tell "SOX review
 * for HR" from "SOX review for marketing" (the same words but one), nor see that two tickets with
 * the same title and different boilerplate describe the same work; their titles can.
 */
export class Titles {
  private readonly vectors: Vectors;
  private readonly vocabulary: readonly string[];
  /** One bit per (document, term) entry: the term is in the document's title. */
  private readonly inTitle: Uint32Array;
  private readonly mark: Uint8Array;
  private generic: Uint8Array | undefined;

  constructor(corpus: Corpus) {
    this.vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
    this.vocabulary = corpus.vocabulary;
    const { counts } = corpus;
    const bits = new Uint32Array(Math.ceil(counts.length / 32));
    for (let i = 0; i < counts.length; i += 1) {
      if (fieldCount(counts[i] as number, 'title') > 0)
        bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
    }
    this.inTitle = bits;
    this.mark = new Uint8Array(corpus.vocabulary.length);
  }

  compare(a: number, b: number): TitleComparison {
    const generic = this.genericTerms();
    const { df, size } = this.vectors;
    const { terms } = this.vectors;
    let sharedWeight = 0;
    let weightA = 0;
    let weightB = 0;
    let shared = 0;
    let onlyA = 0;
    let titleA = 0;
    const wordsA = this.titleWords(a);
    const wordsB = this.titleWords(b);
    this.markDocument(b);
    for (const i of this.titleEntries(a)) {
      const term = terms[i] as number;
      if (generic[term] === 1) continue;
      const weight = idf(df[term] as number, size) ** 2;
      weightA += weight;
      titleA += 1;
      const seen = this.mark[term] as number;
      if (seen & IN_TITLE) {
        sharedWeight += weight;
        shared += 1;
      } else if (!hasVariant(this.vocabulary[term] as string, wordsB)) onlyA += 1;
    }
    this.clearDocument(b);
    let onlyB = 0;
    let titleB = 0;
    this.markDocument(a);
    for (const i of this.titleEntries(b)) {
      const term = terms[i] as number;
      if (generic[term] === 1) continue;
      weightB += idf(df[term] as number, size) ** 2;
      titleB += 1;
      if (
        ((this.mark[term] as number) & IN_TITLE) === 0 &&
        !hasVariant(this.vocabulary[term] as string, wordsA)
      )
        onlyB += 1;
    }
    this.clearDocument(a);
    const similarity =
      weightA > 0 && weightB > 0 ? Math.min(1, sharedWeight / Math.sqrt(weightA * weightB)) : 0;
    const contrast = onlyA + onlyB > 0 && 2 * shared >= titleA + titleB - shared;
    return { similarity, contrast };
  }

  private titleWords(doc: number): string[] {
    const words: string[] = [];
    for (const i of this.titleEntries(doc))
      words.push(this.vocabulary[this.vectors.terms[i] as number] as string);
    return words;
  }

  private *titleEntries(doc: number): Generator<number> {
    const { start } = this.vectors;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      if (((this.inTitle[i >>> 5] as number) >>> (i & 31)) & 1) yield i;
    }
  }

  private markDocument(doc: number): void {
    const { start, terms } = this.vectors;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      const title = ((this.inTitle[i >>> 5] as number) >>> (i & 31)) & 1;
      this.mark[terms[i] as number] = title ? IN_TITLE | IN_TEXT : IN_TEXT;
    }
  }

  private clearDocument(doc: number): void {
    const { start, terms } = this.vectors;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1)
      this.mark[terms[i] as number] = 0;
  }

  private genericTerms(): Uint8Array {
    if (this.generic === undefined) {
      this.generic = new Uint8Array(this.vocabulary.length);
      this.vocabulary.forEach((term, id) => {
        if (isGenericTerm(term)) (this.generic as Uint8Array)[id] = 1;
      });
    }
    return this.generic;
  }
}
