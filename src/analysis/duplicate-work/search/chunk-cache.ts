import { growUint32 } from './buffers.js';

/**
 * Chunk (as UTF-8 bytes) → term ids, so a chunk seen before (most are) costs a hash probe and a
 * byte compare, with no string made. Open addressing over typed arrays; keys and term ids of all
 * entries live in two pools.
 */
export class ChunkCache {
  /** Pairs (hash, entry + 1) by slot; 0 marks an empty slot. */
  private slots = new Int32Array(2 << 12);
  private size = 0;
  private hashes: Uint32Array = new Uint32Array(1 << 11);
  private keyFrom: Uint32Array = new Uint32Array(1 << 11);
  private termFrom: Uint32Array = new Uint32Array(1 << 11);
  private keys = new Uint8Array(1 << 16);
  private keysLength = 0;
  private terms: Uint32Array = new Uint32Array(1 << 14);
  private termsLength = 0;
  private readonly limit: number;

  /** Past `limit` entries the cache starts over, so ids and timestamps cannot fill memory. */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** The entry holding `bytes[start, end)`, or −1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const signed = hash | 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[2 * slot + 1] as number) - 1;
      if (entry < 0) return -1;
      if (slots[2 * slot] === signed && this.keyEquals(entry, bytes, start, end)) return entry;
    }
  }

  add(bytes: Uint8Array, start: number, end: number, hash: number, terms: readonly number[]): number {
    if (this.size >= this.limit) this.clear();
    if (this.size + 2 > this.slots.length >> 2) this.rehash(this.slots.length);
    const entry = this.size++;
    if (entry + 1 >= this.hashes.length) {
      this.hashes = growUint32(this.hashes);
      this.keyFrom = growUint32(this.keyFrom);
      this.termFrom = growUint32(this.termFrom);
    }
    if (this.keysLength + end - start > this.keys.length) {
      const keys = new Uint8Array(2 * (this.keysLength + end - start));
      keys.set(this.keys);
      this.keys = keys;
    }
    if (this.termsLength + terms.length > this.terms.length) {
      this.terms = growUint32(this.terms, 2 * (this.termsLength + terms.length));
    }
    this.hashes[entry] = hash;
    this.keyFrom[entry] = this.keysLength;
    this.keys.set(bytes.subarray(start, end), this.keysLength);
    this.keysLength += end - start;
    this.keyFrom[entry + 1] = this.keysLength;
    this.termFrom[entry] = this.termsLength;
    for (const term of terms) this.terms[this.termsLength++] = term;
    this.termFrom[entry + 1] = this.termsLength;
    this.place(entry);
    return entry;
  }

  /** Entry `entry`'s term ids are `termAt(i)` for i in `[termsFrom(entry), termsFrom(entry + 1))`. */
  termsFrom(entry: number): number {
    return this.termFrom[entry] as number;
  }

  termAt(at: number): number {
    return this.terms[at] as number;
  }

  private keyEquals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.keyFrom[entry] as number;
    if ((this.keyFrom[entry + 1] as number) - from !== end - start) return false;
    for (let i = 0; i < end - start; i += 1) if (this.keys[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private place(entry: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const hash = this.hashes[entry] as number;
    let slot = hash & mask;
    while ((slots[2 * slot + 1] as number) !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash | 0;
    slots[2 * slot + 1] = entry + 1;
  }

  /** Doubles the table (`length` is its current length in int32s). */
  private rehash(length: number): void {
    this.slots = new Int32Array(2 * length);
    for (let entry = 0; entry < this.size; entry += 1) this.place(entry);
  }

  private clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.keysLength = 0;
    this.termsLength = 0;
  }
}
