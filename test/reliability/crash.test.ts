import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { countCalls, crashPoints, describePoint, runAndKill, type CrashPoint } from './crash.js';
import {
  OutcomeTable,
  differences,
  duplicateWrites,
  inPool,
  nextScheduledCycle,
  runInProcess,
  snapshot,
  type Snapshot,
} from './harness.js';
import { observedReferenceRun, worldsOf, type Worlds } from './fixture.js';

// `bearing run --once` killed with SIGKILL at seeded points of its cycle, then a restarted worker:
// the store and the tickets end as after a cycle that never crashed. The soak tries 20 and more.
// The restart runs the cycle in this process: a CLI restart would first wait out the dead worker's
// lease (60 s), which the soak does.
const SIZE = 120;
const POINTS = 6;

interface Outcome {
  killed: boolean;
  diff: string[];
  twice: string[];
  followUpOk: boolean;
}

let worlds: Worlds;
let reference: Snapshot;
let points: CrashPoint[] = [];
let scopes = 0;
const outcomes = new Map<CrashPoint, Outcome>();
const table = new OutcomeTable();

beforeAll(async () => {
  worlds = worldsOf(generateCompany({ seed: 21, size: SIZE, now: Date.now() - 60_000 }), {
    logLevel: 'info',
  });
  const run = await observedReferenceRun(worlds, countCalls);
  reference = run.snapshot;
  scopes = run.result.sync?.length ?? 0;
  points = crashPoints(21, POINTS, run.observed.counts);
  await inPool(points, POINTS, async (point) => {
    const world = await worlds.fresh();
    try {
      const run = await runAndKill(world, point, scopes);
      await nextScheduledCycle();
      const followUp = await runInProcess(world);
      const outcome = {
        killed: run.signal === 'SIGKILL',
        diff: differences(reference, await snapshot(world)),
        twice: duplicateWrites(world),
        followUpOk: typeof followUp !== 'string' && followUp.ok,
      };
      outcomes.set(point, outcome);
      table.add(
        describePoint(point),
        point.system,
        `${outcome.killed ? 'killed' : `not killed (exit ${run.code})`}; restart ${outcome.followUpOk ? 'ok' : 'failed'}; ${
          outcome.diff.length + outcome.twice.length === 0
            ? 'identical'
            : `${outcome.diff.length} differences, ${outcome.twice.length} repeated writes`
        }`,
      );
    } finally {
      await world.close();
    }
  });
}, 170_000);

afterAll(() => {
  console.log(
    table.render('Crash points × outcome (SIGKILL, restart, compared with a run that never crashed)'),
  );
});

describe('a worker killed at any point of a cycle loses nothing and writes nothing twice after a restart', () => {
  it(`covers ${POINTS} seeded points over pull, analyze and write-back`, () => {
    expect(points.map((p) => p.stage)).toEqual(expect.arrayContaining(['pull', 'analyze', 'write-back']));
  });
  for (let i = 0; i < POINTS; i++) {
    it(`crash point ${i + 1}`, () => {
      const point = points[i];
      const outcome = point && outcomes.get(point);
      expect(outcome, 'the crash point did not finish').toBeDefined();
      if (!point || !outcome) return;
      expect(outcome.killed, describePoint(point)).toBe(true);
      expect(outcome.followUpOk).toBe(true);
      expect(outcome.diff).toEqual([]);
      expect(outcome.twice).toEqual([]);
    });
  }
});
