import { kthLargest, prefixSums } from './buffers.js';
import type { LookupTerms, Vectors } from './lookup-terms.js';

/**
 * Term id → the documents that have it among their lookup terms, with their weights:
 * `docs/weights[start[t] … start[t + 1])`.
 */
export interface RankingIndex {
  readonly start: Uint32Array;
  readonly docs: Uint32Array;
  readonly weights: Float32Array;
}

/**
 * An inverted index of lookup terms only (prefix filtering, after Bayardo, Ma and Srikant, "Scaling
 * up all pairs similarity search", WWW 2007): common words, which weigh little, stay out, so lists
 * stay short. A list longer than `maxPostings` keeps its heaviest entries (impact ordering), which
 * bounds the work of a lookup.
 */
export function rankingIndex(
  vectors: Vectors,
  weights: Float32Array,
  lookup: LookupTerms,
  maxPostings: number,
): RankingIndex {
  const { size, df, terms } = vectors;
  const entries = new Uint32Array(lookup.count);
  const counts = new Uint32Array(df.length + 1);
  for (let doc = 0; doc < size; doc += 1) {
    const found = lookup.collect(doc, entries);
    for (let k = 0; k < found; k += 1) {
      const slot = (terms[entries[k] as number] as number) + 1;
      counts[slot] = (counts[slot] as number) + 1;
    }
  }
  const start = prefixSums(counts);
  const docs = new Uint32Array(start[df.length] as number);
  const listWeights = new Float32Array(docs.length);
  const fill = start.slice(0, df.length);
  for (let doc = 0; doc < size; doc += 1) {
    const found = lookup.collect(doc, entries);
    for (let k = 0; k < found; k += 1) {
      const i = entries[k] as number;
      const term = terms[i] as number;
      const at = fill[term] as number;
      fill[term] = at + 1;
      docs[at] = doc;
      listWeights[at] = weights[i] as number;
    }
  }
  return truncate({ start, docs, weights: listWeights }, maxPostings);
}

/** Keeps each list's `maxPostings` heaviest entries, in document order. */
function truncate(lists: RankingIndex, maxPostings: number): RankingIndex {
  const terms = lists.start.length - 1;
  const counts = new Uint32Array(terms + 1);
  for (let term = 0; term < terms; term += 1) {
    counts[term + 1] = Math.min(
      maxPostings,
      (lists.start[term + 1] as number) - (lists.start[term] as number),
    );
  }
  const start = prefixSums(counts);
  if (start[terms] === lists.docs.length) return lists;
  const docs = new Uint32Array(start[terms] as number);
  const weights = new Float32Array(docs.length);
  let scratch = new Float32Array(0);
  for (let term = 0; term < terms; term += 1) {
    const from = lists.start[term] as number;
    const to = lists.start[term + 1] as number;
    let out = start[term] as number;
    if (to - from <= maxPostings) {
      docs.set(lists.docs.subarray(from, to), out);
      weights.set(lists.weights.subarray(from, to), out);
      continue;
    }
    if (scratch.length < to - from) scratch = new Float32Array(to - from);
    const list = scratch.subarray(0, to - from);
    list.set(lists.weights.subarray(from, to));
    const floor = kthLargest(list, maxPostings);
    let ties = maxPostings;
    for (let i = from; i < to; i += 1) if ((lists.weights[i] as number) > floor) ties -= 1;
    for (let i = from; i < to; i += 1) {
      const weight = lists.weights[i] as number;
      if (weight > floor || (weight === floor && ties-- > 0)) {
        docs[out] = lists.docs[i] as number;
        weights[out] = weight;
        out += 1;
      }
    }
  }
  return { start, docs, weights };
}
