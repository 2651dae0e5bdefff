import { describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { Store } from '../../src/store/index.js';
import { world, type World } from './world.js';

// A worker that dies after its writes landed upstream but before it recorded them (design.md, "What
// bearing writes"): the next cycle writes nothing twice, whether its pull shows the values that landed
// or not yet.
const SIZE = 150;

/** The store as the dying worker sees it: every write audit fails, as if the process had stopped there. */
function dyingAtTheAudit(real: Store): { store: Store; audits: () => number } {
  let audits = 0;
  const store = new Proxy(real, {
    get(target, name, receiver) {
      if (name === 'recordWrite') {
        return () => {
          audits++;
          return Promise.reject(new Error('killed between the write and its record'));
        };
      }
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, audits: () => audits };
}

/** Runs a cycle that dies at its first write audit, and waits until both writers have sent everything. */
async function killedCycle(w: World): Promise<void> {
  const dying = dyingAtTheAudit(w.store);
  const killed = await w.cycle({ runId: 'killed', store: dying.store });
  expect(killed.ok).toBe(false);
  // Each system's writer sends its whole plan before the first outcome is recorded.
  await vi.waitFor(() => expect(dying.audits()).toBe(2), { timeout: 20_000, interval: 50 });
}

/** How often each target was written: ServiceNow PATCHes per record, Jira edits per issue and field. */
function writesPerTarget(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const w of sandbox.servicenow.state.writes) bump(`servicenow ${w.table} ${w.sysId}`);
  for (const w of sandbox.jira.state.writes) bump(`jira ${w.key} ${w.field}`);
  return counts;
}

describe('a cycle killed between a write landing and its record', () => {
  const w = world(5, SIZE);

  it('resumes a quarter of an hour later without writing anything twice', async () => {
    await killedCycle(w);
    const landed = writesPerTarget(w.sandbox);
    const jiraIssues = new Set(w.sandbox.jira.state.writes.map((x) => x.key)).size;
    expect(jiraIssues + w.sandbox.servicenow.state.writes.length).toBe(SIZE);
    expect(await w.store.lastWritten((await first(w.store)).uid)).toBeNull();

    w.advance(15 * 60_000);
    const resumed = await w.cycle({ runId: 'resumed' });
    expect(resumed.failures).toEqual([]);
    // The pull shows the values that landed: nothing to write or read back, and each write is recorded.
    expect(resumed.writeback).toMatchObject({ planned: 0, written: 0, confirmed: SIZE, unchanged: SIZE });
    expect(await w.store.lastWritten((await first(w.store)).uid)).not.toBeNull();
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
    expect(await w.store.listIntents()).toEqual([]);
  });
});

describe('a worker killed between writes landing and their record, restarted within seconds', () => {
  // ServiceNow's pull leaves out records updated in the last 10 s (settleMs) and Jira's search lags the
  // writes, so neither pull shows the values that landed yet.
  const w = world(7, SIZE, { jira: { searchLagMs: 120_000 } });

  it('reads those items back and writes nothing twice, on ServiceNow and on Jira', async () => {
    await killedCycle(w);
    const landed = writesPerTarget(w.sandbox);
    expect([...landed.values()].every((n) => n === 1)).toBe(true);

    w.advance(2_000);
    const resumed = await w.cycle({ runId: 'restarted' });
    expect(resumed.failures).toEqual([]);
    expect(resumed.writeback).toMatchObject({ written: 0, failed: 0, confirmed: SIZE });
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
    expect(await w.store.listIntents()).toEqual([]);

    // The next scheduled cycle sees the values in its pull and has nothing to confirm or write.
    w.advance(15 * 60_000);
    const next = await w.cycle({ runId: 'next' });
    expect(next.failures).toEqual([]);
    expect(next.writeback).toMatchObject({ planned: 0, written: 0, confirmed: 0, unchanged: SIZE });
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
  });
});

async function first(store: Store) {
  for await (const item of store.iterateItems()) return item;
  throw new Error('the store holds no items');
}
