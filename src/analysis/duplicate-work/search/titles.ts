import { isGenericTerm } from '../../text/index.js';
import type { Arena } from './buffers.js';
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

/** Whether two words start alike: one starts with the other, the shorter at least MIN_ROOT long. */
function isVariant(word: string, other: string): boolean {
  if (other === word) return false;
  return other.length < word.length
    ? other.length >= MIN_ROOT && word.startsWith(other)
    : word.length >= MIN_ROOT && other.startsWith(word);
}

/** What `Titles.side` counts, by index in its scratch array. */
const TERMS = 0;
const WEIGHT = 1;
const SHARED = 2;
const SHARED_WEIGHT = 3;
const OWN = 4;
const ONLY = 5;
const LABEL = 6;
const SIDE_FIELDS = 7;

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
  private idfSquared: Float64Array | undefined;
  /** Scratch for `side`, one per side of a comparison. */
  private readonly fromA = new Float64Array(SIDE_FIELDS);
  private readonly fromB = new Float64Array(SIDE_FIELDS);

  /** Its bit sets are taken from `arena` if they fit. */
  constructor(corpus: Corpus, arena: Arena) {
    this.vectors = { size: corpus.size, df: corpus.df, start: corpus.start, terms: corpus.terms };
    this.vocabulary = corpus.vocabulary;
    const { counts } = corpus;
    const bits = arena.uint32(Math.ceil(counts.length / 32));
    const quantities = arena.uint32(bits.length);
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
    const fromA = this.side(a, b, this.fromA);
    const fromB = this.side(b, a, this.fromB);
    const weightA = fromA[WEIGHT] as number;
    const weightB = fromB[WEIGHT] as number;
    const shared = fromA[SHARED] as number;
    const similarity =
      weightA > 0 && weightB > 0
        ? Math.min(1, (fromA[SHARED_WEIGHT] as number) / Math.sqrt(weightA * weightB))
        : 0;
    const ownA = fromA[OWN] as number;
    const ownB = fromB[OWN] as number;
    const onlyA = fromA[ONLY] as number;
    const onlyB = fromB[ONLY] as number;
    // Words of their own on both sides, and the shared ones reordered: one job worded twice.
    const ordered = this.sameOrder(a, b);
    const reworded = ownA > 0 && ownB > 0 && !ordered;
    // A template filled in with two subjects: "The canteen menu page loses its layout …" / "The IT
    // bulletin generator loses its layout …", each naming what the other ticket never mentions.
    const otherSubject = onlyA > 0 && onlyB > 0 && ordered;
    const contrast =
      otherSubject ||
      (onlyA + onlyB > 0 &&
        2 * shared >= (fromA[TERMS] as number) + (fromB[TERMS] as number) - shared &&
        !reworded);
    return { similarity, contrast, sharedLabel: fromA[LABEL] === 1 };
  }

  /**
   * Whether the words the two titles share come in the same order in both: a template filled in
   * twice keeps its order ("SOX review for HR" / "… for marketing"), where two people describing
   * one job word it their own way ("Till 1 at store 0101 freezes" / "Store 0101: till 1 locks up").
   * A document's entries list its title's words first, in the order they first occur.
   */
  private sameOrder(a: number, b: number): boolean {
    const kinds = this.termKinds();
    const { start, terms } = this.vectors;
    const { order } = this;
    let rank = 0;
    for (let i = start[b] as number; i < (start[b + 1] as number); i += 1) {
      const term = terms[i] as number;
      if (this.isTitle(i) && kinds[term] !== GENERIC) order[term] = ++rank;
    }
    let last = 0;
    let ordered = true;
    for (let i = start[a] as number; i < (start[a + 1] as number); i += 1) {
      if (!this.isTitle(i)) continue;
      const at = order[terms[i] as number] as number;
      if (at === 0) continue;
      if (at < last) ordered = false;
      last = at;
    }
    for (let i = start[b] as number; i < (start[b + 1] as number); i += 1) order[terms[i] as number] = 0;
    return ordered;
  }

  /**
   * `doc`'s title against `other`'s, into `out` (indexed by TERMS, WEIGHT…): its terms and their
   * weight (idf²), those shared with the other title, its own (not in the other title, nor as
   * another form of a word there), and of those the ones naming something the other ticket does
   * not mention at all; LABEL is 1 when a shared word is a label. Generic words are left out, and
   * so are quantities the other title does not share. Runs once per candidate pair and side, so
   * it allocates nothing.
   */
  private side(doc: number, other: number, out: Float64Array): Float64Array {
    const kinds = this.termKinds();
    const weights = this.squaredIdf();
    const { start, terms } = this.vectors;
    out.fill(0);
    this.markDocument(other);
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      if (!this.isTitle(i)) continue;
      const term = terms[i] as number;
      const seen = this.mark[term] as number;
      const quantity = this.isQuantity(i);
      if (kinds[term] === GENERIC || (quantity && (seen & IN_TITLE) === 0)) continue;
      if (kinds[term] === DIGITS && seen & IN_TITLE && !quantity) out[LABEL] = 1;
      const weight = weights[term] as number;
      out[WEIGHT] = (out[WEIGHT] as number) + weight;
      out[TERMS] = (out[TERMS] as number) + 1;
      if (seen & IN_TITLE) {
        out[SHARED_WEIGHT] = (out[SHARED_WEIGHT] as number) + weight;
        out[SHARED] = (out[SHARED] as number) + 1;
      } else if (!this.hasVariant(term, other)) {
        out[OWN] = (out[OWN] as number) + 1;
        if (seen === 0) out[ONLY] = (out[ONLY] as number) + 1;
      }
    }
    this.clearDocument(other);
    return out;
  }

  /**
   * Whether `other`'s title holds another form of `term` — one starting with the other ("pay" and
   * "payment", "config" and "configuration") — which the light stemmer leaves apart.
   */
  private hasVariant(term: number, other: number): boolean {
    const { start, terms } = this.vectors;
    const word = this.vocabulary[term] as string;
    for (let i = start[other] as number; i < (start[other + 1] as number); i += 1) {
      if (this.isTitle(i) && isVariant(word, this.vocabulary[terms[i] as number] as string)) return true;
    }
    return false;
  }

  private isTitle(entry: number): boolean {
    return (((this.inTitle[entry >>> 5] as number) >>> (entry & 31)) & 1) === 1;
  }

  private isQuantity(entry: number): boolean {
    return (((this.quantities[entry >>> 5] as number) >>> (entry & 31)) & 1) === 1;
  }

  /** Term id → idf², the weight of a title word. */
  private squaredIdf(): Float64Array {
    if (this.idfSquared === undefined) {
      const { df, size } = this.vectors;
      const weights = new Float64Array(this.vocabulary.length);
      for (let term = 0; term < weights.length; term += 1) weights[term] = idf(df[term] as number, size) ** 2;
      this.idfSquared = weights;
    }
    return this.idfSquared;
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
