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
