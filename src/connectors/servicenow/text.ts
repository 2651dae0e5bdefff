/**
 * Plain text from ServiceNow text columns (pure). Rich-text columns hold HTML; journal columns
 * (comments, work notes) come back, when display values are asked for, as the whole journal with a
 * header line per entry. The result keeps paragraph breaks and is bounded, so one huge record cannot
 * blow up the store or the text analysis.
 */

/** Longest text bearing keeps per item. */
export const TEXT_LIMIT = 20_000;
/** Input beyond this is not even looked at (a few times the limit leaves room for markup). */
const INPUT_LIMIT = TEXT_LIMIT * 5;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
};

/** Decodes named and numeric character references; unknown names and invalid code points stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = 'p|div|h[1-6]|ul|ol|table|blockquote|pre|section|article|header|footer';

/**
 * HTML to plain text: drops scripts, styles and comments, turns block ends and `<br>` into line
 * breaks and paragraphs into blank-line breaks, strips the remaining tags, decodes entities and tidies
 * whitespace. Not a sanitizer for display: its output is only ever treated as text.
 */
export function htmlToText(html: string): string {
  // Without markup or character references there is nothing but whitespace to change (most records).
  if (!html.includes('<') && !html.includes('&')) return tidy(html.slice(0, INPUT_LIMIT));
  const text = html
    .slice(0, INPUT_LIMIT)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/tr\s*>/gi, '\n')
    .replace(/<\/?(?:td|th)\b[^>]*>/gi, ' ')
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<[^>]*>/g, '');
  return tidy(decodeEntities(text));
}

/** Anything `tidy` would change; most titles and descriptions have none, and are returned as they are. */
const UNTIDY = /\r|[\t\f\v\u00a0]| {2}| \n|\n |\n{3}|^\s|\s$/;

/** Normalizes line endings and spaces, and keeps at most one blank line between paragraphs. */
export function tidy(text: string): string {
  if (!UNTIDY.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A journal as the Table API prints it with display values: entries newest first, each
 * `<time> - <author> (Additional comments|Work notes)` followed by its text. The header lines carry
 * nothing about the work, so only the entries' text is kept, one paragraph each.
 */
export function journalToText(journal: string): string {
  if (journal === '') return '';
  return tidy(
    journal
      .slice(0, INPUT_LIMIT)
      .split(/\r?\n/)
      .filter((line) => !/^.{0,80} - .{0,200}\((?:Additional comments|Work notes|Comments)\)\s*$/.test(line))
      .join('\n'),
  );
}

/** Longest title bearing keeps (short_description is 160 by default; a title is never a document). */
export const TITLE_LIMIT = 1_000;

/** A title bounded to TITLE_LIMIT characters, without splitting a surrogate pair. */
export function boundTitle(title: string): string {
  if (title.length <= TITLE_LIMIT) return title;
  return `${title.slice(0, TITLE_LIMIT - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** Joins text parts with blank lines and bounds the result to TEXT_LIMIT characters. */
export function joinText(parts: readonly string[]): string {
  const text = parts.filter((p) => p !== '').join('\n\n');
  return text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`;
}
