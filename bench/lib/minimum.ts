/**
 * The fewest API calls the real services allow for what bearing does (../shared/api-facts.md §10):
 * the yardstick every call count in bench/ is divided by.
 */

/** Jira Cloud caps: content search pages, ids-only pages, bulkfetch, bulk edit. */
export const JIRA = {
  contentPage: 100,
  idsPage: 5000,
  /** bulkfetch with only single-valued fields named; 100 otherwise. */
  bulkfetchSingleValued: 1000,
  bulkfetchMultiValued: 100,
  bulkEdit: 1000,
} as const;

const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));

/**
 * A full Jira pull of scopes of the given sizes: the cheaper of content search at the page cap and
 * ids-only pages plus bulkfetch. bearing reads labels and components, which count as multi-valued
 * for bulkfetch, so its bulkfetch cap is 100 (§10.1) unless `singleValuedOnly`.
 */
export function jiraPullMinimum(scopeSizes: readonly number[], singleValuedOnly = false): number {
  const fetchCap = singleValuedOnly ? JIRA.bulkfetchSingleValued : JIRA.bulkfetchMultiValued;
  let total = 0;
  for (const n of scopeSizes) {
    const content = pages(n, JIRA.contentPage);
    const idsThenFetch = pages(n, JIRA.idsPage) + (n === 0 ? 0 : Math.ceil(n / fetchCap));
    total += Math.min(content, idsThenFetch);
  }
  return total;
}

/** A ServiceNow pull: keyset pages of `pageSize` per table (one even when empty). */
export function serviceNowPullMinimum(tableSizes: readonly number[], pageSize: number): number {
  return tableSizes.reduce((sum, n) => sum + pages(n, pageSize), 0);
}

/** What one item's write sets: the three fields' values. Flags compare as a set. */
export interface FieldValues {
  score: number;
  goal: string;
  flags: readonly string[];
  /** The fields this write sets; all three when absent. */
  fields?: readonly ('score' | 'goal' | 'flags')[];
}

/**
 * Jira bulk edits a set of writes needs at least: one edit applies one value to up to 1,000 issues,
 * so Σ over fields and values of ceil(issues with that value / 1,000).
 */
export function bulkEditMinimum(writes: Iterable<FieldValues>): number {
  const groups = new Map<string, number>();
  const bump = (key: string): void => void groups.set(key, (groups.get(key) ?? 0) + 1);
  for (const w of writes) {
    const fields = w.fields ?? ['score', 'goal', 'flags'];
    if (fields.includes('score')) bump(`score:${w.score}`);
    if (fields.includes('goal')) bump(`goal:${w.goal}`);
    if (fields.includes('flags')) bump(`flags:${[...w.flags].sort().join(',')}`);
  }
  let total = 0;
  for (const n of groups.values()) total += Math.ceil(n / JIRA.bulkEdit);
  return total;
}

/** Seconds the calls need at least under a rate limit of `perSecond`. */
export const rateBoundSeconds = (calls: number, perSecond: number): number => calls / perSecond;
