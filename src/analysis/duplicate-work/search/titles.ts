import { isGenericTerm } from '../../text/index.js';
import { fieldCount, isTitleQuantity, type Corpus } from './corpus.js';
import type { Vectors } from './lookup-terms.js';
import { idf } from './weights.js';

/** How two titles compare (see `Titles.compare`). */
export interface TitleComparison {
  /** Cosine of the titles' term sets weighted by idf, generic words left out: 0 … 1. */
  similarity: number;
  /**
   * Whether the titles are one template filled in differently: at least half of their terms
   * shared, and one of them naming something the other ticket does not mention at all (a
   * department, site, code, host, release, "QA sign-off"…). Generic words ("Add", "URGENT",
   * "delivery"), quantities ("for 71 servers") are no difference; nor are words of their own on
   * both sides when the shared words come in another order (one job worded twice).
   */
  contrast: boolean;
  /**
   * Whether both titles name the same labelled thing: a word with digits that is no quantity
   * ("store 0101", "SKU 100000", "SPRING10", "prd-web-01").
   */
  sharedLabel: boolean;
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

/** Generic words are left out of title comparisons. */
const GENERIC = 1;
/** Words with a digit in them: labels, unless the title counts with them. */
const DIGITS = 2;

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
  /** One bit per entry: the term is a number the title counts with (see `isTitleQuantity`). */
  private readonly quantities: Uint32Array;
  private readonly mark: Uint8Array;
  /** Term id → its place in the title being compared against (1, 2, …), 0 when not there. */
  private readonly order: Uint32Array;
  private kinds: Uint8Array | undefined;

  constructor(corpus: Corpus) {
    this.vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
    this.vocabulary = corpus.vocabulary;
    const { counts } = corpus;
    const bits = new Uint32Array(Math.ceil(counts.length / 32));
    const quantities = new Uint32Array(bits.length);
    for (let i = 0; i < counts.length; i += 1) {
      const packed = counts[i] as number;
      if (fieldCount(packed, 'title') > 0) bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
      if (isTitleQuantity(packed)) quantities[i >>> 5] = (quantities[i >>> 5] as number) | (1 << (i & 31));
    }
    this.inTitle = bits;
    this.quantities = quantities;
    this.mark = new Uint8Array(corpus.vocabulary.length);
    this.order = new Uint32Array(corpus.vocabulary.length);
  }

  compare(a: number, b: number): TitleComparison {
    const fromA = this.side(a, b);
    const fromB = this.side(b, a);
    const { weight: weightA, sharedWeight, shared } = fromA;
    const weightB = fromB.weight;
    const similarity =
      weightA > 0 && weightB > 0 ? Math.min(1, sharedWeight / Math.sqrt(weightA * weightB)) : 0;
    // Words of their own on both sides, and the shared ones reordered: one job worded twice.
    const ordered = this.sameOrder(a, b);
    const reworded = fromA.own > 0 && fromB.own > 0 && !ordered;
    // A template filled in with two subjects: "The canteen menu page loses its layout …" / "The IT
    // bulletin generator loses its layout …", each naming what the other ticket never mentions.
    const otherSubject = fromA.only > 0 && fromB.only > 0 && ordered;
    const contrast =
      otherSubject ||
      (fromA.only + fromB.only > 0 && 2 * shared >= fromA.terms + fromB.terms - shared && !reworded);
    return { similarity, contrast, sharedLabel: fromA.sharedLabel };
  }

  /**
   * Whether the words the two titles share come in the same order in both: a template filled in
   * twice keeps its order ("SOX review for HR" / "… for marketing"), where two people describing
   * one job word it their own way ("Till 1 at store 0101 freezes" / "Store 0101: till 1 locks up").
   * A document's entries list its title's words first, in the order they first occur.
   */
  private sameOrder(a: number, b: number): boolean {
    const kinds = this.termKinds();
    const { terms } = this.vectors;
    let rank = 0;
    for (const i of this.titleEntries(b)) {
      const term = terms[i] as number;
      if (kinds[term] !== GENERIC) this.order[term] = ++rank;
    }
    let last = 0;
    let ordered = true;
    for (const i of this.titleEntries(a)) {
      const at = this.order[terms[i] as number] as number;
      if (at === 0) continue;
      if (at < last) ordered = false;
      last = at;
    }
    for (const i of this.titleEntries(b)) this.order[terms[i] as number] = 0;
    return ordered;
  }

  /**
   * `doc`'s title against `other`'s: its terms and their weight (idf²), those shared with the
   * other title, its own (not in the other title, nor as another form of a word there), and of
   * those the ones naming something the other ticket does not mention at all. Generic words are
   * left out, and so are quantities the other title does not share.
   */
  private side(
    doc: number,
    other: number,
  ): {
    terms: number;
    weight: number;
    shared: number;
    sharedWeight: number;
    own: number;
    only: number;
    sharedLabel: boolean;
  } {
    const kinds = this.termKinds();
    const { df, size, terms } = this.vectors;
    const otherWords = this.titleWords(other);
    const result = { terms: 0, weight: 0, shared: 0, sharedWeight: 0, own: 0, only: 0, sharedLabel: false };
    this.markDocument(other);
    for (const i of this.titleEntries(doc)) {
      const term = terms[i] as number;
      const seen = this.mark[term] as number;
      if (kinds[term] === GENERIC || (this.isQuantity(i) && (seen & IN_TITLE) === 0)) continue;
      if (kinds[term] === DIGITS && seen & IN_TITLE && !this.isQuantity(i)) result.sharedLabel = true;
      const weight = idf(df[term] as number, size) ** 2;
      result.weight += weight;
      result.terms += 1;
      if (seen & IN_TITLE) {
        result.sharedWeight += weight;
        result.shared += 1;
      } else if (!hasVariant(this.vocabulary[term] as string, otherWords)) {
        result.own += 1;
        if (seen === 0) result.only += 1;
      }
    }
    this.clearDocument(other);
    return result;
  }

  private isQuantity(entry: number): boolean {
    return (((this.quantities[entry >>> 5] as number) >>> (entry & 31)) & 1) === 1;
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

  /** Term id → GENERIC, DIGITS or 0. */
  private termKinds(): Uint8Array {
    if (this.kinds === undefined) {
      const kinds = new Uint8Array(this.vocabulary.length);
      this.vocabulary.forEach((term, id) => {
        kinds[id] = isGenericTerm(term) ? GENERIC : /[0-9]/.test(term) ? DIGITS : 0;
      });
      this.kinds = kinds;
    }
    return this.kinds;
  }
}
