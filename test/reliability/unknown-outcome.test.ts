import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleResult } from '../../src/app/cycle.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import {
  OutcomeTable,
  differences,
  duplicateWrites,
  inPool,
  nextScheduledCycle,
  runInProcess,
  snapshot,
  type System,
  type WorldOptions,
} from './harness.js';
import { observedReferenceRun, worldsOf } from './fixture.js';

// A write whose answer comes after bearing stopped waiting (a loaded site, a slow proxy) may have
// landed: bearing must not send it again in the same cycle, and the next cycle reads the items back
// and records what landed instead of writing it a second time. The fake lands each slow write
// `LATE_MS` after it arrives, well past the client's `TIMEOUT_MS`.
const SIZE = 100;
const TIMEOUT_MS = 1000;
const LATE_MS = 3000;
const SLOW_REQUESTS = 2;

interface Scenario {
  name: string;
  system: System;
  /** The sandbox's endpoint class of the write. */
  endpoint: string;
  world?: Omit<WorldOptions, 'company'>;
}

const scenarios: Scenario[] = [
  { name: 'a ServiceNow PATCH', system: 'servicenow', endpoint: 'table:incident:write' },
  {
    name: 'a ServiceNow Batch API call',
    system: 'servicenow',
    endpoint: 'batch',
    world: { serviceNowBatch: true },
  },
  { name: 'a Jira bulk edit', system: 'jira', endpoint: 'bulk-edit' },
  {
    name: 'a Jira PUT (no bulk-change permission)',
    system: 'jira',
    endpoint: 'issue-edit',
    world: { sandbox: { jira: { bulkAllowed: false } } },
  },
];

interface Result {
  /** Slow writes the fake received. */
  slow: number;
  /** Requests to the write endpoint over both cycles, and in one fault-free cycle. */
  sent: number;
  sentWithoutFault: number;
  first: CycleResult | string;
  second: CycleResult | string;
  diff: string[];
  twice: string[];
}

const company = generateCompany({ seed: 5, size: SIZE, now: Date.now() - 60_000 });
const results = new Map<Scenario, Result>();
const table = new OutcomeTable();

async function play(scenario: Scenario): Promise<Result> {
  let sentWithoutFault = 0;
  const reference = await observedReferenceRun(worldsOf(company, scenario.world), (world) => ({
    stop: () => (sentWithoutFault = world.sandbox[scenario.system].injector.count(scenario.endpoint)),
  }));
  const world = await worldsOf(company, { ...scenario.world, timeoutMs: TIMEOUT_MS }).fresh();
  try {
    let slow = 0;
    world.setFaults(scenario.system, [
      {
        endpoint: (endpoint) => endpoint === scenario.endpoint && ++slow <= SLOW_REQUESTS,
        knobs: { latencyMs: LATE_MS },
      },
    ]);
    const first = await runInProcess(world);
    world.clearFaults();
    // Also lets the late writes land before the next cycle reads them back.
    await nextScheduledCycle();
    const second = await runInProcess(world);
    return {
      slow: Math.min(slow, SLOW_REQUESTS),
      sent: world.sandbox[scenario.system].injector.count(scenario.endpoint),
      sentWithoutFault,
      first,
      second,
      diff: differences(reference.snapshot, await snapshot(world)),
      twice: duplicateWrites(world),
    };
  } finally {
    await world.close();
  }
}

const summary = (r: CycleResult | string): string =>
  typeof r === 'string'
    ? `threw: ${r}`
    : `${r.writeback?.written ?? 0} written, ${r.writeback?.failed ?? 0} failed, ${r.writeback?.confirmed ?? 0} confirmed`;

beforeAll(async () => {
  await inPool(scenarios, scenarios.length, async (scenario) => {
    const result = await play(scenario);
    results.set(scenario, result);
    table.add(
      scenario.name,
      scenario.system,
      `${result.slow} slow; ${result.sent} write requests (${result.sentWithoutFault} without the fault); first cycle ${summary(result.first)}; next ${summary(result.second)}; ${
        result.diff.length + result.twice.length === 0
          ? 'identical'
          : `${result.diff.length} differences, ${result.twice.length} repeated writes`
      }`,
    );
  });
}, 120_000);

afterAll(() => {
  console.log(table.render('Writes answered after the client timeout × outcome'));
});

describe('a write that lands but answers after the timeout is not sent again', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: written once, recorded by the next cycle's read-back`, () => {
      const result = results.get(scenario);
      expect(result, 'the scenario did not finish').toBeDefined();
      if (!result) return;
      expect(result.slow).toBeGreaterThan(0);
      expect(result.sent).toBe(result.sentWithoutFault);
      expect(result.twice).toEqual([]);
      // The timed-out writes are reported as failed, with what bearing does about them.
      const first = result.first;
      expect(typeof first === 'string' ? first : first.writeback?.failed).toBeGreaterThan(0);
      const second = result.second;
      expect(typeof second === 'string' ? second : second.writeback?.confirmed).toBeGreaterThan(0);
      expect(second).toMatchObject({ ok: true });
      expect(result.diff).toEqual([]);
    });
  }
});
