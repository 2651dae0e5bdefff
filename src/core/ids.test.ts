import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workItem } from '../model/testing.js';
import { stableHash, stableStringify } from './ids.js';

describe('stableStringify', () => {
  it('orders object keys by code unit at every depth and leaves out undefined members', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { z: 0, y: undefined }], c: 'x' }, Z: null })).toBe(
      '{"Z":null,"a":{"c":"x","d":[3,{"z":0}]},"b":1}',
    );
  });

  it('writes undefined inside arrays as null, like JSON', () => {
    expect(stableStringify([undefined, 1])).toBe('[null,1]');
  });

  it('leaves out the top-level keys it is told to omit, and only those', () => {
    const omit = new Set(['b', 'held']);
    expect(stableStringify({ held: 1, a: { b: 2 }, b: 3, c: [{ held: 4 }] }, omit)).toBe(
      '{"a":{"b":2},"c":[{"held":4}]}',
    );
  });

  it('gives equal strings for objects built in different key orders', () => {
    expect(stableStringify({ x: 1, y: [1, 2] })).toBe(stableStringify({ y: [1, 2], x: 1 }));
  });
});

/**
 * The writer the stored content hashes were made with, before values already in key order went
 * through JSON.stringify: stableStringify must keep giving its bytes, for every value.
 */
function originalStringify(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + originalStringify(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined && !omit?.has(key))
    .map((key) => `${JSON.stringify(key)}:${originalStringify(record[key])}`);
  return `{${members.join(',')}}`;
}

/** What a call gives: its string, or the kind of error it throws (BigInt, for one, is not JSON). */
function outcome(write: () => string): string {
  try {
    return write();
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}

const keyName = fc.oneof(
  fc.constantFrom('a', 'b', 'B', 'é', '2', '10', '', 'held', 'updated', 'toJSON', '__proto__'),
  fc.string(),
);
const omitted = fc.option(
  fc.uniqueArray(keyName, { maxLength: 3 }).map((keys) => new Set(keys)),
  {
    nil: undefined,
  },
);
/** Plain data, objects built with their keys in code-unit order (the shape sync hashes). */
const ordered = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(keyName, tie('value')), { maxLength: 6 })
      .map((entries) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  ),
})).value;
/** Also what JSON.stringify writes differently: functions, symbols, dates, boxed values, maps, classes. */
const odd = fc.oneof(
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.date(),
  fc.constant(new String('boxed')),
  fc.constant(new Map([['a', 1]])),
  fc.constant(
    new (class Point {
      x = 1;
    })(),
  ),
  fc.bigInt(),
);
const anyValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    odd,
    ordered,
    fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSparseArray: true,
    }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyName, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('stableStringify against the writer stored hashes were made with', () => {
  it('gives the same bytes for data built in key order, with and without omitted keys', () => {
    fc.assert(
      fc.property(ordered, omitted, (value, omit) => {
        expect(stableStringify(value, omit)).toBe(originalStringify(value, omit));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same bytes (or the same error) for any value, including what JSON writes its own way', () => {
    fc.assert(
      fc.property(anyValue, omitted, (value, omit) => {
        expect(outcome(() => stableStringify(value, omit))).toBe(
          outcome(() => originalStringify(value, omit)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the value it was given as it was', () => {
    const item = { a: 1, held: { z: 1 }, updated: 'x' };
    stableStringify(item, new Set(['held', 'updated']));
    expect(item).toEqual({ a: 1, held: { z: 1 }, updated: 'x' });
  });
});

describe('stableHash', () => {
  it('keeps the hash stored items were saved with (changing it would make every item look changed)', () => {
    const value = {
      ...workItem({ key: 'OPS-7', title: 'Ünïcode “title”', labels: ['b', 'a'] }),
      extra: { z: 1, a: [undefined, null, 2], m: undefined },
    };
    expect(stableHash(value)).toBe('d83cee57e19c43fd8e5ed67f547a917803bdf38ec8ec53885520cc396b351884');
  });

  it('hashes a value with keys omitted as the value copied without them', () => {
    const { held: _held, updated: _updated, ...content } = workItem({ key: 'OPS-7', title: 'Ünïcode' });
    const item = workItem({ key: 'OPS-7', title: 'Ünïcode' });
    expect(stableHash(item, new Set(['held', 'updated']))).toBe(stableHash(content));
  });
});
