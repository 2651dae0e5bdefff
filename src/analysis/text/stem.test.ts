import { describe, expect, it } from 'vitest';
import { stem } from './stem.js';

describe('stem', () => {
  it('brings inflections of a word together', () => {
    expect(new Set(['crash', 'crashes', 'crashed', 'crashing'].map(stem))).toEqual(new Set(['crash']));
    expect(new Set(['create', 'creates', 'created', 'creating'].map(stem))).toEqual(new Set(['create']));
    expect(new Set(['run', 'runs', 'running'].map(stem))).toEqual(new Set(['run']));
    expect(new Set(['library', 'libraries'].map(stem))).toEqual(new Set(['library']));
    expect(new Set(['try', 'tried', 'tries'].map(stem))).toEqual(new Set(['try']));
    expect(new Set(['use', 'used', 'uses', 'using'].map(stem))).toEqual(new Set(['use']));
  });

  it('leaves words whose ending is not an inflection alone', () => {
    expect(['status', 'analysis', 'class', 'data', 'bus'].map(stem)).toEqual([
      'status',
      'analysis',
      'class',
      'data',
      'bus',
    ]);
  });

  it('keeps derived words apart', () => {
    expect(stem('user')).not.toBe(stem('usage'));
    expect(stem('payment')).not.toBe(stem('pay'));
  });

  it('does not touch short words, numbers, identifiers or other scripts', () => {
    expect(['is', 'ios', 'v3.4.0', 'src/app/index.js', 'ошибки', 'ing'].map(stem)).toEqual([
      'is',
      'ios',
      'v3.4.0',
      'src/app/index.js',
      'ошибки',
      'ing',
    ]);
  });
});
