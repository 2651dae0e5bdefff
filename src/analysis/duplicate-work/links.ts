import type { WorkItem } from '../../model/index.js';

const SKIPPED_LINKS = new Set(['duplicate', 'parent', 'child']);

/** A key for an unordered pair of refs. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Pairs already known to be duplicates or parent and child, from either side: Jira duplicate and
 * hierarchy links, and the `parent` / `epic` fields. Such pairs are never reported again.
 */
export function linkedPairs(items: Iterable<WorkItem>): Set<string> {
  const linked = new Set<string>();
  for (const item of items) {
    for (const link of item.links) {
      if (SKIPPED_LINKS.has(link.type)) linked.add(pairKey(item.ref, link.target));
    }
    if (item.parent !== null) linked.add(pairKey(item.ref, item.parent));
    if (item.epic !== null) linked.add(pairKey(item.ref, item.epic));
  }
  return linked;
}
