import { describe, expect, it } from 'vitest';
import { ChunkScanner, chunkTokens, forEachChunk, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases words and drops punctuation', () => {
    expect(tokenize('Checkout FAILS, again!')).toEqual(['checkout', 'fails', 'again']);
  });

  it('splits code identifiers into their parts and keeps the whole identifier too', () => {
    expect(tokenize('NullPointerException')).toEqual([
      'null',
      'pointer',
      'exception',
      'nullpointerexception',
    ]);
    expect(tokenize('ANDROID_NDK')).toEqual(['android', 'ndk', 'android_ndk']);
    expect(tokenize('HTTPServer')).toEqual(['http', 'server', 'httpserver']);
  });

  it('splits paths and dotted names, keeping each camel-case segment whole', () => {
    expect(tokenize('src/app/index.js')).toEqual(['src', 'app', 'index', 'js', 'src/app/index.js']);
    expect(tokenize('org.apache.FileSystem')).toEqual([
      'org',
      'apache',
      'file',
      'system',
      'filesystem',
      'org.apache.filesystem',
    ]);
  });

  it('keeps numbers up to nine digits (tills, member numbers) and drops longer ones (timestamps)', () => {
    expect(tokenize('error 404 on till 1 in build 20210908123')).toEqual([
      'error',
      '404',
      'on',
      'till',
      '1',
      'in',
      'build',
    ]);
    expect(tokenize('loyalty member 40000000, at 1699999999')).toEqual([
      'loyalty',
      'member',
      '40000000',
      'at',
    ]);
  });

  it('drops one-letter words but not one-digit numbers', () => {
    expect(tokenize('a wave 9 b')).toEqual(['wave', '9']);
  });

  it('does not keep a whole identifier that starts with a digit or is very long', () => {
    expect(tokenize('2021-09-08')).toEqual(['2021', '09', '08']);
    expect(tokenize(`a.${'x'.repeat(50)}`)).toEqual(['x'.repeat(50)]);
  });

  it('reads letters of any script', () => {
    expect(tokenize('Ünïcödé café Ошибка входа')).toEqual(['ünïcödé', 'café', 'ошибка', 'входа']);
  });

  it('cuts Chinese and Japanese runs into overlapping character pairs', () => {
    expect(tokenize('登录失败')).toEqual(['登录', '录失', '失败']);
  });

  it('splits contractions at the apostrophe without a whole token', () => {
    expect(chunkTokens("doesn't")).toEqual(['doesn']);
  });
});

describe('ChunkScanner', () => {
  const CHUNK = /[\p{L}\p{N}]+(?:['._\-/:@#$\\]+[\p{L}\p{N}]+)*/gu;
  const alphabet = ['a', 'Z', '7', ' ', '.', '-', '_', '/', "'", ',', '!', 'é', '登', '😀', '\n', '::', '𝑨'];

  it('finds the same chunks as the regular expression that defines them', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      const found: string[] = [];
      forEachChunk(text, (chunk) => found.push(chunk));
      expect(found).toEqual(Array.from(text.matchAll(CHUNK), (m) => m[0]));
    }
  });

  it('reports positions in the text', () => {
    const scanner = new ChunkScanner('  foo.bar baz');
    expect(scanner.next()).toBe(true);
    expect([scanner.start, scanner.end]).toEqual([2, 9]);
    expect(scanner.next()).toBe(true);
    expect([scanner.start, scanner.end]).toEqual([10, 13]);
    expect(scanner.next()).toBe(false);
  });
});
