import type { DuplicateWorkSettings, WorkItem } from '../../model/index.js';
import { searchOptions, toSearchDocument } from './documents.js';
import { expectedSize, SearchIndex, type SearchDocument } from './search/index.js';

/** An item ranked against another, by ref. */
export interface RankedItem {
  ref: string;
  similarity: number;
}

/** A search index over work items, addressed by ref. */
export interface WorkItemIndex {
  readonly items: readonly WorkItem[];
  readonly search: SearchIndex;
  /** The `k` items most similar to `ref` (itself excluded), best first; empty for an unknown ref. */
  topK(ref: string, k: number): RankedItem[];
}

/** Indexes `items` in the order given (document i is items[i]). */
export function indexWorkItems(items: readonly WorkItem[], settings: DuplicateWorkSettings): WorkItemIndex {
  let characters = 0;
  for (const item of items)
    characters += item.title.length + Math.min(item.text.length, settings.maxTextChars);
  const expected = expectedSize(items.length, characters);
  const search = new SearchIndex(documentsOf(items), searchOptions(settings), expected);
  // Built on the first lookup by ref: finding duplicate work never needs it, and at a million
  // items the map is tens of megabytes of heap, enough to set off a full collection.
  let position: Map<string, number> | undefined;
  return {
    items,
    search,
    topK(ref, k) {
      position ??= new Map(items.map((item, i) => [item.ref, i]));
      const doc = position.get(ref);
      if (doc === undefined) return [];
      return search
        .neighbours(doc, k)
        .map(({ doc: other, similarity }) => ({ ref: (items[other] as WorkItem).ref, similarity }));
    },
  };
}

/** One document at a time, so a million of them never live at once. */
function* documentsOf(items: readonly WorkItem[]): Generator<SearchDocument> {
  for (const item of items) yield toSearchDocument(item);
}
