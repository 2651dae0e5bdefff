import { hash, randomUUID } from 'node:crypto';

/** A new run id: sortable by time, unique across replicas. */
export function newRunId(nowMs: number): string {
  return `${new Date(nowMs).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
}

/**
 * Stable SHA-256 hex of a value, with object keys sorted so equal data hashes equal. Top-level keys in
 * `omit` are left out, as if the value had been copied without them (which costs more than hashing).
 */
export function stableHash(value: unknown, omit?: ReadonlySet<string>): string {
  return hash('sha256', stableStringify(value, omit), 'hex');
}

/**
 * JSON with object keys in code-unit order and undefined members left out, so equal values give
 * equal strings. Stored content hashes depend on these exact bytes: change the output and every
 * item looks changed once. Written with loops, not map/join, because sync hashes every pulled item.
 * Top-level keys in `omit` are left out; nested ones with the same names are kept.
 */
export function stableStringify(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableStringify(value[i]);
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
    out += `${first ? '' : ','}${quoted(key)}:${stableStringify(member)}`;
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
