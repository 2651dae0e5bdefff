import { Arena, prefixSums } from './buffers.js';
import { pairHash } from './hash.js';
import type { LookupTerms, Vectors } from './lookup-terms.js';
import { KEYS_PER_DOCUMENT } from './corpus.js';

/**
 * Blocking: candidate pairs without comparing all pairs. Each document gets keys — one per pair of
 * its lookup terms (two texts about the same work share at least two of their most telling words,
 * while one shared word is common), its MinHash band keys (near-identical text, even in common
 * words) and its title key (the same title) — and documents sharing a key are neighbours. Keys are sorted with a radix sort, so equal
 * keys form runs; in a run longer than `perBucket` each document is linked only to the `perBucket`
 * nearest, so a ticket template copied ten thousand times still costs linear work.
 *
 * Neighbours are read off the sorted keys when asked for, not stored per document: at a million
 * documents those lists took three quarters of a gigabyte, and writing them scattered over it
 * made the time grow faster than the number of documents.
 */
export class BlockingNeighbours {
  /** Sorted entries as (key, document) pairs side by side, so reading one costs one cache miss. */
  private readonly sorted: Uint32Array;
  private readonly total: number;
  /** Document d's keys are entries `first[d] … first[d + 1])`; `position[e]` is entry e's place in sorted order. */
  private readonly first: Uint32Array;
  private readonly position: Uint32Array;
  private readonly half: number;
  private places = new Uint32Array(64);

  /** Its arrays are taken from `arena` while they fit. */
  constructor(
    vectors: Vectors,
    lookup: LookupTerms,
    documentKeys: Uint32Array,
    perBucket: number,
    arena: Arena = new Arena(0),
  ) {
    const first = keyRanges(vectors, lookup, documentKeys, arena.uint32(vectors.size + 1));
    const total = first[vectors.size] as number;
    // One array for the four: V8 starts a full collection of the (large) heap for about every
    // 64 MiB of array buffers allocated, so four separate ones could cost four collections.
    const keyArrays = arena.uint32(4 * total);
    const keys = keyArrays.subarray(0, total);
    const entries = keyArrays.subarray(total, 2 * total);
    writeKeys(vectors, lookup, documentKeys, keys);
    for (let e = 0; e < total; e += 1) entries[e] = e;
    const position = keyArrays.subarray(3 * total);
    radixSort(keys, entries, keyArrays.subarray(2 * total, 3 * total), position);
    for (let at = 0; at < total; at += 1) position[entries[at] as number] = at;
    const docs = keyArrays.subarray(2 * total, 3 * total);
    for (let doc = 0; doc < vectors.size; doc += 1) {
      for (let e = first[doc] as number; e < (first[doc + 1] as number); e += 1)
        docs[position[e] as number] = doc;
    }
    // Interleaved over keys and entries, back to front: place `at` only overwrites what was read.
    const sorted = keyArrays.subarray(0, 2 * total);
    for (let at = total - 1; at >= 0; at -= 1) {
      const key = keys[at] as number;
      sorted[2 * at] = key;
      sorted[2 * at + 1] = docs[at] as number;
    }
    this.sorted = sorted;
    this.total = total;
    this.first = first;
    this.position = position;
    this.half = Math.ceil(perBucket / 2);
  }

  /**
   * Calls `visit` with each neighbour of `doc`, once per key they share within `perBucket / 2`
   * places of each other in sorted order; keys in sorted order, then by place.
   */
  forEach(doc: number, visit: (other: number) => void): void {
    const { sorted, total, half } = this;
    const from = this.first[doc] as number;
    const count = (this.first[doc + 1] as number) - from;
    if (count > this.places.length) this.places = new Uint32Array(2 * count);
    const places = this.places.subarray(0, count);
    for (let i = 0; i < count; i += 1) places[i] = this.position[from + i] as number;
    places.sort();
    for (const at of places) {
      const key = sorted[2 * at] as number;
      let low = at;
      while (low > 0 && at - low < half && sorted[2 * (low - 1)] === key) low -= 1;
      for (let near = low; near <= at + half && near < total && sorted[2 * near] === key; near += 1) {
        const other = sorted[2 * near + 1] as number;
        if (other !== doc) visit(other);
      }
    }
  }
}

/** Most bytes blocking takes from an arena for `documents` documents and `lookupTerms` lookup terms. */
export function blockingBytes(documents: number, lookupTerms: number): number {
  const keys = (lookupTerms * (lookupTerms - 1)) / 2 + KEYS_PER_DOCUMENT;
  return 4 * (documents + 1) + 4 * documents + 16 * documents * keys;
}

/**
 * Document d's keys will be entries `first[d] … first[d + 1])`: one per pair of its lookup terms,
 * and its document keys. Written into `first` (size + 1 long, zeroed).
 */
function keyRanges(
  vectors: Vectors,
  lookup: LookupTerms,
  documentKeys: Uint32Array,
  first: Uint32Array,
): Uint32Array {
  const { size } = vectors;
  const mine = new Uint32Array(lookup.count);
  for (let doc = 0; doc < size; doc += 1) {
    const count = lookup.collect(doc, mine);
    let own = (count * (count - 1)) / 2;
    for (let k = 0; k < KEYS_PER_DOCUMENT; k += 1)
      if (documentKeys[doc * KEYS_PER_DOCUMENT + k] !== 0) own += 1;
    first[doc + 1] = (first[doc] as number) + own;
  }
  return first;
}

/** Writes the keys in entry order: a term pair's key is its hash, a document key is as the corpus made it. */
function writeKeys(
  vectors: Vectors,
  lookup: LookupTerms,
  documentKeys: Uint32Array,
  keys: Uint32Array,
): void {
  const { size, terms } = vectors;
  const mine = new Uint32Array(lookup.count);
  let at = 0;
  for (let doc = 0; doc < size; doc += 1) {
    const count = lookup.collect(doc, mine);
    for (let a = 0; a < count; a += 1) {
      for (let b = a + 1; b < count; b += 1) {
        const x = terms[mine[a] as number] as number;
        const y = terms[mine[b] as number] as number;
        keys[at++] = x < y ? pairHash(x, y) : pairHash(y, x);
      }
    }
    for (let k = 0; k < KEYS_PER_DOCUMENT; k += 1) {
      const key = documentKeys[doc * KEYS_PER_DOCUMENT + k] as number;
      if (key !== 0) keys[at++] = key;
    }
  }
}

/**
 * Stable LSD radix sort of `keys`, carrying `values` along, through two scratch arrays of the same
 * length: four passes of eight bits, since 256 write positions stay in cache where 65,536 would not.
 */
function radixSort(
  keys: Uint32Array,
  values: Uint32Array,
  scratchKeys: Uint32Array,
  scratchValues: Uint32Array,
): void {
  let fromKeys: Uint32Array = keys;
  let fromValues: Uint32Array = values;
  let toKeys: Uint32Array = scratchKeys;
  let toValues: Uint32Array = scratchValues;
  const counts = new Uint32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < fromKeys.length; i += 1) {
      const digit = ((fromKeys[i] as number) >>> shift) & 0xff;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    prefixSums(counts);
    for (let i = 0; i < fromKeys.length; i += 1) {
      const key = fromKeys[i] as number;
      const digit = (key >>> shift) & 0xff;
      const at = counts[digit] as number;
      counts[digit] = at + 1;
      toKeys[at] = key;
      toValues[at] = fromValues[i] as number;
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  // After an even number of passes the sorted data is back in the arrays given.
}
