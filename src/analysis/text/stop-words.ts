/**
 * English stop words: function words that say nothing about what a ticket is about. Kept short on
 * purpose; corpus statistics (idf) discount the rest of the common words.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each few for ' +
    'from further had hadn has hasn have haven having he her here hers herself him himself his how i if in ' +
    'into is isn it its itself just let me more most mustn my myself no nor not now of off on once only or ' +
    'other ought our ours ourselves out over own same shan she should shouldn so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up upon us ' +
    'very was wasn we were weren what when where which while who whom why will with won would wouldn you ' +
    'your yours yourself yourselves also etc eg ie via per within without us ll ve re'
  ).split(' '),
);

/** Whether `word` (lower-case) is an English stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
