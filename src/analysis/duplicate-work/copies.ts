import type { SearchIndex } from './search/index.js';

/**
 * Tried partners per copy beyond the ones kept: pairs refused (linked, or titles that contrast)
 * cost a try each, and a group of ten thousand refused copies must not cost a hundred million.
 */
const EXTRA_TRIES = 8;

/** Pairs among copies (a < b, document numbers), and each document's group of copies. */
export interface Copies {
  a: number[];
  b: number[];
  /** Per document, 1 + the number of its group's first member; 0 for a title shared with no one. */
  group: Uint32Array;
}

/** How copies pair up: the rules `copyPairs` applies to every group. */
export interface CopyRules {
  /** Most partners kept per looked-up copy. */
  maxPerDoc: number;
  isOpen: (doc: number) => boolean;
  /** Whether a pair is kept; a refused one costs a try. */
  accept: (a: number, b: number) => boolean;
  /** Whether a document is looked up. */
  queried: (doc: number) => boolean;
}

/**
 * Copies: documents whose titles hold the same words. Which of them pair up is decided from the
 * group alone — each looked-up member takes its `maxPerDoc` nearest members in document (uid)
 * order that `accept` takes, a done one trying only open ones — so a copy's flag and pairs never
 * change when an unrelated ticket enters or leaves the corpus, as they do when candidates are the
 * best few by weights that every other ticket shifts.
 */
export function copyPairs(search: SearchIndex, rules: CopyRules): Copies {
  const { size } = search;
  // Title key and document number in one double (53 bits), so one native sort groups them in
  // uid order. Past 2^21 documents keys lose low bits: groups may merge, and `accept` still decides.
  const docBits = Math.max(21, Math.ceil(Math.log2(size + 1)));
  const shift = docBits - 21;
  const scale = 2 ** docBits;
  const sorted = new Float64Array(size);
  let keyed = 0;
  for (let doc = 0; doc < size; doc += 1) {
    const key = search.titleKey(doc) >>> shift;
    if (key !== 0) sorted[keyed++] = key * scale + doc;
  }
  const order = sorted.subarray(0, keyed).sort();
  const copies: Copies = { a: [], b: [], group: new Uint32Array(size) };
  for (let from = 0; from < keyed;) {
    const key = Math.floor((order[from] as number) / scale);
    let to = from + 1;
    while (to < keyed && Math.floor((order[to] as number) / scale) === key) to += 1;
    if (to - from > 1) {
      const members = Array.from(order.subarray(from, to), (packed) => packed - key * scale);
      pairGroup(members, copies, rules);
    }
    from = to;
  }
  return copies;
}

function pairGroup(members: number[], copies: Copies, rules: CopyRules): void {
  const { maxPerDoc, isOpen, accept, queried } = rules;
  const open = members.filter(isOpen);
  if (open.length === 0) return;
  const first = (members[0] as number) + 1;
  for (const doc of members) copies.group[doc] = first;
  for (const doc of members) {
    if (!queried(doc)) continue;
    // A done copy pairs only with open ones: two done tickets are never duplicate work.
    const partners = isOpen(doc) ? members : open;
    const at = lowerBound(partners, doc);
    // Nearest first, alternating after and before by place in the group, never by document
    // numbers: unrelated tickets between two copies shift those.
    let after = partners[at] === doc ? at + 1 : at;
    let before = at - 1;
    let kept = 0;
    for (let tries = 0; kept < maxPerDoc && tries < maxPerDoc + EXTRA_TRIES; tries += 1) {
      const takeAfter = after < partners.length && (tries % 2 === 0 || before < 0);
      if (!takeAfter && before < 0) break;
      const other = partners[takeAfter ? after++ : before--] as number;
      if (!accept(doc, other)) continue;
      copies.a.push(Math.min(doc, other));
      copies.b.push(Math.max(doc, other));
      kept += 1;
    }
  }
}

/** The first place in ascending `values` holding at least `value`. */
function lowerBound(values: number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
