import { z } from 'zod';

/**
 * Settings of the duplicate-work stage, under `analysis.duplicateWork` in bearing.yaml. Defaults live here.
 * Similarity is the cosine of two items' BM25F word vectors: 1 = the same telling words with the
 * same emphasis, 0 = none in common.
 */
export const duplicateWorkSettingsSchema = z.strictObject({
  /**
   * Similarity at or above which two items are flagged as duplicate work. Linked duplicates in
   * public Jira data score 0.25 at the median; from 0.6 up most pairs are the same problem reported
   * twice, so lower it to catch paraphrases at the price of more false alarms.
   * @default 0.6
   */
  threshold: z.number().min(0).max(1).default(0.6),
  /**
   * Title similarity (idf-weighted, generic opening verbs and urgency words ignored) at or above
   * which two items are flagged whatever their descriptions: the same title on an epic and a
   * demand. Items whose titles are one template filled in differently are never flagged.
   * @default 0.8
   */
  titleThreshold: z.number().min(0).max(1).default(0.8),
  /**
   * Most similar partners reported per item; keeps a ticket template copied a thousand times from
   * producing a million pairs.
   * @default 3
   */
  maxPairsPerItem: z.number().int().min(1).max(50).default(3),
  /** How much one word counts in each field (BM25F boosts). `tags` = labels, components, category, business service. */
  fieldWeights: z
    .strictObject({
      /** @default 3 */
      title: z.number().min(0).default(3),
      /** @default 1 */
      text: z.number().min(0).default(1),
      /** @default 0.5 */
      tags: z.number().min(0).default(0.5),
    })
    .prefault({}),
  /**
   * Characters of an item's text that are indexed; the rest (pasted logs, stack traces) is skipped.
   * @default 2000
   */
  maxTextChars: z.number().int().min(100).default(2000),
  /**
   * Two items are compared when they share two of their this-many most telling words (rare words,
   * and those of their titles). More finds more paraphrases and costs more: pairs of these words
   * are the index keys.
   * @default 6
   */
  lookupTerms: z.number().int().min(2).max(64).default(6),
  /**
   * Candidates per item whose exact similarity is computed.
   * @default 10
   */
  candidates: z.number().int().min(1).max(1000).default(10),
});
export type DuplicateWorkSettings = z.infer<typeof duplicateWorkSettingsSchema>;
