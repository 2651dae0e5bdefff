/**
 * Duplicate work: pairs of tickets that describe the same work, in Jira and ServiceNow alike.
 *
 * How (search/): items are tokenised (text/) into stemmed terms; each becomes a BM25F vector (title
 * words count 3×, text 1×, labels/components/category/service 0.5×; idf from the items analysed),
 * of unit length. Candidate pairs come from blocking keys — every pair of an item's `lookupTerms`
 * most telling words, plus MinHash bands of its word bigrams for near-identical text — so the work
 * grows with the number of items, never with the number of pairs. The `candidates` neighbours
 * sharing the most keys get their exact cosine computed. Titles then decide (search/titles.ts):
 * a pair whose titles are one template filled in differently (at least half their terms shared,
 * one naming a department, site, code or phase the other does not; or each naming a subject the
 * other ticket never mentions, around shared words in the same order) is never reported; any other
 * is reported at or above `threshold`, when its titles alone reach `titleThreshold`, or from 0.5
 * (tickets and titles) when both titles name the same labelled thing (store 0101, SKU 100000);
 * at most `maxPairsPerItem` per item looked up. Copies — tickets whose titles hold the same words —
 * are paired among themselves from their group alone (copies.ts), not from the search's best few,
 * which every other ticket's word statistics shift: a copy is flagged while any copy of it is open,
 * whatever tickets enter or leave the window.
 *
 * Decisions: similarity is the larger of that cosine and the titles' similarity. On public
 * Apache-style Jira data, linked duplicates written by different people have a median of about
 * 0.25, while pairs at 0.6 and above are mostly the same problem reported twice, clones or spam;
 * 0.6 is the default so flags are rarely wrong. Only items created within the window are indexed
 * (word statistics come from them too), and items are indexed in uid order so the result does not depend on the input order.
 * Every item is looked up, done ones too, though a pair needs an open side.
 */
import type { DuplicateWorkSettings, Finding, WorkItem } from '../../model/index.js';
import { parseIso } from '../../core/index.js';
import { windowStart, type AnalysisWindow } from '../effort/index.js';
import { duplicateWorkFinding, sharedPairs } from './findings.js';
import { linkedPairs, pairKey } from './links.js';
import {
  findPairs,
  pairObjects,
  type PairList,
  type SearchIndex,
  type SimilarPair,
  type TitleComparison,
} from './search/index.js';
import { indexWorkItems } from './work-item-index.js';
import { copyPairs, type Copies } from './copies.js';

/** Two items (refs in ascending order) that describe the same work. */
export interface DuplicatePair {
  a: string;
  b: string;
  /** 0 … 1, rounded to three decimals. */
  similarity: number;
}

export interface DuplicateWorkResult {
  /** Best first, then by refs. */
  pairs: DuplicatePair[];
  /** Uids that carry the `duplicate-work` flag: every item in at least one pair. */
  flagged: ReadonlySet<string>;
  /** One per pair, in the order of `pairs`. */
  findings: Finding[];
}

/**
 * Candidates below this similarity are not looked at: tickets with the same title but different
 * boilerplate (an epic and a demand for one initiative) score 0.15 and up.
 */
const CANDIDATE_FLOOR = 0.1;

/**
 * Tickets whose titles name the same labelled thing (store 0101, SKU 100000, prd-web-01) need less:
 * this similarity of the whole tickets, and of their titles. Two people reporting one till at one
 * store word it their own way and score 0.5–0.6, where near misses about that store's other work
 * stay below 0.5.
 */
const LABELLED = 0.5;

/** Shared terms named in a finding's summary. */
const EXPLAINING_TERMS = 5;

/**
 * Duplicate work (design.md, "Flags"): two items, at least one not done, both created within the
 * window, describing the same work, and not already linked as duplicates or as parent and child.
 * Works across Jira and ServiceNow alike; the result does not depend on the order of `items`.
 */
export function findDuplicateWork(
  items: Iterable<WorkItem>,
  settings: DuplicateWorkSettings,
  window: AnalysisWindow,
): DuplicateWorkResult {
  const from = windowStart(window);
  const eligible: WorkItem[] = [];
  for (const item of items) if (parseIso(item.created) >= from) eligible.push(item);
  // Usually already in uid order (the store's), and checking is cheaper than sorting a million.
  if (!eligible.every((item, i) => i === 0 || compare((eligible[i - 1] as WorkItem).uid, item.uid) <= 0)) {
    eligible.sort((x, y) => compare(x.uid, y.uid));
  }

  const index = indexWorkItems(eligible, settings);
  const linked = linkedPairs(eligible);
  const item = (doc: number): WorkItem => eligible[doc] as WorkItem;
  // Done items are looked up too: one of a dozen copies of a task, done, is otherwise found only
  // if an open copy ranks it among its best few.
  const found = flaggedPairList(index.search, settings, {
    isOpen: (doc) => item(doc).status !== 'done',
    skip: (a, b) =>
      (item(a).status === 'done' && item(b).status === 'done') ||
      (linked.size > 0 && linked.has(pairKey(item(a).ref, item(b).ref))),
  });
  const { count, a, b, similarity } = found;

  // Report order (refs ascending within a pair, rounded similarity, then refs) is worked out on
  // the flat arrays, so each pair and finding is one object made once, into an array of its final
  // size: at a million items there are hundreds of thousands, and every object more per finding
  // is heap that a full collection of the items must walk.
  for (let i = 0; i < count; i += 1) {
    if (item(b[i] as number).ref < item(a[i] as number).ref) {
      const first = b[i] as number;
      b[i] = a[i] as number;
      a[i] = first;
    }
    similarity[i] = Math.round((similarity[i] as number) * 1000) / 1000;
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  order.sort(
    (x, y) =>
      (similarity[y] as number) - (similarity[x] as number) ||
      compare(item(a[x] as number).ref, item(a[y] as number).ref) ||
      compare(item(b[x] as number).ref, item(b[y] as number).ref),
  );
  const pairOf = sharedPairs();
  const pairs = new Array<DuplicatePair>(count);
  const findings = new Array<Finding>(count);
  const flagged = new Set<string>();
  for (let n = 0; n < count; n += 1) {
    const i = order[n] as number;
    const first = item(a[i] as number);
    const second = item(b[i] as number);
    const pair = { a: first.ref, b: second.ref, similarity: similarity[i] as number };
    const shared = index.search.sharedTerms(a[i] as number, b[i] as number, EXPLAINING_TERMS);
    pairs[n] = pair;
    findings[n] = duplicateWorkFinding(pair, first, second, shared, pairOf);
    flagged.add(first.uid);
    flagged.add(second.uid);
  }
  return { pairs, flagged, findings };
}

/**
 * Indexed documents that describe the same work, found by looking up each of `queries` (default:
 * all) once, without the pairs `skip` names. A pair's similarity is the larger of the tickets'
 * cosine and their titles' similarity. Sorted by similarity, best first.
 */
export function flaggedPairs(
  search: SearchIndex,
  settings: DuplicateWorkSettings,
  options: FlaggedPairsOptions = {},
): SimilarPair[] {
  return pairObjects(flaggedPairList(search, settings, options));
}

interface FlaggedPairsOptions {
  queries?: Iterable<number>;
  skip?: (a: number, b: number) => boolean;
  /** Whether a document is open (not done): a done copy is only paired with open ones. Default: all are. */
  isOpen?: (doc: number) => boolean;
}

/** As `flaggedPairs`, in flat arrays. */
function flaggedPairList(
  search: SearchIndex,
  settings: DuplicateWorkSettings,
  options: FlaggedPairsOptions,
): PairList {
  const { skip, isOpen = () => true } = options;
  const sameWorkPair = (a: number, b: number, similarity: number): boolean =>
    // Titles first: `skip` may build strings, and most candidates fail on their similarity.
    sameWork(search.compareTitles(a, b), similarity, settings) && (skip === undefined || !skip(a, b));
  let queried: (doc: number) => boolean = () => true;
  if (options.queries !== undefined) {
    const mask = new Uint8Array(search.size);
    for (const doc of options.queries) mask[doc] = 1;
    queried = (doc) => mask[doc] === 1;
  }
  const copies = copyPairs(search, {
    maxPerDoc: settings.maxPairsPerItem,
    isOpen,
    accept: (a, b) => sameWorkPair(a, b, search.similarity(a, b)),
    queried,
  });
  const { group } = copies;
  const searched = findPairs(search, {
    threshold: Math.min(settings.threshold, CANDIDATE_FLOOR),
    maxPerDoc: settings.maxPairsPerItem,
    ...(options.queries === undefined ? {} : { queries: options.queries }),
    // Copies are paired among themselves (copies.ts), whatever the search kept of them.
    accept: (a, b, similarity) => (group[a] === 0 || group[a] !== group[b]) && sameWorkPair(a, b, similarity),
  });
  const pairs = mergePairs(searched, copies, search);
  const { a, b, similarity } = pairs;
  for (let i = 0; i < pairs.count; i += 1) {
    const titles = search.compareTitles(a[i] as number, b[i] as number).similarity;
    similarity[i] = Math.max(similarity[i] as number, titles);
  }
  return pairs;
}

/** The searched pairs and the copies' pairs, each pair once. */
function mergePairs(searched: PairList, copies: Copies, search: SearchIndex): PairList {
  const seen = new Set<number>();
  const extra: number[] = [];
  for (let i = 0; i < copies.a.length; i += 1) {
    const x = copies.a[i] as number;
    const y = copies.b[i] as number;
    const key = x * search.size + y;
    if (!seen.has(key)) {
      seen.add(key);
      extra.push(i);
    }
  }
  const count = searched.count + extra.length;
  const merged = {
    count,
    a: new Uint32Array(count),
    b: new Uint32Array(count),
    similarity: new Float64Array(count),
  };
  merged.a.set(searched.a.subarray(0, searched.count));
  merged.b.set(searched.b.subarray(0, searched.count));
  merged.similarity.set(searched.similarity.subarray(0, searched.count));
  let at = searched.count;
  for (const i of extra) {
    const x = copies.a[i] as number;
    const y = copies.b[i] as number;
    merged.a[at] = x;
    merged.b[at] = y;
    merged.similarity[at] = search.similarity(x, y);
    at += 1;
  }
  return merged;
}

/**
 * Whether a candidate pair describes the same work: never when their titles are one template filled
 * in twice; otherwise when the tickets are similar enough, or their titles alone are, or both are
 * fairly similar and the titles name the same labelled thing.
 */
function sameWork(titles: TitleComparison, similarity: number, settings: DuplicateWorkSettings): boolean {
  if (titles.contrast) return false;
  if (titles.sharedLabel && similarity >= LABELLED && titles.similarity >= LABELLED) return true;
  return similarity >= settings.threshold || titles.similarity >= settings.titleThreshold;
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
