import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConnectors } from '../../src/app/connectors.js';
import { runCycle } from '../../src/app/cycle.js';
import { sandboxConfig } from '../../src/app/demo.js';
import type { Config } from '../../src/config/index.js';
import type { Connector } from '../../src/connectors/connector.js';
import { silentLogger } from '../../src/core/log.js';
import type { Clock } from '../../src/core/time.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';

// A worker that dies after its writes landed upstream but before it recorded them (design.md, "What
// bearing writes"): the next cycle writes nothing twice, whether its pull shows the values that landed
// or not yet.
const SIZE = 150;

interface World {
  sandbox: Sandbox;
  store: Store;
  /** Moves the clock of bearing and both fakes on. */
  advance(ms: number): void;
  cycle(runId: string, store?: Store): ReturnType<typeof runCycle>;
}

/** A sandbox company, a store and connectors on their own clock; torn down after the describe block. */
function world(seed: number, sandboxOptions: Pick<SandboxOptions, 'jira'> = {}): World {
  let offsetMs = 0;
  const clock: Clock = { now: () => Date.now() + offsetMs };
  const controller = new AbortController();
  let sandbox: Sandbox;
  let config: Config;
  let store: Store;
  let connectors: Connector[];
  let dir: string;
  beforeAll(async () => {
    const company = generateCompany({ seed, size: SIZE, now: clock.now() - 60_000 });
    sandbox = await startSandbox({
      people: company.people,
      tickets: company.tickets,
      now: clock.now,
      ...sandboxOptions,
    });
    dir = mkdtempSync(join(tmpdir(), 'bearing-crash-'));
    config = await sandboxConfig(sandbox, company, dir, { out: join(dir, 'out') });
    store = await openStore(config.store.url);
    await store.migrate();
    connectors = createConnectors(config, { log: silentLogger(), clock, signal: controller.signal });
    for (const c of connectors) expect((await c.setup(controller.signal)).ready).toBe(true);
  }, 60_000);
  afterAll(async () => {
    controller.abort();
    await store?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get sandbox() {
      return sandbox;
    },
    get store() {
      return store;
    },
    advance: (ms) => void (offsetMs += ms),
    cycle: (runId, on = store) =>
      runCycle({
        config,
        store: on,
        connectors,
        log: silentLogger(),
        clock,
        runId,
        signal: controller.signal,
        stages: ['sync', 'analyze', 'writeback'],
      }),
  };
}

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
  const killed = await w.cycle('killed', dying.store);
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
  const w = world(5);

  it('resumes a quarter of an hour later without writing anything twice', async () => {
    await killedCycle(w);
    const landed = writesPerTarget(w.sandbox);
    const jiraIssues = new Set(w.sandbox.jira.state.writes.map((x) => x.key)).size;
    expect(jiraIssues + w.sandbox.servicenow.state.writes.length).toBe(SIZE);
    expect(await w.store.lastWritten((await first(w.store)).uid)).toBeNull();

    w.advance(15 * 60_000);
    const resumed = await w.cycle('resumed');
    expect(resumed.failures).toEqual([]);
    // The pull shows the values that landed: nothing to write and nothing to read back.
    expect(resumed.writeback).toMatchObject({ planned: 0, written: 0, confirmed: 0, unchanged: SIZE });
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
    expect(await w.store.listIntents()).toEqual([]);
  });
});

describe('a worker killed between writes landing and their record, restarted within seconds', () => {
  // ServiceNow's pull leaves out records updated in the last 10 s (settleMs) and Jira's search lags the
  // writes, so neither pull shows the values that landed yet.
  const w = world(7, { jira: { searchLagMs: 120_000 } });

  it('reads those items back and writes nothing twice, on ServiceNow and on Jira', async () => {
    await killedCycle(w);
    const landed = writesPerTarget(w.sandbox);
    expect([...landed.values()].every((n) => n === 1)).toBe(true);

    w.advance(2_000);
    const resumed = await w.cycle('restarted');
    expect(resumed.failures).toEqual([]);
    expect(resumed.writeback).toMatchObject({ written: 0, failed: 0, confirmed: SIZE });
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
    expect(await w.store.listIntents()).toEqual([]);

    // The next scheduled cycle sees the values in its pull and has nothing to confirm or write.
    w.advance(15 * 60_000);
    const next = await w.cycle('next');
    expect(next.failures).toEqual([]);
    expect(next.writeback).toMatchObject({ planned: 0, written: 0, confirmed: 0, unchanged: SIZE });
    expect(writesPerTarget(w.sandbox)).toEqual(landed);
  });
});

async function first(store: Store) {
  for await (const item of store.iterateItems()) return item;
  throw new Error('the store holds no items');
}
