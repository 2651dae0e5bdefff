import { beforeAll, describe, expect, it } from 'vitest';
import { runPlantedCompany } from '../../../bench/lib/planted-flags.js';
import { flagAccuracy, type FlagAccuracy } from './flag-accuracy.js';

// The demo company through the fake Jira and ServiceNow, the real connectors and the composed
// cycle: what a PM sees in the Alignment Flags field, against what the generator planted.
const FLOOR = 0.9;
let accuracy: Map<string, FlagAccuracy>;

beforeAll(async () => {
  const { company, flags } = await runPlantedCompany(1, 1000);
  accuracy = new Map(flagAccuracy(company.groundTruth, flags).map((a) => [a.flag, a]));
}, 60_000);

describe('flags on a seeded demo company', () => {
  it.each(['duplicate-tool', 'misaligned', 'request-pressure'])(
    'flags %s with precision and recall of at least 0.9',
    (flag) => {
      const a = accuracy.get(flag)!;
      expect(a.expected).toBeGreaterThan(0);
      expect(a.precision, `false positives: ${a.falsePositives.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
      expect(a.recall, `missed: ${a.misses.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
    },
  );

  // Below the floor today (bench/flags.ts, seeds 1–3: precision 0.955, recall 0.82): the planted
  // paraphrases share an entity and a few words (cosine 0.3–0.5) as their near misses do, and an
  // epic "X" and its delivery project "X: delivery" look like a feature and its follow-up.
  it.todo('flags duplicate-work with precision and recall of at least 0.9');
});
