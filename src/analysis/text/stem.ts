/**
 * A light English stemmer: removes inflections (plurals, -ed, -ing) and nothing
 * derivational, so "crashes", "crashed" and "crashing" meet at "crash" while "user" and "usage"
 * stay apart. Modelled on the first steps of Porter2; input is one lower-case word.
 */
export function stem(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  return stripVerbEnding(stripPlural(word));
}

const VOWEL = /[aeiouy]/;

function stripPlural(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.length > 4 ? `${w.slice(0, -3)}y` : w.slice(0, -1);
  if (/(?:ch|sh|x|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && VOWEL.test(w.slice(0, -2))) return w.slice(0, -1);
  return w;
}

function stripVerbEnding(w: string): string {
  if (w.endsWith('eed')) return w.length > 4 ? w.slice(0, -1) : w;
  if (w.endsWith('ied')) return w.length > 4 ? `${w.slice(0, -3)}y` : w.slice(0, -1);
  const suffix = w.endsWith('ing') ? 3 : w.endsWith('ed') ? 2 : 0;
  if (suffix === 0) return w;
  const base = w.slice(0, -suffix);
  if (base.length < 2 || !VOWEL.test(base)) return w;
  return restoreBase(base);
}

/** After cutting -ed/-ing: "creat" → "create", "runn" → "run", "us" → "use". */
function restoreBase(base: string): string {
  if (/(?:at|bl|iz)$/.test(base)) return `${base}e`;
  if (/([bdfgmnprt])\1$/.test(base)) return base.slice(0, -1);
  if (isShort(base)) return `${base}e`;
  return base;
}

/** Porter's short word: a short syllable (consonant-vowel-consonant, or vowel-consonant at the start) and nothing before it. */
function isShort(base: string): boolean {
  return /^(?:[^aeiouy][aeiouy][^aeiouwxy]|[aeiouy][^aeiouy])$/.test(base);
}
