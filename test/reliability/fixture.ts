/**
 * The set-up the crash and fault suites share: fresh worlds over one seeded company, and the
 * fault-free reference cycle every faulted or crashed run is compared with.
 */
import type { CycleResult } from '../../src/app/cycle.js';
import type { Company } from '../../src/sandbox/company/index.js';
import {
  duplicateWrites,
  runInProcess,
  setupFields,
  snapshot,
  startWorld,
  type Snapshot,
  type World,
  type WorldOptions,
} from './harness.js';

export interface Worlds {
  company: Company;
  /** A new world over the company, its fields set up as `bearing setup` would. */
  fresh(): Promise<World>;
}

export function worldsOf(company: Company, options: Omit<WorldOptions, 'company'> = {}): Worlds {
  return {
    company,
    fresh: async () => {
      const world = await startWorld({ ...options, company });
      await setupFields(world);
      return world;
    },
  };
}

export interface Reference {
  result: CycleResult;
  snapshot: Snapshot;
}

/** One fault-free cycle on a fresh world, which must succeed and write nothing twice. */
export async function referenceRun(worlds: Worlds): Promise<Reference> {
  return observedReferenceRun(worlds, () => ({ stop: () => undefined }));
}

/** `referenceRun` with `observe` watching the world during the cycle (counting calls, say). */
export async function observedReferenceRun<O extends { stop(): void }>(
  worlds: Worlds,
  observe: (world: World) => O,
): Promise<Reference & { observed: O }> {
  const world = await worlds.fresh();
  try {
    const observed = observe(world);
    const result = await runInProcess(world);
    observed.stop();
    if (typeof result === 'string' || !result.ok) {
      throw new Error(`the reference cycle failed: ${JSON.stringify(result)}`);
    }
    const twice = duplicateWrites(world);
    if (twice.length > 0) throw new Error(`the reference cycle wrote values twice: ${twice.join('; ')}`);
    return { result, snapshot: await snapshot(world), observed };
  } finally {
    await world.close();
  }
}
