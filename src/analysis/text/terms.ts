import { isStopWord } from './stop-words.js';
import { stem } from './stem.js';
import { canonicalTerm } from './synonyms.js';
import { tokenize } from './tokenize.js';

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
