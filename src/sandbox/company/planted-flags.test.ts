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
  it.each(['duplicate-tool', 'duplicate-work', 'misaligned', 'request-pressure'])(
    'flags %s with precision and recall of at least 0.9',
    (flag) => {
      const a = accuracy.get(flag)!;
      expect(a.expected).toBeGreaterThan(0);
      expect(a.precision, `false positives: ${a.falsePositives.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
      expect(a.recall, `missed: ${a.misses.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
    },
  );
});
