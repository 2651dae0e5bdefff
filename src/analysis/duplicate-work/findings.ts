import type { Finding, WorkItem } from '../../model/index.js';
import type { DuplicatePair } from './find-duplicate-work.js';

/** A `duplicate-work` finding for one pair; its key is the two refs in ascending order. */
export function duplicateWorkFinding(
  pair: DuplicatePair,
  first: WorkItem,
  second: WorkItem,
  sharedTerms: readonly string[],
): Finding {
  const percent = Math.round(pair.similarity * 100);
  const words = sharedTerms.length > 0 ? `; both mention ${sharedTerms.join(', ')}` : '';
  return {
    kind: 'duplicate-work',
    key: `${pair.a}|${pair.b}`,
    items: [pair.a, pair.b],
    summary: `${pair.a} "${first.title}" and ${pair.b} "${second.title}" look like the same work (${percent}% similar${words}).`,
    details: {
      similarity: pair.similarity,
      sharedTerms: [...sharedTerms],
      statuses: [first.status, second.status],
      teams: [first.team, second.team],
    },
  };
}
