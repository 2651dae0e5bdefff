import { termOf } from './terms.js';

/**
 * Words that say how a ticket was filed rather than what work it is: the verbs a story title
 * opens with ("Add …", "Provide …", "Implement …") and urgency markers. Two titles that differ
 * only in these name the same work.
 */
const GENERIC_WORDS =
  'add build implement introduce deliver support enable create provide develop urgent asap please help need';

const GENERIC_TERMS: ReadonlySet<string> = new Set(
  GENERIC_WORDS.split(' ').map((word) => termOf(word) ?? word),
);

/** Whether an index term (a stem, as `termOf` gives) is a generic word. */
export function isGenericTerm(term: string): boolean {
  return GENERIC_TERMS.has(term);
}

/**
 * Words that name a stage or container of a piece of work rather than another piece of work: the
 * demand "X", the epic "X" and the project "X: delivery" are one initiative. They still count
 * towards two titles' similarity, but a title with one of them more is no different work.
 */
const PHASE_WORDS =
  'delivery rollout implementation programme program project phase workstream initiative kickoff';

const PHASE_TERMS: ReadonlySet<string> = new Set(PHASE_WORDS.split(' ').map((word) => termOf(word) ?? word));

/** Whether an index term (a stem, as `termOf` gives) names a stage or container of work. */
export function isPhaseTerm(term: string): boolean {
  return PHASE_TERMS.has(term);
}
