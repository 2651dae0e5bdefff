import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

const draws = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.uint32());

describe('Random', () => {
  it('repeats its sequence for the same seed and stream', () => {
    expect(draws(new Random(42, 1), 50)).toEqual(draws(new Random(42, 1), 50));
  });

  it('gives other sequences for another seed or another stream', () => {
    const base = draws(new Random(42, 1), 20);
    expect(draws(new Random(43, 1), 20)).not.toEqual(base);
    expect(draws(new Random(42, 2), 20)).not.toEqual(base);
  });

  it('keeps int within its inclusive bounds and reaches both ends', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('never picks an entry of weight zero', () => {
    const rng = new Random(9);
    for (let i = 0; i < 1000; i++) {
      expect(
        rng.weighted([
          ['a', 1],
          ['never', 0],
          ['b', 3],
        ] as const),
      ).not.toBe('never');
    }
  });

  it('samples distinct items', () => {
    const picked = new Random(5).sample(['a', 'b', 'c', 'd', 'e'], 4);
    expect(new Set(picked).size).toBe(4);
  });

  it('writes lower-case hex of the asked length', () => {
    expect(new Random(1).hex(32)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new Random(1).pick([])).toThrow(/non-empty/);
  });
});
