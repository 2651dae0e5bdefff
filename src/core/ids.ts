import { hash, randomUUID } from 'node:crypto';

/** A new run id: sortable by time, unique across replicas. */
export function newRunId(nowMs: number): string {
  return `${new Date(nowMs).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
}

/**
 * Stable SHA-256 hex of a value, with object keys sorted so equal data hashes equal. Top-level keys in
 * `omit` are left out, as if the value had been copied without them.
 */
export function stableHash(value: unknown, omit?: ReadonlySet<string>): string {
  return hash('sha256', stableStringify(value, omit), 'hex');
}

/**
 * JSON with object keys in code-unit order and undefined members left out, so equal values give
 * equal strings. Stored content hashes depend on these exact bytes: change the output and every
 * item looks changed once. Top-level keys in `omit` are left out; nested ones with the same names are
 * kept.
 *
 * The items sync hashes are built with their keys in that order already, and for such a value
 * JSON.stringify writes the same bytes in a fraction of the time (and of the garbage); checking that
 * it does costs a walk without building strings. Anything else goes through `sortedStringify`.
 */
export function stableStringify(value: unknown, omit?: ReadonlySet<string>): string {
  if (!writtenAlikeByJson(value, omit)) return sortedStringify(value, omit);
  if (omit === undefined || !isRecord(value)) return JSON.stringify(value);
  // Undefined members are left out by JSON.stringify too; a shallow copy leaves the caller's value alone.
  const kept = { ...value };
  for (const key of omit) if (kept[key] !== undefined) kept[key] = undefined;
  return JSON.stringify(kept);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether JSON.stringify writes `value` (without its top-level `omit` keys) as `sortedStringify`
 * does: only JSON's own types, plain objects (no Date, boxed primitive or class, whose toJSON or
 * prototype JSON would follow) with their keys in code-unit order, and no function or symbol member
 * in an object (JSON leaves those out where `sortedStringify` writes null). Arrays write alike.
 */
function writtenAlikeByJson(value: unknown, omit?: ReadonlySet<string>): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (const element of value as unknown[])
      if (element !== undefined && typeof element !== 'function' && !writtenAlikeByJson(element))
        return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!inOrder(keys)) return false;
  for (const key of keys) {
    const member = record[key];
    if (member !== undefined && !omit?.has(key) && !writtenAlikeByJson(member)) return false;
  }
  return true;
}

/** stableStringify for any value, sorting keys where needed. Written with loops, not map/join. */
function sortedStringify(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + sortedStringify(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || omit?.has(key)) continue;
    out += `${first ? '' : ','}${quoted(key)}:${sortedStringify(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** Keys repeat from item to item: each is quoted once (up to a bound, so odd data cannot grow it for ever). */
const QUOTED = new Map<string, string>();
const QUOTED_MAX = 10_000;

function quoted(key: string): string {
  let q = QUOTED.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (QUOTED.size < QUOTED_MAX) QUOTED.set(key, q);
  }
  return q;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}
