import { describe, expect, it } from 'vitest';
import { duplicateWorkSettingsSchema } from './duplicate-work.js';

describe('duplicateWorkSettingsSchema', () => {
  it('fills every setting with its default', () => {
    expect(duplicateWorkSettingsSchema.parse({})).toEqual({
      threshold: 0.6,
      titleThreshold: 0.8,
      maxPairsPerItem: 3,
      fieldWeights: { title: 3, text: 1, tags: 0.5 },
      maxTextChars: 2000,
      lookupTerms: 6,
      candidates: 10,
    });
  });

  it('rejects unknown keys and a threshold outside 0 … 1', () => {
    expect(duplicateWorkSettingsSchema.safeParse({ treshold: 0.5 }).success).toBe(false);
    expect(duplicateWorkSettingsSchema.safeParse({ threshold: 1.5 }).success).toBe(false);
    expect(duplicateWorkSettingsSchema.safeParse({ fieldWeights: { title: 2, body: 1 } }).success).toBe(
      false,
    );
  });
});
