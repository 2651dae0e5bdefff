import { isStopWord } from './stop-words.js';
import { stem } from './stem.js';
import { canonicalTerm, isPhraseStopWord } from './synonyms.js';
import { chunkTokens, tokenize } from './tokenize.js';

/** The index term for a token: its stem, or its group's word for a synonym (see synonyms.ts), or null for a stop word. */
export function termOf(token: string): string | null {
  return isStopWord(token) ? null : canonicalTerm(stem(token));
}

/** The index terms of `text`, in order: tokenised, stop words dropped, stemmed. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = termOf(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * The terms of one chunk (see tokenize.ts) for an indexer that matches phrases: stop words that
 * are part of a phrase come through as they are (the indexer sees them but counts them not), and a
 * hyphenated synonym ("off-centre", "wi-fi") stands for the whole chunk, without its parts.
 */
export function chunkTerms(chunk: string): string[] {
  const tokens = chunkTokens(chunk);
  const whole = tokens.at(-1);
  if (tokens.length > 1 && whole === chunk.toLowerCase()) {
    const term = termOf(whole);
    if (term !== null && term !== stem(whole)) return [term];
  }
  const terms: string[] = [];
  for (const token of tokens) {
    const term = termOf(token) ?? (isPhraseStopWord(token) ? token : null);
    if (term !== null) terms.push(term);
  }
  return terms;
}
