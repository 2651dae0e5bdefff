import { termOf } from './terms.js';

/**
 * Words that say how a ticket was filed rather than what work it is: the verbs a story title
 * opens with ("Add …", "Provide …", "Implement …"), urgency markers, and the stage or container
 * of a piece of work (the demand "X", the epic "X" and the project "X: delivery" are one
 * initiative). Two titles that differ only in these name the same work.
 */
const GENERIC_WORDS =
  'add build implement introduce deliver support enable create provide develop urgent asap please help need ' +
  'delivery rollout implementation programme program project phase workstream initiative kickoff';

const GENERIC_TERMS: ReadonlySet<string> = new Set(
  GENERIC_WORDS.split(' ').map((word) => termOf(word) ?? word),
);

/** Whether an index term (a stem, as `termOf` gives) is a generic word. */
export function isGenericTerm(term: string): boolean {
  return GENERIC_TERMS.has(term);
}

/**
 * Generic words a number after labels rather than counts: "phase 2" names one phase of the work,
 * so "X (phase 2)" is other work than "X", where "Add 2 …" counts.
 */
const NUMBERING_TERMS: ReadonlySet<string> = new Set(
  'phase stage wave sprint release version step part round iteration'
    .split(' ')
    .map((word) => termOf(word) ?? word),
);

/** Whether a number after this index term names one of a series (a phase, a wave). */
export function isNumberingTerm(term: string): boolean {
  return NUMBERING_TERMS.has(term);
}
