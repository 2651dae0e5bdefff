import { describe, expect, it } from 'vitest';
import { ChunkCache } from './chunk-cache.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const termsOf = (cache: ChunkCache, entry: number): number[] => {
  const terms: number[] = [];
  for (let at = cache.termsFrom(entry); at < cache.termsFrom(entry + 1); at += 1)
    terms.push(cache.termAt(at));
  return terms;
};

describe('ChunkCache', () => {
  it('finds a chunk added before, by its bytes at any position', () => {
    const cache = new ChunkCache(100);
    const entry = cache.add(bytes('login'), 0, 5, 42, [7, 8]);
    const text = bytes('a login');
    expect(cache.find(text, 2, 7, 42)).toBe(entry);
    expect(termsOf(cache, entry)).toEqual([7, 8]);
  });

  it('tells apart chunks with the same hash', () => {
    const cache = new ChunkCache(100);
    const login = cache.add(bytes('login'), 0, 5, 42, [1]);
    const logout = cache.add(bytes('logout'), 0, 6, 42, [2]);
    expect(cache.find(bytes('logout'), 0, 6, 42)).toBe(logout);
    expect(cache.find(bytes('login'), 0, 5, 42)).toBe(login);
    expect(cache.find(bytes('logon'), 0, 5, 42)).toBe(-1);
  });

  it('keeps working as it grows, and starts over past its limit', () => {
    const cache = new ChunkCache(5000);
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    words.forEach((word, i) => cache.add(bytes(word), 0, word.length, i * 2654435761, [i]));
    const last = bytes('word4999');
    const entry = cache.find(last, 0, last.length, 4999 * 2654435761);
    expect(termsOf(cache, entry)).toEqual([4999]);
    cache.add(bytes('overflow'), 0, 8, 1, [1]);
    expect(cache.find(last, 0, last.length, 4999 * 2654435761)).toBe(-1);
  });
});
