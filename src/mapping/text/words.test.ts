import { describe, expect, it } from 'vitest';
import { OTHER, SKIP, splitWords, WordCoder } from './words.js';

const vocabulary = new Map([
  ['checkout', 0],
  ['café', 1],
]);
const classify = (word: string): number => (word === 'the' ? SKIP : (vocabulary.get(word) ?? OTHER));
function codesOf(coder: WordCoder, text: string, limit = Infinity): number[] {
  const n = coder.code(text, limit);
  return [...coder.codes.subarray(0, n)];
}

describe('splitWords', () => {
  it('splits on anything that is not a letter or digit and lower-cases', () => {
    expect(splitWords('Point-of-Sale v2 (EMEA)… Café')).toEqual([
      'point',
      'of',
      'sale',
      'v2',
      'emea',
      'café',
    ]);
  });
});

describe('WordCoder', () => {
  it('codes words case-insensitively and drops skipped words', () => {
    const coder = new WordCoder(classify);
    expect(codesOf(coder, 'The CHECKOUT, the checkout and Checkout!')).toEqual([0, 0, OTHER, 0]);
  });

  it('answers repeated words from its cache with the same codes as the first time', () => {
    let calls = 0;
    const coder = new WordCoder((w) => {
      calls++;
      return classify(w);
    });
    const first = codesOf(coder, 'checkout café report checkout');
    const again = codesOf(coder, 'Checkout CAFÉ report');
    expect(first).toEqual([0, 1, OTHER, 0]);
    expect(again).toEqual([0, 1, OTHER]);
    // "CAFÉ" differs from "café" outside ASCII, so it is classified once more; the rest is cached.
    expect(calls).toBe(4);
  });

  it('keeps coding correctly once its cache is full', () => {
    const coder = new WordCoder(classify, 1);
    expect(codesOf(coder, 'a b c d e f g h i j')).toHaveLength(10);
    expect(codesOf(coder, 'report checkout report checkout')).toEqual([OTHER, 0, OTHER, 0]);
  });

  it('reads only up to the limit and grows for long texts', () => {
    const coder = new WordCoder(classify);
    expect(codesOf(coder, 'checkout checkout', 8)).toEqual([0]);
    expect(codesOf(coder, 'checkout '.repeat(1000))).toHaveLength(1000);
  });
});
