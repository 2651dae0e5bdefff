import { randomUUID, createHash } from 'node:crypto';

/** A new run id: sortable by time, unique across replicas. */
export function newRunId(nowMs: number): string {
  return `${new Date(nowMs).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
}

/** Stable SHA-256 hex of a value, with object keys sorted so equal data hashes equal. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/**
 * JSON with object keys in code-unit order and undefined members left out, so equal values give
 * equal strings. Stored content hashes depend on these exact bytes: change the output and every
 * item looks changed once. Written with loops, not map/join, because sync hashes every pulled item.
 */
export function stableStringify(value: unknown): string {
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
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stableStringify(member)}`;
    first = false;
  }
  return `${out}}`;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}
