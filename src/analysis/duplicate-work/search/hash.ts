/** MurmurHash3's 32-bit finaliser: a cheap, well-mixed hash of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of an ordered pair of 32-bit integers. */
export function pairHash(first: number, second: number): number {
  return mix32(Math.imul(first, 0x9e3779b1) ^ mix32(second + 0x7f4a7c15));
}
