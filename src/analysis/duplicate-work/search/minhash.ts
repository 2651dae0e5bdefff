import { mix32, pairHash } from './hash.js';

/**
 * MinHash over word bigrams, one-permutation style (one hash per shingle, the minimum kept per bin,
 * empty bins filled from their neighbour), cut into LSH bands. Two texts whose bigram sets have
 * Jaccard similarity s share at least one band key with probability 1 − (1 − s^ROWS)^BANDS:
 * 0.97 at s = 0.8, 0.40 at s = 0.5, 0.06 at s = 0.3, so near-identical texts meet even when all
 * their words are common ones.
 */
export const BANDS = 8;
const ROWS = 4;
const BINS = BANDS * ROWS;
const BIN_BITS = Math.log2(BINS);
const EMPTY = 0xffffffff;

/** Builds the band keys of one document from its terms, fed in reading order. */
export class MinHasher {
  private readonly bins = new Uint32Array(BINS).fill(EMPTY);
  private previous = -1;
  private terms = 0;

  add(term: number): void {
    if (this.previous >= 0) this.addShingle(mix32(Math.imul(this.previous, 0x9e3779b1) ^ term));
    this.previous = term;
    this.terms += 1;
  }

  /**
   * Writes the document's BANDS keys to `out` at `offset` (0 when it has no terms) and resets the
   * hasher for the next document.
   */
  finish(out: Uint32Array, offset: number): void {
    if (this.terms === 1) this.addShingle(mix32(this.previous));
    if (this.terms === 0) out.fill(0, offset, offset + BANDS);
    else this.writeBands(out, offset);
    this.bins.fill(EMPTY);
    this.previous = -1;
    this.terms = 0;
  }

  /** The low bits of a shingle's hash pick its bin; the others are its value there. */
  private addShingle(hash: number): void {
    const bin = hash & (BINS - 1);
    const value = hash >>> BIN_BITS;
    if (value < (this.bins[bin] as number)) this.bins[bin] = value;
  }

  private writeBands(out: Uint32Array, offset: number): void {
    for (let band = 0; band < BANDS; band += 1) {
      let key = mix32(band + 1);
      for (let row = 0; row < ROWS; row += 1) key = pairHash(key, this.binValue(band * ROWS + row));
      out[offset + band] = key === 0 ? 1 : key;
    }
  }

  /** A bin's minimum, or for an empty bin the next filled bin's, re-hashed with the distance. */
  private binValue(bin: number): number {
    for (let distance = 0; distance < BINS; distance += 1) {
      const value = this.bins[(bin + distance) & (BINS - 1)] as number;
      if (value !== EMPTY) return distance === 0 ? value : pairHash(value, distance);
    }
    return 0;
  }
}
