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
