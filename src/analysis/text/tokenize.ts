/**
 * Tokenisation for ticket text. A *chunk* is a run of letters and digits joined by code punctuation
 * (`NullPointerException`, `org.apache.hadoop.fs`, `src/app/index.js`, `ANDROID_NDK`, `3.4.0`); its
 * *tokens* are the lower-case parts (camelCase, snake_case, dotted and slashed names split) plus, for
 * an identifier made of several parts, the whole identifier, which is rarer and therefore telling.
 */

const SEPARATORS = /['._\-/:@#$\\]+/;
/** camelCase boundaries: `fooBar` → foo|Bar, `HTTPServer` → HTTP|Server; digits stay with their letters. */
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

const IDEOGRAPHIC = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
/** A whole identifier longer than this is a URL, a hash or a timestamp: its parts are kept, not the whole. */
const MAX_WHOLE_LENGTH = 40;
/**
 * Digit-only parts longer than this are timestamps (Unix seconds have ten digits), hashes or
 * addresses; shorter ones are kept, since member, order and account numbers name the work.
 */
const MAX_NUMBER_LENGTH = 9;

/** Calls `visit` with every chunk of `text`, in order. */
export function forEachChunk(text: string, visit: (chunk: string) => void): void {
  const scanner = new ChunkScanner(text);
  while (scanner.next()) visit(text.slice(scanner.start, scanner.end));
}

const WORD = /[\p{L}\p{N}]/u;
/** Character classes of ASCII: 1 letter or digit, 2 separator, 0 anything else. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  ASCII_CLASS[code] = /[a-zA-Z0-9]/.test(char) ? 1 : "'._-/:@#$\\".includes(char) ? 2 : 0;
}

/**
 * Finds the chunks of a text by position, without allocating: letters and digits (any script),
 * with `' . _ - / : @ # $ \` allowed between them. After `next()` returns true the chunk is
 * `text.slice(start, end)`.
 */
export class ChunkScanner {
  start = 0;
  end = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  next(): boolean {
    const { text } = this;
    let at = this.end;
    while (at < text.length && this.wordLength(at) === 0) at += 1;
    if (at >= text.length) return false;
    this.start = at;
    for (;;) {
      let step = this.wordLength(at);
      while (step > 0) {
        at += step;
        step = this.wordLength(at);
      }
      let gap = at;
      while (gap < text.length && this.isSeparator(gap)) gap += 1;
      if (gap === at || this.wordLength(gap) === 0) break;
      at = gap;
    }
    this.end = at;
    return true;
  }

  /** UTF-16 length of the letter or digit at `at`, or 0 when there is none. */
  private wordLength(at: number): number {
    const code = this.text.charCodeAt(at);
    if (code < 128) return ASCII_CLASS[code] === 1 ? 1 : 0;
    if (Number.isNaN(code)) return 0;
    const point = this.text.codePointAt(at) as number;
    const length = point > 0xffff ? 2 : 1;
    return WORD.test(String.fromCodePoint(point)) ? length : 0;
  }

  private isSeparator(at: number): boolean {
    const code = this.text.charCodeAt(at);
    return code < 128 && ASCII_CLASS[code] === 2;
  }
}

/** The lower-case tokens of one chunk (see the module comment). */
export function chunkTokens(chunk: string): string[] {
  const tokens: string[] = [];
  if (isPlainWord(chunk)) {
    pushToken(chunk, tokens);
    return tokens;
  }
  const segments = chunk.split(SEPARATORS);
  for (const segment of segments) {
    const parts = segment.split(CAMEL);
    for (const part of parts) {
      if (IDEOGRAPHIC.test(part)) pushBigrams(part, tokens);
      else pushToken(part.toLowerCase(), tokens);
    }
    if (parts.length > 1) pushWhole(segment, tokens);
  }
  if (segments.length > 1 && !chunk.includes("'")) pushWhole(chunk, tokens);
  return tokens;
}

/** Lower-case ASCII letters and digits only: the common case, which needs no splitting. */
function isPlainWord(chunk: string): boolean {
  for (let i = 0; i < chunk.length; i += 1) {
    const code = chunk.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** One-letter tokens say nothing; one digit may name a till, a floor or a wave. */
function pushToken(token: string, tokens: string[]): void {
  if (token.length < 2 && !isDigit(token)) return;
  if (token.length > MAX_NUMBER_LENGTH && /^\p{N}+$/u.test(token)) return;
  tokens.push(token);
}

function isDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** Whole identifiers start with a letter: `2021-09-08T00:21` is a time, not a name. */
function pushWhole(identifier: string, tokens: string[]): void {
  if (identifier.length <= MAX_WHOLE_LENGTH && /^\p{L}/u.test(identifier))
    tokens.push(identifier.toLowerCase());
}

/**
 * Chinese and Japanese write without spaces, so a "part" is a whole phrase; overlapping character
 * pairs are the usual cheap stand-in for words.
 */
function pushBigrams(part: string, tokens: string[]): void {
  const chars = Array.from(part);
  if (chars.length === 1) tokens.push(part);
  for (let i = 0; i + 1 < chars.length; i += 1) tokens.push(`${chars[i]}${chars[i + 1]}`);
}

/** All tokens of `text`, in order. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachChunk(text, (chunk) => {
    for (const token of chunkTokens(chunk)) tokens.push(token);
  });
  return tokens;
}
