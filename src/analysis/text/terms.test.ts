import { describe, expect, it } from 'vitest';
import { isStopWord } from './stop-words.js';
import { analyze, termOf } from './terms.js';

describe('analyze', () => {
  it('drops stop words and stems the rest, in reading order', () => {
    expect(analyze('The payments were failing for all of the users')).toEqual(['payment', 'fail', 'user']);
  });

  it('maps a stop word to no term', () => {
    expect(isStopWord('the')).toBe(true);
    expect(termOf('the')).toBeNull();
    expect(termOf('printers')).toBe('printer');
  });
});
