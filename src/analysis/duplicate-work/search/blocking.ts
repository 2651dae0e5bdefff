import { prefixSums } from './buffers.js';
import { pairHash } from './hash.js';
import type { LookupTerms, Vectors } from './lookup-terms.js';
import { BANDS } from './minhash.js';

/** Document d's neighbours are `list[start[d] … start[d + 1])`, one entry per key they share. */
export interface Neighbours {
  readonly start: Uint32Array;
  readonly list: Uint32Array;
}

/**
 * Blocking: candidate pairs without comparing all pairs. Each document gets keys — one per pair of
 * its lookup terms (two texts about the same work share at least two of their most telling words,
 * while one shared word is common) and its MinHash band keys (near-identical text, even in common
 * words) — and documents sharing a key are neighbours. Keys are sorted with a radix sort, so equal
 * keys form runs; in a run longer than `perBucket` each document is linked only to the `perBucket`
 * nearest, so a ticket template copied ten thousand times still costs linear work.
 */
export function blockingNeighbours(
  vectors: Vectors,
  lookup: LookupTerms,
  bandKeys: Uint32Array,
  perBucket: number,
): Neighbours {
  const { keys, docs } = blockingKeys(vectors, lookup, bandKeys);
  radixSort(keys, docs);
  const size = vectors.size;
  const counts = new Uint32Array(size + 1);
  linkRuns(keys, docs, perBucket, counts, undefined);
  const start = prefixSums(counts);
  const list = new Uint32Array(start[size] as number);
  linkRuns(keys, docs, perBucket, start.slice(0, size), list);
  return { start, list };
}

/** (key, document) entries in document order; a term pair's key is its hash, a band key is as MinHash made it. */
function blockingKeys(
  vectors: Vectors,
  lookup: LookupTerms,
  bandKeys: Uint32Array,
): { keys: Uint32Array; docs: Uint32Array } {
  const { size, terms } = vectors;
  const mine = new Uint32Array(lookup.count);
  let total = 0;
  for (let doc = 0; doc < size; doc += 1) {
    const count = lookup.collect(doc, mine);
    total += (count * (count - 1)) / 2;
    for (let band = 0; band < BANDS; band += 1) if (bandKeys[doc * BANDS + band] !== 0) total += 1;
  }
  const keys = new Uint32Array(total);
  const docs = new Uint32Array(total);
  let at = 0;
  for (let doc = 0; doc < size; doc += 1) {
    const count = lookup.collect(doc, mine);
    for (let a = 0; a < count; a += 1) {
      for (let b = a + 1; b < count; b += 1) {
        const x = terms[mine[a] as number] as number;
        const y = terms[mine[b] as number] as number;
        keys[at] = x < y ? pairHash(x, y) : pairHash(y, x);
        docs[at++] = doc;
      }
    }
    for (let band = 0; band < BANDS; band += 1) {
      const key = bandKeys[doc * BANDS + band] as number;
      if (key !== 0) {
        keys[at] = key;
        docs[at++] = doc;
      }
    }
  }
  return { keys, docs };
}

/**
 * Links every entry to the entries with an equal key at most `perBucket / 2` places away in the
 * sorted order. Without `list` it counts each document's links into `slots[doc + 1]`; with it,
 * it writes them to `list` at `slots[doc]`, advancing it. (One loop for both, so the two passes
 * agree.)
 */
function linkRuns(
  keys: Uint32Array,
  docs: Uint32Array,
  perBucket: number,
  slots: Uint32Array,
  list: Uint32Array | undefined,
): void {
  const half = Math.ceil(perBucket / 2);
  let runStart = 0;
  for (let i = 1; i <= keys.length; i += 1) {
    if (i < keys.length && keys[i] === keys[runStart]) continue;
    for (let at = runStart; at < i; at += 1) {
      const doc = docs[at] as number;
      const to = Math.min(i, at + half + 1);
      for (let near = Math.max(runStart, at - half); near < to; near += 1) {
        const other = docs[near] as number;
        if (other === doc) continue;
        if (list === undefined) {
          slots[doc + 1] = (slots[doc + 1] as number) + 1;
        } else {
          const slot = slots[doc] as number;
          slots[doc] = slot + 1;
          list[slot] = other;
        }
      }
    }
    runStart = i;
  }
}

/**
 * Stable LSD radix sort of `keys`, carrying `values` along: four passes of eight bits, since 256
 * write positions stay in cache where 65,536 would not.
 */
function radixSort(keys: Uint32Array, values: Uint32Array): void {
  let fromKeys: Uint32Array = keys;
  let fromValues: Uint32Array = values;
  let toKeys: Uint32Array = new Uint32Array(keys.length);
  let toValues: Uint32Array = new Uint32Array(keys.length);
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
