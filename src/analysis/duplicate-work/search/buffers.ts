/** The `k`-th largest of `values` (k ≥ 1); sorts `values` in place. */
export function kthLargest(values: Float32Array, k: number): number {
  values.sort();
  return values[Math.max(0, values.length - k)] ?? 0;
}

/** A copy of `array` at least `length` long (double by default), zero-filled past the old values. */
export function growUint32(array: Uint32Array, length = array.length * 2): Uint32Array {
  const next = new Uint32Array(Math.max(length, array.length));
  next.set(array);
  return next;
}

/** Turns counts into running totals in place (counts[i] becomes the sum of counts[0 … i]). */
export function prefixSums(counts: Uint32Array): Uint32Array {
  for (let i = 1; i < counts.length; i += 1) counts[i] = (counts[i] as number) + (counts[i - 1] as number);
  return counts;
}

/**
 * Zeroed typed arrays carved out of one array buffer reserved up front. V8 starts a full
 * collection of the whole heap — at a million items, over a gigabyte of them — whenever array
 * buffers grow by more than 64 MiB since the last one: an index's arrays allocated one after the
 * other set off one collection each, one reservation for all of them only one. Pages never
 * written are never resident, so reserving more than is used costs address space, not memory.
 * An array that no longer fits gets a buffer of its own.
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private used = 0;

  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }

  uint32(length: number): Uint32Array {
    const at = this.take(4 * length);
    return at < 0 ? new Uint32Array(length) : new Uint32Array(this.buffer, at, length);
  }

  uint16(length: number): Uint16Array {
    const at = this.take(2 * length);
    return at < 0 ? new Uint16Array(length) : new Uint16Array(this.buffer, at, length);
  }

  float32(length: number): Float32Array {
    const at = this.take(4 * length);
    return at < 0 ? new Float32Array(length) : new Float32Array(this.buffer, at, length);
  }

  /** The offset of `bytes` bytes, 8-aligned, or −1 when they do not fit. */
  private take(bytes: number): number {
    const at = Math.ceil(this.used / 8) * 8;
    if (at + bytes > this.buffer.byteLength) return -1;
    this.used = at + bytes;
    return at;
  }
}
