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
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';

// A worker that dies after its writes landed upstream but before it recorded them (design.md, "What
// bearing writes"): the next cycle's pull shows the values are there, so nothing is written twice.
const SIZE = 150;
let offsetMs = 0;
const clock: Clock = { now: () => Date.now() + offsetMs };
let sandbox: Sandbox;
let config: Config;
let store: Store;
let connectors: Connector[];
let dir: string;
const controller = new AbortController();

beforeAll(async () => {
  const company = generateCompany({ seed: 5, size: SIZE, now: clock.now() - 60_000 });
  sandbox = await startSandbox({ people: company.people, tickets: company.tickets, now: clock.now });
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

const fakeWrites = (): { jira: number; servicenow: number } => ({
  jira: new Set(sandbox.jira.state.writes.map((w) => w.key)).size,
  servicenow: sandbox.servicenow.state.writes.length,
});

describe('a cycle killed between a write landing and its record', () => {
  it('resumes without writing anything twice', async () => {
    const dying = dyingAtTheAudit(store);
    const killed = await runCycle({
      config,
      store: dying.store,
      connectors,
      log: silentLogger(),
      clock,
      runId: 'crash-1',
      signal: controller.signal,
      stages: ['sync', 'analyze', 'writeback'],
    });
    expect(killed.ok).toBe(false);
    // Each system's writer sends its whole plan before the first outcome is recorded.
    await vi.waitFor(() => expect(dying.audits()).toBe(2), { timeout: 20_000, interval: 50 });
    const landed = fakeWrites();
    expect(landed.jira + landed.servicenow).toBe(SIZE);
    const requests = sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length;
    expect(await store.lastWritten((await first(store)).uid)).toBeNull();

    // The next scheduled cycle, a quarter of an hour later, with a store that works.
    offsetMs += 15 * 60_000;
    const resumed = await runCycle({
      config,
      store,
      connectors,
      log: silentLogger(),
      clock,
      runId: 'crash-2',
      signal: controller.signal,
      stages: ['sync', 'analyze', 'writeback'],
    });
    expect(resumed.failures).toEqual([]);
    expect(resumed.writeback).toMatchObject({ planned: 0, written: 0, unchanged: SIZE });
    expect(sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length).toBe(requests);
  });
});

async function first(store: Store) {
  for await (const item of store.iterateItems()) return item;
  throw new Error('the store holds no items');
}
