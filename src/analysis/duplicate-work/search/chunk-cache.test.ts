import { describe, expect, it } from 'vitest';
import { ChunkCache } from './chunk-cache.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const termsOf = (cache: ChunkCache, record: number): number[] =>
  Array.from({ length: cache.termCount(record) }, (_, i) => cache.term(record, i));

describe('ChunkCache', () => {
  it('finds a chunk added before, by its bytes at any position', () => {
    const cache = new ChunkCache(100);
    cache.add(bytes('login'), 0, 5, 42, [7, 8]);
    const text = bytes('a login');
    expect(termsOf(cache, cache.find(text, 2, 7, 42))).toEqual([7, 8]);
  });

  it('keeps any number of terms per chunk', () => {
    const cache = new ChunkCache(100);
    cache.add(bytes('the'), 0, 3, 1, []);
    cache.add(bytes('NullPointerException'), 0, 20, 2, [4, 5, 6, 7]);
    expect(termsOf(cache, cache.find(bytes('the'), 0, 3, 1))).toEqual([]);
    expect(termsOf(cache, cache.find(bytes('NullPointerException'), 0, 20, 2))).toEqual([4, 5, 6, 7]);
  });

  it('tells apart chunks with the same hash', () => {
    const cache = new ChunkCache(100);
    cache.add(bytes('login'), 0, 5, 42, [1]);
    cache.add(bytes('logout'), 0, 6, 42, [2]);
    cache.add(bytes('authentication-failed'), 0, 21, 42, [3]);
    expect(termsOf(cache, cache.find(bytes('logout'), 0, 6, 42))).toEqual([2]);
    expect(termsOf(cache, cache.find(bytes('login'), 0, 5, 42))).toEqual([1]);
    expect(termsOf(cache, cache.find(bytes('authentication-failed'), 0, 21, 42))).toEqual([3]);
    expect(cache.find(bytes('logon'), 0, 5, 42)).toBe(-1);
    expect(cache.find(bytes('authentication-faiLed'), 0, 21, 42)).toBe(-1);
  });

  it('keeps working as it grows', () => {
    const cache = new ChunkCache(1 << 20);
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    words.forEach((word, i) => cache.add(bytes(word), 0, word.length, (i * 2654435761) >>> 0, [i]));
    const last = bytes('word4999');
    expect(termsOf(cache, cache.find(last, 0, last.length, (4999 * 2654435761) >>> 0))).toEqual([4999]);
  });

  it('keeps chunks in use across generations and forgets the others', () => {
    const cache = new ChunkCache(100);
    const add = (word: string): number => cache.add(bytes(word), 0, word.length, word.length, [word.length]);
    const find = (word: string): number => cache.find(bytes(word), 0, word.length, word.length);
    for (let i = 0; i < 100; i += 1) add(`old${i}`);
    add('next');
    expect(termsOf(cache, find('old7'))).toEqual([4]);
    for (let i = 0; i < 100; i += 1) add(`new${i}`);
    expect(find('old7')).toBeGreaterThanOrEqual(0);
    expect(find('old8')).toBe(-1);
  });
});
