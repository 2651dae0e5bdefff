import { beforeAll, describe, expect, it } from 'vitest';
import { runPlantedCompany } from '../../../bench/lib/planted-flags.js';
import { flagAccuracy, type FlagAccuracy } from './flag-accuracy.js';
import { DAY } from './timeline.js';

// The demo company through the fake Jira and ServiceNow, the real connectors and the composed
// cycle: what a PM sees in the Alignment Flags field, against what the generator planted.
const FLOOR = 0.9;
const FLAGS = ['duplicate-tool', 'duplicate-work', 'misaligned', 'request-pressure'];

/**
 * The analysis window starts on the Monday of the week holding the day `windowDays` back, so how
 * many days more than `windowDays` it spans depends on the weekday: run today, and on the next
 * Sunday evening (UTC), when the window is at its widest.
 */
function nextSundayEvening(now: number): number {
  const d = new Date(now);
  const daysToSunday = (7 - d.getUTCDay()) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysToSunday, 21, 0, 0);
}

describe.each([
  ['today', 0],
  ['on a Sunday evening', nextSundayEvening(Date.now()) - Date.now() + 7 * DAY],
])('flags on a seeded demo company run %s', (_when, offsetMs) => {
  let accuracy: Map<string, FlagAccuracy>;
  beforeAll(async () => {
    const { company, flags } = await runPlantedCompany(1, 1000, { now: () => Date.now() + offsetMs });
    accuracy = new Map(flagAccuracy(company.groundTruth, flags).map((a) => [a.flag, a]));
  }, 60_000);

  it.each(FLAGS)('flags %s with precision and recall of at least 0.9', (flag) => {
    const a = accuracy.get(flag)!;
    expect(a.expected).toBeGreaterThan(0);
    expect(a.precision, `false positives: ${a.falsePositives.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
    expect(a.recall, `missed: ${a.misses.join(', ')}`).toBeGreaterThanOrEqual(FLOOR);
  });
});
