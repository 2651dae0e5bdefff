import type { GoalTag, WorkItem } from '../../model/index.js';
import { NONE } from '../../model/index.js';
import type { WeekIndex } from './calendar.js';

/** The goal tags of a run, by item uid. Only the goal is read. */
export type TagLookup = ReadonlyMap<string, Pick<GoalTag, 'goal'>>;

/** The goal an item is tagged with; an item mapping has not tagged counts as `none`. */
export const goalOf = (tags: TagLookup, uid: string): string => tags.get(uid)?.goal ?? NONE;

export type CountedItem = Pick<WorkItem, 'status' | 'updated' | 'changed' | 'resolved'>;

/**
 * When someone last worked on the item, in epoch ms: the last content change (bearing's own
 * write-back moves `updated` but not `changed`), or `updated` where the store has not set it.
 */
export const lastWorked = (item: Pick<WorkItem, 'updated' | 'changed'>): number =>
  Date.parse(item.changed ?? item.updated);

/**
 * When the item was resolved, in epoch ms: `resolved`, or `updated` for a done item whose source
 * gave no resolution time (a closed state without a resolution date), else null.
 */
export function resolvedAt(item: CountedItem): number | null {
  if (item.resolved !== null) return Date.parse(item.resolved);
  return item.status === 'done' ? lastWorked(item) : null;
}

/**
 * The weeks of `index` in which the item counts with its full effort (design.md, "Effort in a
 * week"): the week it was resolved in, and, for an item in progress now, the week of its last
 * update. Only the last update is known, so an item in progress for several weeks counts in the
 * week someone last touched it: with no later update, it was still in progress at that week's end.
 * Returns 0, 1 or 2 positions in `index.spans`, ascending. The result is shared and must not be
 * changed: the common answers (no week, one week) are allocated once per index, which keeps a
 * pass over a million items from feeding the garbage collector.
 */
export function countedWeeks(item: CountedItem, index: WeekIndex): readonly number[] {
  const resolved = resolvedAt(item);
  const a = resolved === null ? -1 : index.indexOf(resolved);
  const b = item.status === 'doing' ? index.indexOf(lastWorked(item)) : -1;
  if (a < 0) return b < 0 ? NO_WEEKS : index.single(b);
  if (b < 0 || b === a) return index.single(a);
  return a < b ? [a, b] : [b, a];
}

const NO_WEEKS: readonly number[] = Object.freeze([]);
