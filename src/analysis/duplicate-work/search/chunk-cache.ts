import { growUint32 } from './buffers.js';

/**
 * Chunk (as UTF-8 bytes) → term ids, so a chunk seen before (most are) costs a hash probe and a
 * byte compare, with no string made. Two generations keep it small without forgetting common
 * words: when the young table is full it becomes the old one and a new young table starts;
 * chunks found only in the old table move to the young one. Ids and timestamps, seen once, age
 * out; the words of everyday tickets stay.
 */
export class ChunkCache {
  private young = new ChunkTable();
  private old: ChunkTable | undefined;
  private readonly limit: number;

  /** `limit` entries per generation. */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** The record of `bytes[start, end)`, or −1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const record = this.young.find(bytes, start, end, hash);
    if (record >= 0 || this.old === undefined) return record;
    const aged = this.old.find(bytes, start, end, hash);
    if (aged < 0) return -1;
    const terms = Array.from(
      { length: this.old.termCount(aged) },
      (_, i) => this.old?.term(aged, i) as number,
    );
    return this.add(bytes, start, end, hash, terms);
  }

  /** Adds a chunk not in the cache; returns its record. */
  add(bytes: Uint8Array, start: number, end: number, hash: number, terms: readonly number[]): number {
    if (this.young.size >= this.limit) {
      // The generation aged out gives its (full-sized) arrays to the new one: fresh array buffers
      // of this size would each set off a full collection of a large heap.
      const recycled = this.old;
      this.old = this.young;
      this.young = recycled?.clear() ?? new ChunkTable();
    }
    return this.young.add(bytes, start, end, hash, terms);
  }

  /** How many terms the chunk of `record` has. */
  termCount(record: number): number {
    return this.young.termCount(record);
  }

  /** The `i`-th term of the chunk of `record`. */
  term(record: number, i: number): number {
    return this.young.term(record, i);
  }
}

/**
 * Slot records of eight int32s — hash, used, byte length, first eight bytes, a term (or where the
 * terms are), term count, where the bytes past the eighth are — so a lookup of a short chunk reads
 * one cache line. Records move when the table grows: use a record before the next `add`.
 */
const RECORD = 8;
const HASH = 0;
const USED = 1;
const LENGTH = 2;
const HEAD = 3;
const TAIL = 4;
const TERMS = 5;
const COUNT = 6;
const REST = 7;
/** Bytes kept in the record itself. */
const INLINE = 8;

/** One generation: open addressing over one Int32Array of records, long keys and term lists in pools. */
class ChunkTable {
  size = 0;
  private slots = new Int32Array(RECORD << 12);
  private rest = new Uint8Array(1 << 12);
  private restLength = 0;
  private terms: Uint32Array = new Uint32Array(1 << 12);
  private termsLength = 0;

  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots } = this;
    const mask = slots.length / RECORD - 1;
    const signed = hash | 0;
    const length = end - start;
    const head = word(bytes, start, end);
    const tail = word(bytes, start + 4, end);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const record = slot * RECORD;
      if (slots[record + USED] === 0) return -1;
      if (
        slots[record + HASH] === signed &&
        slots[record + LENGTH] === length &&
        slots[record + HEAD] === head &&
        slots[record + TAIL] === tail &&
        (length <= INLINE || this.restEquals(record, bytes, start + INLINE, end))
      ) {
        return record;
      }
    }
  }

  add(bytes: Uint8Array, start: number, end: number, hash: number, terms: readonly number[]): number {
    if (2 * (this.size + 1) > this.slots.length / RECORD) this.grow();
    this.size += 1;
    const record = this.freeRecord(hash);
    const { slots } = this;
    slots[record + HASH] = hash | 0;
    slots[record + USED] = 1;
    slots[record + LENGTH] = end - start;
    slots[record + HEAD] = word(bytes, start, end);
    slots[record + TAIL] = word(bytes, start + 4, end);
    slots[record + COUNT] = terms.length;
    if (terms.length === 1) slots[record + TERMS] = terms[0] as number;
    else {
      if (this.termsLength + terms.length > this.terms.length) {
        this.terms = growUint32(this.terms, 2 * (this.termsLength + terms.length));
      }
      slots[record + TERMS] = this.termsLength;
      for (const term of terms) this.terms[this.termsLength++] = term;
    }
    if (end - start > INLINE) {
      const extra = end - start - INLINE;
      if (this.restLength + extra > this.rest.length) {
        const rest = new Uint8Array(2 * (this.restLength + extra));
        rest.set(this.rest);
        this.rest = rest;
      }
      slots[record + REST] = this.restLength;
      this.rest.set(bytes.subarray(start + INLINE, end), this.restLength);
      this.restLength += extra;
    }
    return record;
  }

  termCount(record: number): number {
    return this.slots[record + COUNT] as number;
  }

  /** Empties the table, keeping its capacity. */
  clear(): this {
    this.slots.fill(0);
    this.size = 0;
    this.restLength = 0;
    this.termsLength = 0;
    return this;
  }

  term(record: number, i: number): number {
    const at = this.slots[record + TERMS] as number;
    return this.slots[record + COUNT] === 1 ? at : (this.terms[at + i] as number);
  }

  private restEquals(record: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.slots[record + REST] as number;
    for (let i = 0; i < end - start; i += 1) if (this.rest[from + i] !== bytes[start + i]) return false;
    return true;
  }

  /** The first empty record on `hash`'s probe path. */
  private freeRecord(hash: number): number {
    const mask = this.slots.length / RECORD - 1;
    let slot = hash & mask;
    while (this.slots[slot * RECORD + USED] !== 0) slot = (slot + 1) & mask;
    return slot * RECORD;
  }

  /** Doubles the table, moving every record to its place in the new one. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let record = 0; record < old.length; record += RECORD) {
      if (old[record + USED] === 0) continue;
      const target = this.freeRecord(old[record + HASH] as number);
      this.slots.set(old.subarray(record, record + RECORD), target);
    }
  }
}

/** Bytes `from … from + 3` (those before `end`) as one little-endian int32, zeros past the end. */
function word(bytes: Uint8Array, from: number, end: number): number {
  let value = 0;
  for (let i = Math.min(end, from + 4) - 1; i >= from; i -= 1) value = (value << 8) | (bytes[i] as number);
  return value;
}
