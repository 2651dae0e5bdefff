import { describe, expect, it } from 'vitest';
import { stem } from './stem.js';

describe('stem', () => {
  it('brings a goal keyword and its inflections together', () => {
    expect(new Set(['payment', 'payments'].map(stem))).toEqual(new Set(['payment']));
    expect(new Set(['price', 'prices', 'pricing', 'priced'].map(stem))).toEqual(new Set(['price']));
    expect(new Set(['connect', 'connects', 'connected', 'connecting'].map(stem))).toEqual(
      new Set(['connect']),
    );
    expect(new Set(['inventory', 'inventories'].map(stem))).toEqual(new Set(['inventori']));
  });

  it('keeps derived words apart', () => {
    expect(stem('conversation')).not.toBe(stem('conversion'));
    expect(stem('connection')).not.toBe(stem('connect'));
  });

  it("gives the stems of Porter's step 1", () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['cats', 'cat'],
      ['feed', 'feed'],
      ['agreed', 'agree'],
      ['plastered', 'plaster'],
      ['motoring', 'motor'],
      ['sing', 'sing'],
      ['conflated', 'conflate'],
      ['hopping', 'hop'],
      ['falling', 'fall'],
      ['filing', 'file'],
      ['failing', 'fail'],
      ['happy', 'happi'],
      ['sky', 'sky'],
    ];
    expect(cases.map(([word]) => stem(word))).toEqual(cases.map(([, s]) => s));
  });

  it('leaves short words, numbers and other scripts alone', () => {
    expect(['is', 'go', 's4hana', 'v2', 'straße'].map(stem)).toEqual(['is', 'go', 's4hana', 'v2', 'straße']);
  });
});
