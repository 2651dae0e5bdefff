import { describe, expect, it } from 'vitest';
import { isGenericTerm } from './generic-words.js';
import { termOf } from './terms.js';

describe('isGenericTerm', () => {
  it('knows the verbs story titles open with, urgency markers and stages of work, as index terms', () => {
    for (const word of ['Add', 'provide', 'implementing', 'URGENT', 'supports', 'delivery', 'rollout']) {
      expect(isGenericTerm(termOf(word.toLowerCase()) as string), word).toBe(true);
    }
  });

  it('leaves words that name the work alone', () => {
    for (const word of ['marketing', 'hr', 'summer41', 'v2', 'review', 'charges']) {
      expect(isGenericTerm(termOf(word) as string), word).toBe(false);
    }
  });
});
