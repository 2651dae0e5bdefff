import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createConnectors } from '../../src/app/connectors.js';
import { runCycle, type Stage } from '../../src/app/cycle.js';
import { sandboxConfig } from '../../src/app/demo.js';
import type { Config } from '../../src/config/index.js';
import type { Connector } from '../../src/connectors/connector.js';
import { silentLogger, type Logger } from '../../src/core/log.js';
import type { Clock } from '../../src/core/time.js';
import type { WorkItem } from '../../src/model/index.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export interface CycleOptions {
  runId?: string;
  stages?: Stage[];
  dryRun?: boolean;
  /** Another view of the store, e.g. one that fails on purpose. */
  store?: Store;
  config?: Config;
  log?: Logger;
}

/** A sandbox company on loopback, set up and migrated, with bearing's store and connectors. */
export interface World {
  readonly sandbox: Sandbox;
  readonly store: Store;
  readonly config: Config;
  /** Moves the clock of bearing and both fakes on, the way the time between scheduled cycles does. */
  advance(ms: number): void;
  /** One cycle, all three stages unless told otherwise. */
  cycle(options?: CycleOptions): ReturnType<typeof runCycle>;
  /** The live items in the store. */
  items(filter?: { source?: WorkItem['source'] }): Promise<WorkItem[]>;
  /** Writes by bearing's accounts on both fakes so far. */
  botWrites(): number;
}

/**
 * Registers the set-up (`beforeAll`) and tear-down (`afterAll`) of a world in the calling scope: a
 * module or a describe block.
 */
export function world(seed: number, size: number, sandboxOptions: Pick<SandboxOptions, 'jira'> = {}): World {
  let offsetMs = 0;
  const clock: Clock = { now: () => Date.now() + offsetMs };
  const controller = new AbortController();
  let sandbox: Sandbox;
  let config: Config;
  let store: Store;
  let connectors: Connector[];
  let dir: string;
  let runs = 0;

  beforeAll(async () => {
    const company = generateCompany({ seed, size, now: clock.now() - 60_000 });
    sandbox = await startSandbox({
      people: company.people,
      tickets: company.tickets,
      now: clock.now,
      ...sandboxOptions,
    });
    dir = mkdtempSync(join(tmpdir(), 'bearing-e2e-'));
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
    get config() {
      return config;
    },
    advance: (ms) => void (offsetMs += ms),
    cycle: (options = {}) =>
      runCycle({
        config: options.config ?? config,
        store: options.store ?? store,
        connectors,
        log: options.log ?? silentLogger(),
        clock,
        runId: options.runId ?? `e2e-${++runs}`,
        signal: controller.signal,
        stages: options.stages ?? ['sync', 'analyze', 'writeback'],
        dryRun: options.dryRun,
      }),
    async items(filter = {}) {
      const out: WorkItem[] = [];
      for await (const item of store.iterateItems(filter)) out.push(item);
      return out;
    },
    botWrites: () => sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length,
  };
}
