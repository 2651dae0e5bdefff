export { ChunkScanner, forEachChunk, chunkTokens, tokenize } from './tokenize.js';
export { Utf8ChunkScanner } from './utf8-chunks.js';
export { isStopWord } from './stop-words.js';
export { stem } from './stem.js';
export { termOf, analyze } from './terms.js';
export { isGenericTerm, isPhaseTerm } from './generic-words.js';
export { PHRASES, isPhraseStopWord } from './synonyms.js';
