import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleResult } from '../../src/app/cycle.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import type { Store } from '../../src/store/index.js';
import { FAULTS, brokenRecords } from './faults.js';
import {
  OutcomeTable,
  SYSTEMS,
  differences,
  duplicateWrites,
  failingStore,
  inPool,
  nextScheduledCycle,
  runInProcess,
  snapshot,
  type Snapshot,
  type World,
} from './harness.js';
import { referenceRun, worldsOf, type Worlds } from './fixture.js';

// Each fault on a fresh copy of the same seeded company; after it, one fault-free cycle must leave
// the store and the tickets exactly as a run that never saw the fault: nothing lost, nothing twice.
// The scenarios wait on timeouts, Retry-After and the next cycle more than they compute, so they run
// side by side in beforeAll and each test reads its scenario's outcome.
const SIZE = 120;

interface Scenario {
  fault: string;
  system: string;
  /** Whether the fault cycle must fail (a store write), pass, or may do either. */
  faultedMustFail?: boolean;
  prepare?: (world: World) => void;
  wrapStore?: (store: Store) => Store;
  afterFault?: (world: World) => Promise<string[]>;
  repair?: (world: World) => void;
}

interface ScenarioResult {
  injected: number;
  faulted: CycleResult | string;
  followUp: CycleResult | string;
  afterFault: string[];
  diff: string[];
  twice: string[];
}

const scenarios: Scenario[] = [
  ...FAULTS.flatMap((fault) =>
    SYSTEMS.map((system): Scenario => ({
      fault: fault.name,
      system,
      prepare: (world) => world.setFaults(system, fault.rules(world, system), 12),
      ...(fault.repair ? { repair: (world: World) => fault.repair?.(world, system) } : {}),
      ...(fault.name === 'records that break the schema'
        ? { afterFault: (world: World) => missingQuarantine(world, brokenRecords(world, system)) }
        : {}),
    })),
  ),
  ...(
    [
      ['a page commit', 'commitPage', 3],
      ['saving the analysis', 'saveAnalysis', 1],
      ['recording a write', 'recordWrite', 20],
    ] as const
  ).map(([what, method, nth]): Scenario => ({
    fault: `store fails ${what}`,
    system: 'store',
    faultedMustFail: true,
    wrapStore: (store) => failingStore(store, method, nth),
  })),
];

/** Broken records missing from the quarantine, or listed there without a reason. */
async function missingQuarantine(world: World, refs: readonly string[]): Promise<string[]> {
  const { quarantine } = await snapshot(world);
  return refs.filter((ref) => !quarantine.some((line) => line.includes(ref) && /: \S/.test(line)));
}

let worlds: Worlds;
let reference: Snapshot;
const results = new Map<Scenario, ScenarioResult>();
const table = new OutcomeTable();

async function play(scenario: Scenario): Promise<ScenarioResult> {
  const world = await worlds.fresh();
  try {
    scenario.prepare?.(world);
    const faulted = await runInProcess(world, scenario.wrapStore ? { wrapStore: scenario.wrapStore } : {});
    const injected = SYSTEMS.reduce((n, s) => n + world.sandbox[s].injector.calls.faults, 0);
    const afterFault = (await scenario.afterFault?.(world)) ?? [];
    world.clearFaults();
    scenario.repair?.(world);
    await nextScheduledCycle();
    const followUp = await runInProcess(world);
    return {
      injected,
      faulted,
      followUp,
      afterFault,
      diff: differences(reference, await snapshot(world)),
      twice: duplicateWrites(world),
    };
  } finally {
    await world.close();
  }
}

const outcomeOf = (result: CycleResult | string): string =>
  typeof result === 'string' ? 'cycle threw' : result.ok ? 'cycle ok' : 'cycle failed';

beforeAll(async () => {
  worlds = worldsOf(generateCompany({ seed: 12, size: SIZE, now: Date.now() - 60_000 }));
  reference = (await referenceRun(worlds)).snapshot;
  expect(reference.items.size).toBe(SIZE);
  await inPool(scenarios, 11, async (scenario) => {
    const result = await play(scenario);
    results.set(scenario, result);
    const verdict =
      result.diff.length === 0 && result.twice.length === 0
        ? 'identical'
        : `${result.diff.length} differences, ${result.twice.length} repeated writes`;
    table.add(
      scenario.fault,
      scenario.system,
      `${scenario.system === 'store' ? '1' : result.injected} injected; ${outcomeOf(result.faulted)}, then ${outcomeOf(result.followUp)}; ${verdict}`,
    );
  });
}, 170_000);

afterAll(() => {
  console.log(
    table.render(
      'Faults tried × outcome (each followed by one fault-free cycle, compared with a run that never saw the fault)',
    ),
  );
});

describe('after a fault, one clean cycle leaves store and tickets as if it never happened', () => {
  for (const scenario of scenarios) {
    it(`${scenario.fault} (${scenario.system})`, () => {
      const result = results.get(scenario);
      expect(result, 'the scenario did not finish').toBeDefined();
      if (!result) return;
      if (scenario.system !== 'store') expect(result.injected).toBeGreaterThan(0);
      if (scenario.faultedMustFail) expect(result.faulted).not.toMatchObject({ ok: true });
      expect(result.afterFault, 'broken records quarantined with a reason').toEqual([]);
      expect(result.followUp).toMatchObject({ ok: true });
      expect(result.diff).toEqual([]);
      expect(result.twice).toEqual([]);
    });
  }
});
