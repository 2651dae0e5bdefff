/**
 * The chunks of tokenize.ts found over UTF-8 bytes instead of a string: the fast path for indexing
 * millions of tickets, where making a substring per word costs more than everything else.
 */

/** Per code point: 0 not yet known, 1 letter or digit, 2 separator, 3 anything else. */
const CLASS = new Uint8Array(0x10000);
const WORD = /[\p{L}\p{N}]/u;
const SEPARATOR_CHARS = "'._-/:@#$\\";

/** ASCII classes, with bytes ≥ 0x80 (the lead and tail bytes of other characters) as 3. */
const ASCII = new Uint8Array(256).fill(3);
for (let code = 0; code < 128; code += 1) ASCII[code] = classOf(code);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function classOf(point: number): number {
  if (point > 0xffff) return WORD.test(String.fromCodePoint(point)) ? 1 : 3;
  let value = CLASS[point] as number;
  if (value === 0) {
    const char = String.fromCharCode(point);
    value = WORD.test(char) ? 1 : SEPARATOR_CHARS.includes(char) ? 2 : 3;
    CLASS[point] = value;
  }
  return value;
}

/**
 * Finds chunks in UTF-8 bytes (see ChunkScanner). After `next()` returns true the chunk is
 * `bytes[start, end)`, with its FNV-1a hash in `hash`.
 */
export class Utf8ChunkScanner {
  start = 0;
  end = 0;
  hash = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private length = 0;
  /** Byte length of the character classified last. */
  private width = 1;

  /** Scans `bytes[0, length)` from the start. */
  reset(bytes: Uint8Array, length: number): void {
    this.bytes = bytes;
    this.length = length;
    this.start = 0;
    this.end = 0;
  }

  next(): boolean {
    const { bytes, length } = this;
    let at = this.end;
    while (at < length) {
      const byte = bytes[at] as number;
      if (byte < 0x80) {
        if (ASCII[byte] === 1) break;
        at += 1;
      } else {
        if (this.classAt(at) === 1) break;
        at += this.width;
      }
    }
    if (at >= length) return false;
    this.start = at;
    let hash = FNV_OFFSET;
    for (;;) {
      while (at < length) {
        const byte = bytes[at] as number;
        if (byte < 0x80) {
          if (ASCII[byte] !== 1) break;
          hash = Math.imul(hash ^ byte, FNV_PRIME);
          at += 1;
        } else {
          if (this.classAt(at) !== 1) break;
          for (const end = at + this.width; at < end; at += 1)
            hash = Math.imul(hash ^ (bytes[at] as number), FNV_PRIME);
        }
      }
      let gap = at;
      let gapHash = hash;
      while (gap < length && ASCII[bytes[gap] as number] === 2) {
        gapHash = Math.imul(gapHash ^ (bytes[gap] as number), FNV_PRIME);
        gap += 1;
      }
      if (gap === at || gap >= length || !this.isWordAt(gap)) break;
      at = gap;
      hash = gapHash;
    }
    this.end = at;
    this.hash = hash >>> 0;
    return true;
  }

  private isWordAt(at: number): boolean {
    const byte = this.bytes[at] as number;
    return byte < 0x80 ? ASCII[byte] === 1 : this.classAt(at) === 1;
  }

  /** Class of the character starting at byte `at`; sets `width` to its byte length. */
  private classAt(at: number): number {
    const bytes = this.bytes;
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      this.width = 1;
      return classOf(lead);
    }
    let point: number;
    if (lead >= 0xf0) {
      this.width = 4;
      point =
        ((lead & 0x07) << 18) |
        (((bytes[at + 1] as number) & 0x3f) << 12) |
        (((bytes[at + 2] as number) & 0x3f) << 6) |
        ((bytes[at + 3] as number) & 0x3f);
    } else if (lead >= 0xe0) {
      this.width = 3;
      point =
        ((lead & 0x0f) << 12) |
        (((bytes[at + 1] as number) & 0x3f) << 6) |
        ((bytes[at + 2] as number) & 0x3f);
    } else if (lead >= 0xc0) {
      this.width = 2;
      point = ((lead & 0x1f) << 6) | ((bytes[at + 1] as number) & 0x3f);
    } else {
      this.width = 1;
      return 3;
    }
    return classOf(point);
  }
}
