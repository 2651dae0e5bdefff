import {
  chunkTerms,
  isGenericTerm,
  isNumberingTerm,
  isStopWord,
  PHRASES,
  Utf8ChunkScanner,
} from '../../text/index.js';
import { Arena, growUint32 } from './buffers.js';
import { ChunkCache } from './chunk-cache.js';
import { mix32 } from './hash.js';
import { BANDS, MinHasher } from './minhash.js';

/**
 * A document's blocking keys: its MinHash bands, and one for its title's words as a set (generic
 * words, stages of work included, left out), so tickets with the same title meet however different their
 * descriptions, and an initiative "X" meets its project "X: delivery".
 */
export const KEYS_PER_DOCUMENT = BANDS + 1;

/** What the engine reads of a document. */
export interface SearchDocument {
  readonly title: string;
  readonly text: string;
  /** Short categorical values: labels, components, categories, services. */
  readonly tags: readonly string[];
}

export const FIELDS = ['title', 'text', 'tags'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Term counts of a set of documents in flat typed arrays. Document d's distinct terms are
 * `terms[start[d] … start[d + 1])`; `counts` holds their counts per field at the same positions,
 * packed (see `fieldCount`).
 */
export interface Corpus {
  readonly size: number;
  /** Term id → term. */
  readonly vocabulary: readonly string[];
  /** Term id → number of documents holding it. */
  readonly df: Uint32Array;
  readonly start: Uint32Array;
  readonly terms: Uint32Array;
  readonly counts: Uint16Array;
  /** Terms per field and document: `length[field][d]`. */
  readonly length: Record<Field, Uint32Array>;
  /** Blocking keys, KEYS_PER_DOCUMENT per document: its MinHash band keys, then its title key; 0 = none. */
  readonly keys: Uint32Array;
}

/**
 * Packed counts: title in bits 0–3, tags in bits 4–7, text in bits 8–14, each saturating — BM25
 * saturates long before 15 or 127 mentions — and bit 15 set for a number the title uses as a
 * quantity (see `isTitleQuantity`).
 */
const SHIFT: Record<Field, number> = { title: 0, tags: 4, text: 8 };
const MAX: Record<Field, number> = { title: 0xf, tags: 0xf, text: 0x7f };
const QUANTITY = 1 << 15;

/** How often a packed count says the term occurs in `field`. */
export function fieldCount(packed: number, field: Field): number {
  return (packed >>> SHIFT[field]) & MAX[field];
}

/**
 * Whether a packed count says the term is a number the title counts with rather than names
 * something by: "for 71 servers", "over 27 thousand members", "Add 500 GB", but not "till 1",
 * "store 0101", "wave 9" or "phase 2". A number is a quantity when no word naming something comes
 * right before it (only a stop word, a generic word other than a stage like "phase", or the start
 * of the title).
 */
export function isTitleQuantity(packed: number): boolean {
  return (packed & QUANTITY) !== 0;
}

/** Per term id: what kind of word it is, for telling quantities from labels in titles. */
const NUMBER = 1;
const GENERIC = 2;
/** A stop word that is part of a phrase: seen by the phrase matcher, never counted. */
const SILENT = 4;
/** A generic word whose next number labels it ("phase 2"). */
const NUMBERING = 8;
/** Keeps title keys apart from term-pair keys. */
const TITLE_SALT = 0x5f3759df;
/** Words in the longest phrase matched. */
const MAX_PHRASE = 4;
const DIGITS = /^[0-9]+$/;
/** How a title used a number: to count, or to label the word before it. */
const COUNT = 1;
const LABEL = 2;

/** Above this many cached chunks the cache starts over, so ids and timestamps cannot fill memory. */
const CHUNK_CACHE_LIMIT = 1 << 20;

/**
 * How big a corpus is expected to be. Sizing its arrays once, instead of doubling them as they
 * fill, saves copying hundreds of megabytes and the garbage collections that much fresh memory
 * sets off at a million items.
 */
export interface CorpusSize {
  documents: number;
  /** (document, distinct term) entries: one per 11–15 characters of ticket text, measured. */
  entries: number;
}

/** Expected entries for `characters` characters of text in `documents` documents. */
export function expectedSize(documents: number, characters: number): CorpusSize {
  return { documents, entries: Math.ceil(characters / 10) + 4 * documents };
}

/** Sizes assumed when none are expected. */
export const DEFAULT_SIZE: CorpusSize = { documents: 1024, entries: 1 << 16 };

/** Bytes of a corpus of the expected size's arrays (see `Arena`). */
export function corpusBytes({ documents, entries }: CorpusSize): number {
  return entries * (4 + 2) + (documents + 1) * 4 * (4 + KEYS_PER_DOCUMENT);
}

/**
 * Tokenises documents into a Corpus, its arrays (views into larger buffers) taken from `arena`
 * while they fit. `maxTextChars` cuts long texts (logs, stack traces) short.
 */
export function buildCorpus(
  documents: Iterable<SearchDocument>,
  maxTextChars: number,
  expected: CorpusSize = DEFAULT_SIZE,
  arena: Arena = new Arena(0),
): Corpus {
  const builder = new CorpusBuilder(expected, arena);
  for (const document of documents) builder.add(document, maxTextChars);
  return builder.finish();
}

const TITLE = 0;
const TEXT = 1;
const TAGS = 2;

class CorpusBuilder {
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  private readonly chunks = new ChunkCache(CHUNK_CACHE_LIMIT);
  private readonly scanner = new Utf8ChunkScanner();
  private readonly minHasher = new MinHasher();
  private bytes = Buffer.allocUnsafe(1 << 16);

  /** Term id → its position among the current document's distinct terms, or −1. */
  private slot = new Int32Array(1 << 16).fill(-1);
  private df: Uint32Array = new Uint32Array(1 << 16);
  /** The current document's distinct terms, and their counts per field at `3 × position + field`. */
  private local: Uint32Array = new Uint32Array(256);
  private localCounts: Uint32Array = new Uint32Array(3 * 256);
  /** Per position, for numbers in the title: COUNT and/or LABEL, as they were used. */
  private localNumbers = new Uint8Array(256);
  private kinds = new Uint8Array(1 << 16);
  /** Last word's term id → the phrases ending in it: the ids of the words before, and the canonical term's. */
  private readonly phrases = new Map<number, { before: number[]; canonical: number }[]>();
  /** The field's last term ids, latest first, phrase stop words included (−1: none). */
  private readonly recent = new Int32Array(MAX_PHRASE - 1);
  private localSize = 0;

  /** Entries (document, distinct term): the term and its packed counts. */
  private terms: Uint32Array;
  private counts: Uint16Array;
  private entries = 0;
  /** Per document: where its entries start, its field lengths, its band keys. */
  private start: Uint32Array;
  private lengths: [Uint32Array, Uint32Array, Uint32Array];
  private keys: Uint32Array;
  private size = 0;

  constructor(expected: CorpusSize, arena: Arena) {
    const documents = Math.max(1, expected.documents) + 1;
    this.terms = arena.uint32(Math.max(1, expected.entries));
    this.counts = arena.uint16(this.terms.length);
    this.start = arena.uint32(documents);
    this.lengths = [arena.uint32(documents), arena.uint32(documents), arena.uint32(documents)];
    this.keys = arena.uint32(documents * KEYS_PER_DOCUMENT);
    for (const { words, canonical } of PHRASES) {
      if (words.length > MAX_PHRASE)
        throw new Error(`phrase "${words.join(' ')}" is longer than ${MAX_PHRASE} words`);
      const ids = words.map((word) => this.idOf(word));
      const last = ids.pop() as number;
      const list = this.phrases.get(last) ?? [];
      list.push({ before: ids, canonical: this.idOf(canonical) });
      this.phrases.set(last, list);
    }
  }

  add(document: SearchDocument, maxTextChars: number): void {
    const text = document.text.length > maxTextChars ? document.text.slice(0, maxTextChars) : document.text;
    this.addField(TITLE, document.title);
    this.addField(TEXT, text);
    for (const tag of document.tags) this.addField(TAGS, tag);
    if (this.size + 2 > this.start.length) {
      const documents = Math.ceil(this.start.length * 1.5);
      this.start = growUint32(this.start, documents);
      this.lengths = [
        growUint32(this.lengths[TITLE], documents),
        growUint32(this.lengths[TEXT], documents),
        growUint32(this.lengths[TAGS], documents),
      ];
      this.keys = growUint32(this.keys, documents * KEYS_PER_DOCUMENT);
    }
    this.minHasher.finish(this.keys, this.size * KEYS_PER_DOCUMENT);
    this.flushDocument();
    this.size += 1;
  }

  finish(): Corpus {
    const { size, lengths } = this;
    this.start[size] = this.entries;
    return {
      size,
      vocabulary: this.vocabulary,
      df: this.df.subarray(0, this.vocabulary.length),
      start: this.start.subarray(0, size + 1),
      terms: this.terms.subarray(0, this.entries),
      counts: this.counts.subarray(0, this.entries),
      length: {
        title: lengths[TITLE].subarray(0, size),
        text: lengths[TEXT].subarray(0, size),
        tags: lengths[TAGS].subarray(0, size),
      },
      keys: this.keys.subarray(0, size * KEYS_PER_DOCUMENT),
    };
  }

  /** Title and text feed MinHash in reading order; tags are a set, not prose. */
  private addField(field: number, value: string): void {
    if (value.length === 0) return;
    if (3 * value.length > this.bytes.length) this.bytes = Buffer.allocUnsafe(6 * value.length);
    // Buffer#write returns a number, where TextEncoder#encodeInto allocates a result per call.
    const written = this.bytes.write(value, 'utf8');
    const { bytes, chunks, scanner } = this;
    scanner.reset(bytes, written);
    // In a title: whether the word before names something, so that a number after it labels it.
    let naming = false;
    this.recent.fill(-1);
    while (scanner.next()) {
      const { start, end, hash } = scanner;
      let record = chunks.find(bytes, start, end, hash);
      if (record < 0) record = chunks.add(bytes, start, end, hash, this.termsOfChunk(bytes, start, end));
      const count = chunks.termCount(record);
      if (count === 0) naming = false;
      for (let i = 0; i < count; i += 1) {
        const term = chunks.term(record, i);
        const phrase = this.phrases.has(term) && this.matchPhrase(term, field);
        this.recent.copyWithin(1, 0);
        this.recent[0] = term;
        if (phrase) {
          naming = true;
          continue;
        }
        if ((this.kinds[term] as number) & SILENT) {
          naming = false;
          continue;
        }
        const at = this.count(term, field);
        if (field === TITLE) naming = this.noteTitleWord(term, at, naming);
        if (field !== TAGS) this.minHasher.add(term);
      }
    }
  }

  /**
   * When `term` ends a phrase, the phrase's canonical term stands in for its words: the words
   * before, already counted, are taken back, and `term` is not counted. Returns whether one matched.
   */
  private matchPhrase(term: number, field: number): boolean {
    for (const { before, canonical } of this.phrases.get(term) ?? []) {
      if (!before.every((word, i) => word === this.recent[before.length - 1 - i])) continue;
      for (const word of before) if (((this.kinds[word] as number) & SILENT) === 0) this.uncount(word, field);
      this.count(canonical, field);
      return true;
    }
    return false;
  }

  private uncount(term: number, field: number): void {
    const at = this.slot[term] as number;
    const i = 3 * at + field;
    if (at >= 0 && (this.localCounts[i] as number) > 0)
      this.localCounts[i] = (this.localCounts[i] as number) - 1;
  }

  /** Marks a title number as quantity or label (a label anywhere wins); returns whether `term` names something. */
  private noteTitleWord(term: number, at: number, naming: boolean): boolean {
    const kind = this.kinds[term] as number;
    if (kind & NUMBER) {
      this.localNumbers[at] = (this.localNumbers[at] as number) | (naming ? LABEL : COUNT);
      return false;
    }
    return (kind & GENERIC) === 0 || (kind & NUMBERING) !== 0;
  }

  private termsOfChunk(bytes: Buffer, start: number, end: number): number[] {
    const ids: number[] = [];
    for (const term of chunkTerms(bytes.toString('utf8', start, end))) ids.push(this.idOf(term));
    return ids;
  }

  private idOf(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    const id = this.vocabulary.length;
    this.vocabulary.push(term);
    this.ids.set(term, id);
    if (id >= this.slot.length) {
      const slot = new Int32Array(this.slot.length * 2).fill(-1);
      slot.set(this.slot);
      this.slot = slot;
      this.df = growUint32(this.df);
      const kinds = new Uint8Array(slot.length);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.kinds[id] = DIGITS.test(term)
      ? NUMBER
      : isGenericTerm(term)
        ? GENERIC | (isNumberingTerm(term) ? NUMBERING : 0)
        : isStopWord(term)
          ? SILENT
          : 0;
    return id;
  }

  /** Counts one occurrence; returns the term's position among the document's distinct terms. */
  private count(term: number, field: number): number {
    let at = this.slot[term] as number;
    if (at < 0) {
      at = this.localSize++;
      if (at === this.local.length) {
        this.local = growUint32(this.local);
        this.localCounts = growUint32(this.localCounts);
        const numbers = new Uint8Array(this.local.length);
        numbers.set(this.localNumbers);
        this.localNumbers = numbers;
      }
      this.slot[term] = at;
      this.local[at] = term;
    }
    const i = 3 * at + field;
    this.localCounts[i] = (this.localCounts[i] as number) + 1;
    return at;
  }

  private flushDocument(): void {
    const { local, localCounts, localSize, size } = this;
    if (this.entries + localSize > this.terms.length) {
      this.terms = growUint32(this.terms, Math.ceil(1.5 * (this.entries + localSize)));
      const counts = new Uint16Array(this.terms.length);
      counts.set(this.counts);
      this.counts = counts;
    }
    const { terms, counts, df, slot, kinds } = this;
    this.start[size] = this.entries;
    let titleKey = 0;
    let title = 0;
    let text = 0;
    let tags = 0;
    let at = this.entries;
    for (let i = 0; i < localSize; i += 1) {
      const term = local[i] as number;
      const t = localCounts[3 * i + TITLE] as number;
      const x = localCounts[3 * i + TEXT] as number;
      const g = localCounts[3 * i + TAGS] as number;
      slot[term] = -1;
      // Words a phrase stood in for may have no count left.
      if (t + x + g === 0) continue;
      if (t > 0 && ((kinds[term] as number) & GENERIC) === 0) titleKey ^= mix32(term + TITLE_SALT);
      title += t;
      text += x;
      tags += g;
      terms[at] = term;
      counts[at] =
        (Math.min(t, MAX.title) << SHIFT.title) |
        (Math.min(g, MAX.tags) << SHIFT.tags) |
        (Math.min(x, MAX.text) << SHIFT.text) |
        (this.localNumbers[i] === COUNT ? QUANTITY : 0);
      at += 1;
      df[term] = (df[term] as number) + 1;
    }
    this.entries = at;
    localCounts.fill(0, 0, 3 * localSize);
    this.localNumbers.fill(0, 0, localSize);
    this.localSize = 0;
    this.keys[size * KEYS_PER_DOCUMENT + BANDS] = titleKey;
    this.lengths[TITLE][size] = title;
    this.lengths[TEXT][size] = text;
    this.lengths[TAGS][size] = tags;
  }
}
