import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, isoWeekBounds, isoWeekOf } from '../../src/core/time.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { worldsOf } from './fixture.js';
import { runInProcess, type World } from './harness.js';
import { WriteLog } from './write-log.js';

// Cycles of one week over tickets nobody touches: the analysis window slides with the clock, and
// before its start was held to a week's start, each cycle dropped a ticket or two from the
// duplicate-work corpus and flags on untouched tickets went on, off and on again.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let world: World;
let log: WriteLog;
/** Monday 01:00 UTC of next week: cycles at fixed times of one week, whatever day the test runs. */
let monday: number;

const cycleAt = async (ms: number): Promise<number> => {
  const result = await runInProcess(world, { clock: fixedClock(ms), stages: ['analyze', 'writeback'] });
  expect(result).toMatchObject({ ok: true });
  return log.next().length;
};

beforeAll(async () => {
  const now = Date.now();
  world = await worldsOf(generateCompany({ seed: 5, size: 1500, now: now - 60_000 })).fresh();
  log = new WriteLog(world);
  expect(await runInProcess(world)).toMatchObject({ ok: true });
  log.next();
  monday = isoWeekBounds(isoWeekOf(now + 7 * DAY, 'UTC'), 'UTC').start + HOUR;
  // Its first writes: the window is a week further on than the sync cycle's.
  await cycleAt(monday);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('scores and flags over a week of cycles', () => {
  it('stay as written all week long while no ticket changes', async () => {
    for (const later of [HOUR, 30 * HOUR, 3 * DAY, 6 * DAY + 21 * HOUR]) {
      expect(await cycleAt(monday + later), `writes ${later / HOUR} hours into the week`).toBe(0);
    }
  }, 120_000);

  it('change when the next week starts and the window drops its oldest week', async () => {
    expect(await cycleAt(monday + 7 * DAY)).toBeGreaterThan(0);
  }, 120_000);
});
