import type { Finding, WorkItem } from '../../model/index.js';
import type { DuplicatePair } from './find-duplicate-work.js';

/** A `duplicate-work` finding for one pair; its key is the two refs in ascending order. Keeps `sharedTerms`. */
export function duplicateWorkFinding(
  pair: DuplicatePair,
  first: WorkItem,
  second: WorkItem,
  sharedTerms: string[],
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
      statuses: [first.status, second.status],
      teams: [first.team, second.team],
    },
  };
}
