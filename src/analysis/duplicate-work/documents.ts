import type { DuplicateWorkSettings, WorkItem } from '../../model/index.js';
import type { SearchDocument, SearchOptions } from './search/index.js';

/** What the search engine reads of a work item: title, text, and its categorical values as tags. */
export function toSearchDocument(item: WorkItem): SearchDocument {
  const tags = [...item.labels, ...item.components];
  if (item.category !== null) tags.push(item.category);
  if (item.businessService !== null) tags.push(item.businessService);
  return { title: item.title, text: item.text, tags };
}

export function searchOptions(settings: DuplicateWorkSettings): SearchOptions {
  const { fieldWeights, maxTextChars, lookupTerms, candidates } = settings;
  return { fieldWeights, maxTextChars, lookupTerms, candidates };
}
