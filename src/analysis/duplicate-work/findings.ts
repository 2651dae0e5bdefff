import type { Finding, WorkItem } from '../../model/index.js';
import type { DuplicatePair } from './find-duplicate-work.js';

/** Two values as a pair; `Pairs` hands out one shared, frozen array per distinct pair. */
export type PairOf = (x: string, y: string) => readonly string[];

/**
 * One frozen array per distinct pair of values: findings of one run share their statuses and
 * teams pairs (a few dozen distinct ones among hundreds of thousands of findings at a million
 * items), instead of two arrays more each.
 */
export function sharedPairs(): PairOf {
  const pairs = new Map<string, Map<string, readonly string[]>>();
  return (x, y) => {
    let byY = pairs.get(x);
    if (byY === undefined) pairs.set(x, (byY = new Map()));
    let pair = byY.get(y);
    if (pair === undefined) byY.set(y, (pair = Object.freeze([x, y])));
    return pair;
  };
}

/**
 * A `duplicate-work` finding for one pair; its key is the two refs in ascending order. Keeps
 * `sharedTerms`; statuses and teams pairs come from `pairOf`.
 */
export function duplicateWorkFinding(
  pair: DuplicatePair,
  first: WorkItem,
  second: WorkItem,
  sharedTerms: string[],
  pairOf: PairOf,
): Finding {
  const percent = Math.round(pair.similarity * 100);
  const words = sharedTerms.length > 0 ? `; both mention ${sharedTerms.join(', ')}` : '';
  // Flat strings (join): a template literal is a tree of string objects, one per part, and at a
  // million items there are hundreds of thousands of findings.
  const summary = [
    `${pair.a} "`,
    first.title,
    `" and ${pair.b} "`,
    second.title,
    `" look like the same work (${percent}% similar${words}).`,
  ].join('');
  return {
    kind: 'duplicate-work',
    key: [pair.a, pair.b].join('|'),
    items: [pair.a, pair.b],
    summary,
    details: {
      similarity: pair.similarity,
      sharedTerms,
      statuses: pairOf(first.status, second.status),
      teams: pairOf(first.team, second.team),
    },
  };
}
