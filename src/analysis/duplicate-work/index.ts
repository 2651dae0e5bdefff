export {
  findDuplicateWork,
  flaggedPairs,
  type DuplicatePair,
  type DuplicateWorkResult,
} from './find-duplicate-work.js';
export { indexWorkItems, type WorkItemIndex, type RankedItem } from './work-item-index.js';
export { toSearchDocument, searchOptions } from './documents.js';
export {
  SearchIndex,
  similarPairs,
  type SearchDocument,
  type SearchOptions,
  type Neighbour,
} from './search/index.js';
