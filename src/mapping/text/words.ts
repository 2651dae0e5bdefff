/**
 * Splitting text into words, and coding each word of an item against a fixed vocabulary fast.
 * A word is a run of letters and digits (any script); everything else separates words.
 */

/** ASCII letters and digits, by code. */
const ASCII_WORD = new Uint8Array(128).map((_, c) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0,
);

/** Whether UTF-16 code unit `c` is part of a word. */
export function isWordChar(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  // Latin-1 letters, and other scripts; not punctuation blocks, symbols or surrogate halves (emoji).
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c < 0xfe00;
}

/** The lower-case words of `text`, in order. For goal names and keywords (small, compiled once). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordChar(text.charCodeAt(i));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      words.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return words;
}

/** Code of a word to leave out entirely (a stop word, a single character): it counts for nothing. */
export const SKIP = -2;
/** Code of an ordinary word: not in the vocabulary, but it counts towards the field's length. */
export const OTHER = -1;

/**
 * Turns a text into vocabulary codes (≥ 0), `OTHER` for ordinary words, and drops `SKIP` words.
 * Deciding a word's code (lower-casing, stop words, stemming) is done once per distinct word: an
 * open-addressing table keyed by a hash computed while scanning answers every later occurrence
 * without allocating a string, which is what makes a million items a matter of seconds.
 */
export class WordCoder {
  /** Codes of the last `code()` call; valid up to the count it returned. */
  codes: Int32Array = new Int32Array(256);
  private readonly classify: (word: string) => number;
  private readonly maxWords: number;
  // The table: a word as first seen ('' = empty slot), its hash and its code.
  private words: string[] = new Array<string>(1 << 12).fill('');
  private hashes = new Int32Array(1 << 12);
  private wordCodes = new Int32Array(1 << 12);
  private count = 0;

  /**
   * @param classify the code of a lower-case word: `SKIP`, `OTHER` or a vocabulary id
   * @param maxWords most distinct words remembered; later new words are classified each time
   */
  constructor(classify: (word: string) => number, maxWords = 1 << 19) {
    this.classify = classify;
    this.maxWords = maxWords;
  }

  /** Codes the first `limit` characters of `text` into `this.codes`; returns how many words it holds. */
  code(text: string, limit: number): number {
    const end = Math.min(text.length, limit);
    let n = 0;
    let i = 0;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      do {
        if (c >= 65 && c <= 90) c += 32;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
        c = i < end ? text.charCodeAt(i) : 32;
      } while (isWordChar(c));
      const code = this.lookup(text, start, i, (Math.imul(h, 31) + (i - start)) | 0);
      if (code === SKIP) continue;
      if (n === this.codes.length) {
        const grown = new Int32Array(n * 2);
        grown.set(this.codes);
        this.codes = grown;
      }
      this.codes[n++] = code;
    }
    return n;
  }

  private lookup(text: string, start: number, end: number, hash: number): number {
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    for (let word = this.words[slot] ?? ''; word !== ''; word = this.words[slot] ?? '') {
      if (this.hashes[slot] === hash && sameWord(word, text, start, end))
        return this.wordCodes[slot] ?? OTHER;
      slot = (slot + 1) & mask;
    }
    const raw = text.slice(start, end);
    const code = this.classify(raw.toLowerCase());
    if (this.count < this.maxWords) {
      this.put(slot, raw, hash, code);
      if (this.count * 2 > this.hashes.length) this.grow();
    }
    return code;
  }

  private put(slot: number, word: string, hash: number, code: number): void {
    this.words[slot] = word;
    this.hashes[slot] = hash;
    this.wordCodes[slot] = code;
    this.count++;
  }

  private grow(): void {
    const { words, hashes, wordCodes } = this;
    const size = hashes.length * 2;
    this.words = new Array<string>(size).fill('');
    this.hashes = new Int32Array(size);
    this.wordCodes = new Int32Array(size);
    this.count = 0;
    for (let old = 0; old < words.length; old++) {
      const word = words[old] ?? '';
      if (word === '') continue;
      const hash = hashes[old] ?? 0;
      let slot = hash & (size - 1);
      while (this.words[slot] !== '') slot = (slot + 1) & (size - 1);
      this.put(slot, word, hash, wordCodes[old] ?? OTHER);
    }
  }
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    let a = word.charCodeAt(k);
    let b = text.charCodeAt(start + k);
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}
