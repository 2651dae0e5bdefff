import { describe, expect, it } from 'vitest';
import { forEachChunk } from './tokenize.js';
import { Utf8ChunkScanner } from './utf8-chunks.js';

function utf8Chunks(text: string): { chunks: string[]; hashes: number[] } {
  const bytes = new TextEncoder().encode(text);
  const scanner = new Utf8ChunkScanner();
  scanner.reset(bytes, bytes.length);
  const chunks: string[] = [];
  const hashes: number[] = [];
  while (scanner.next()) {
    chunks.push(new TextDecoder().decode(bytes.subarray(scanner.start, scanner.end)));
    hashes.push(scanner.hash);
  }
  return { chunks, hashes };
}

describe('Utf8ChunkScanner', () => {
  it('finds the same chunks in UTF-8 bytes as the string scanner', () => {
    const alphabet = ['a', 'B', '9', ' ', '.', '-', "'", '#', 'ß', 'é', 'ж', '登', '😀', '𝑨', '\t', '—', '“'];
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      const expected: string[] = [];
      forEachChunk(text, (chunk) => expected.push(chunk));
      expect(utf8Chunks(text).chunks).toEqual(expected);
    }
  });

  it('hashes equal chunks equally and different chunks differently', () => {
    const { chunks, hashes } = utf8Chunks('login failed; login FAILED');
    expect(chunks).toEqual(['login', 'failed', 'login', 'FAILED']);
    expect(hashes[0]).toBe(hashes[2]);
    expect(hashes[1]).not.toBe(hashes[3]);
  });

  it('scans only the first `length` bytes', () => {
    const bytes = new TextEncoder().encode('alpha beta');
    const scanner = new Utf8ChunkScanner();
    scanner.reset(bytes, 5);
    expect(scanner.next()).toBe(true);
    expect(scanner.end).toBe(5);
    expect(scanner.next()).toBe(false);
  });
});
