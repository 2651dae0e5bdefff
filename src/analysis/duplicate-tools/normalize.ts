/**
 * How text is read for tool names: whole words of ASCII letters and digits, case ignored, accents
 * folded ("Lokalisé" = "lokalise"), any run of other characters one word break ("MS-Teams" = "ms
 * teams", "draw.io" = "draw io", "can't" = "can t").
 */

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING = /[\u0300-\u036f]/g;

/** Text with accents folded; ASCII text is returned as it is, without copying. */
export function fold(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFD').replace(COMBINING, '') : text;
}

/**
 * Whether a UTF-16 code unit belongs to a word. Non-ASCII letters (Cyrillic, CJK, …) are word
 * characters that no catalog name contains; Latin-1 symbols, general punctuation, arrows, box
 * drawing, CJK punctuation and surrogate halves (emoji) break words.
 */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return !(
    c < 0xc0 ||
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2000 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xfe00 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff0f)
  );
}

/** The words of a phrase, lower-case and folded, one space between: the form names are compared in. */
export function phraseKey(phrase: string): string {
  const folded = fold(phrase).toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const word = i < folded.length && isWordCode(folded.charCodeAt(i));
    if (word && start < 0) start = i;
    if (!word && start >= 0) {
      words.push(folded.slice(start, i));
      start = -1;
    }
  }
  return words.join(' ');
}
