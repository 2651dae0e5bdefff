import { describe, expect, it } from 'vitest';
import { Arena } from './buffers.js';

describe('Arena', () => {
  it('hands out zeroed arrays that share one buffer without overlapping', () => {
    const arena = new Arena(1024);
    const a = arena.uint32(10);
    const b = arena.uint16(3);
    const c = arena.float32(10);
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).toBe(a.buffer);
    a.fill(0xffffffff);
    b.fill(0xffff);
    expect([...c]).toEqual(new Array(10).fill(0));
    c.fill(1);
    expect([...a]).toEqual(new Array(10).fill(0xffffffff));
    expect([...b]).toEqual([0xffff, 0xffff, 0xffff]);
  });

  it('gives an array that does not fit a buffer of its own, and still fills the rest', () => {
    const arena = new Arena(64);
    const first = arena.uint32(8);
    const large = arena.uint32(100);
    const small = arena.uint32(4);
    expect(large.length).toBe(100);
    expect(large.buffer).not.toBe(first.buffer);
    expect(small.buffer).toBe(first.buffer);
  });
});
