export { ChunkScanner, forEachChunk, chunkTokens, tokenize } from './tokenize.js';
export { Utf8ChunkScanner } from './utf8-chunks.js';
export { isStopWord } from './stop-words.js';
export { stem } from './stem.js';
export { termOf, analyze, chunkTerms } from './terms.js';
export { isGenericTerm, isNumberingTerm } from './generic-words.js';
export { PHRASES } from './synonyms.js';
