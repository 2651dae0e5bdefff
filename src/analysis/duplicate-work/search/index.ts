export { SearchIndex, type SearchOptions, type Neighbour } from './search-index.js';
export { expectedSize, type SearchDocument, type CorpusSize } from './corpus.js';
export type { FieldWeights } from './weights.js';
export {
  findPairs,
  pairObjects,
  similarPairs,
  type PairList,
  type SimilarPair,
  type PairSearch,
} from './pairs.js';
export type { TitleComparison } from './titles.js';
