import { stem } from './stem.js';
import { isStopWord } from './stop-words.js';

/**
 * Words and phrases an IT analyst reads as the same piece of work, one group per line, the
 * canonical word first. Two tickets rarely describe one job in the same words ("Decommission
 * prd-web-01" / "prd-web-01 no longer needed, switch it off"), and word overlap alone cannot tell
 * such a paraphrase from a near miss that merely names the same host. Kept to everyday IT and
 * retail-IT vocabulary; a word with several common meanings ("move", "update", "port", "remove")
 * stays out ("reduced performance", a Jupyter notebook, Markdown), since mapping it would join
 * unrelated work. Phrases are matched as consecutive words,
 * stop words included; other stop words between them are skipped.
 */
const GROUPS: readonly string[] = [
  'decommission | decom | retire | sunset | shut down | switch off | turn off | power down | power off | no longer needed | no longer required | take out of service',
  'upgrade | bump | upgrade to version | update to version | move to version',
  'migrate | migration | move over',
  'onboard | onboarding | new joiner | new starter | new hire | joiner | set up access',
  'offboard | offboarding | leaver',
  'outage | unavailable | not available | unreachable | not reachable | cannot reach | cannot connect | not responding',
  'freeze | hang | lock up | locks up | locked up | unresponsive',
  'fail | failure | reject | decline | not applied | not accepted | not working | does not work | broken',
  'misaligned | off-centre | off-center | skewed | out of alignment',
  'missing | never arrived | not received | did not arrive | never received',
  'install | fit | mount',
  'promotion | promo | discount | voucher | coupon',
  'sale | discounted | marked down',
  'website | online | storefront | webshop | web shop | e-commerce | ecommerce',
  'price | pricing',
  'payment | pay',
  'loyalty | rewards | reward',
  'wifi | wi-fi | wireless | wlan',
  'certificate | cert',
  'permission | entitlement',
  'licence | license',
];

interface Phrase {
  /** The terms of its words (stop words as they are), in order. */
  words: readonly string[];
  canonical: string;
}

const SINGLE = new Map<string, string>();
const MULTI: Phrase[] = [];
const PHRASE_STOP_WORDS = new Set<string>();

/** A word's term before canonicalisation: its stem, or the word itself for a stop word. */
function rawTerm(word: string): string {
  return isStopWord(word) ? word : stem(word);
}

for (const line of GROUPS) {
  const [canonical, ...others] = line.split('|').map((entry) => entry.trim());
  const target = rawTerm(canonical as string);
  for (const entry of others) {
    // "off-centre" is one token to the tokenizer (a whole identifier); others are word sequences.
    const words = entry.includes(' ') ? entry.split(' ') : [entry];
    if (words.length === 1) SINGLE.set(rawTerm(words[0] as string), target);
    else {
      MULTI.push({ words: words.map(rawTerm), canonical: target });
      for (const word of words) if (isStopWord(word)) PHRASE_STOP_WORDS.add(word);
    }
  }
}

/** The canonical term of a (stemmed) term: "retire" → "decommission"; other terms as they are. */
export function canonicalTerm(term: string): string {
  return SINGLE.get(term) ?? term;
}

/**
 * The phrases of more than one word, with the canonical term each stands for. Their words are
 * given as `termOf` gives them, except stop words, which are given as they are (see
 * `isPhraseStopWord`).
 */
export const PHRASES: readonly Phrase[] = MULTI.map(({ words, canonical }) => ({
  words: words.map((word) => (isStopWord(word) ? word : canonicalTerm(word))),
  canonical,
}));

/** Whether a stop word is part of a phrase, so an indexer must see it (without counting it). */
export function isPhraseStopWord(word: string): boolean {
  return PHRASE_STOP_WORDS.has(word);
}
