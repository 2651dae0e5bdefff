import { BearingError } from '../core/errors.js';
import { uidPrefixOf, type WorkItem } from '../model/work-item.js';
import type { PageCommit } from './store.js';

const KEY_FIELDS = ['uid', 'source', 'scope', 'ref', 'key', 'id', 'updated'] as const;

/**
 * What every store's columns and look-ups rely on, checked before any of a page is written: the key
 * fields are strings, and the uid starts with its source (a source's items are found by that
 * prefix). A connector that broke it would otherwise fail the page with the database's own words
 * ("cannot be bound", "null value in column") or leave the item out of its source's listings.
 */
export function checkStorable(page: PageCommit): void {
  for (const { item } of page.items) {
    const fields = item as unknown as Record<string, unknown>;
    const missing = KEY_FIELDS.find((field) => typeof fields[field] !== 'string');
    if (missing !== undefined) throw refused(item, `has no ${missing} (a string)`);
    if (!item.uid.startsWith(uidPrefixOf(item.source)))
      throw refused(item, `of ${item.source} has a uid not starting "${uidPrefixOf(item.source)}"`);
  }
}

function refused(item: WorkItem, why: string): BearingError {
  const name = typeof item.uid === 'string' ? item.uid : JSON.stringify(item.ref ?? null);
  return new BearingError('fatal', `store: item ${name} ${why}; its page was not stored`);
}
