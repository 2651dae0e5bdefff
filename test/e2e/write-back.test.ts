import { mkdtempSync } from 'node:fs';
import { Writable } from 'node:stream';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../src/app/connectors.js';
import { runCycle, type Stage } from '../../src/app/cycle.js';
import { sandboxConfig } from '../../src/app/demo.js';
import type { Config } from '../../src/config/index.js';
import type { Connector } from '../../src/connectors/connector.js';
import { createLogger, silentLogger } from '../../src/core/log.js';
import { systemClock } from '../../src/core/time.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';

// End to end against the sandbox's loopback servers: what project managers see on their tickets.
const SIZE = 300;
let sandbox: Sandbox;
let config: Config;
let store: Store;
let connectors: Connector[];
let dir: string;
let runs = 0;
const controller = new AbortController();

const cycle = (stages: Stage[] = ['sync', 'analyze', 'writeback'], dryRun = false) =>
  runCycle({
    config,
    store,
    connectors,
    log: silentLogger(),
    clock: systemClock,
    runId: `e2e-${++runs}`,
    signal: controller.signal,
    stages,
    dryRun,
  });
const botWrites = (): number => sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length;

beforeAll(async () => {
  const now = Date.now();
  const company = generateCompany({ seed: 7, size: SIZE, now: now - 60_000 });
  sandbox = await startSandbox({ people: company.people, tickets: company.tickets });
  dir = mkdtempSync(join(tmpdir(), 'bearing-e2e-'));
  config = await sandboxConfig(sandbox, company, dir, { out: join(dir, 'out') });
  store = await openStore(config.store.url);
  await store.migrate();
  connectors = createConnectors(config, {
    log: silentLogger(),
    clock: systemClock,
    signal: controller.signal,
  });
  for (const c of connectors) expect((await c.setup(controller.signal)).ready).toBe(true);
}, 60_000);

afterAll(async () => {
  controller.abort();
  await store?.close();
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('write-back against fake Jira and ServiceNow', () => {
  let scoredKey = '';

  it('writes score, goal and flags onto every ticket in the first cycle', async () => {
    const first = await cycle();
    expect(first.failures).toEqual([]);
    expect(first.writeback?.written).toBe(SIZE);
    const jiraItem = (await collect(store.iterateItems({ source: 'jira' })))[0]!;
    scoredKey = jiraItem.key;
    const score = sandbox.jira.state.valueOf(scoredKey, 'Alignment Score');
    expect(typeof score).toBe('number');
    const snWrite = sandbox.servicenow.state.writes[0]!;
    expect(
      Object.keys(snWrite.body as object).every(
        (k) => k.startsWith('u_alignment_') || k === 'u_business_goal',
      ),
    ).toBe(true);
  });

  it('writes nothing in a second cycle when nothing changed', async () => {
    const before = botWrites();
    const second = await cycle();
    expect(second.failures).toEqual([]);
    expect(second.writeback?.written).toBe(0);
    expect(second.writeback?.unchanged).toBe(SIZE);
    expect(botWrites()).toBe(before);
  });

  it('puts back a score a human overwrote, once', async () => {
    const ours = sandbox.jira.state.valueOf(scoredKey, 'Alignment Score') as number;
    sandbox.jira.state.editAsHuman(scoredKey, { fields: { 'Alignment Score': ours === 100 ? 1 : 100 } });
    const third = await cycle();
    expect(third.writeback?.written).toBe(1);
    expect(third.writeback?.restored).toBe(1);
    expect(sandbox.jira.state.valueOf(scoredKey, 'Alignment Score')).toBe(ours);
    const fourth = await cycle();
    expect(fourth.writeback?.written).toBe(0);
  });

  it('shows the planned change in a dry run and writes nothing', async () => {
    const ours = sandbox.jira.state.valueOf(scoredKey, 'Alignment Score') as number;
    sandbox.jira.state.editAsHuman(scoredKey, { fields: { 'Alignment Score': ours === 100 ? 1 : 100 } });
    await cycle(['sync']);
    const before = botWrites();
    const dry = await cycle(['writeback'], true);
    expect(dry.writeback?.preview).toEqual([
      `${scoredKey} score: ${ours === 100 ? 1 : 100} → ${ours} (restoring an overwrite)`,
    ]);
    expect(botWrites()).toBe(before);
  });
});

describe('write-back after changes and failures', () => {
  it('rewrites an item whose content changed, once', async () => {
    const item = (await collect(store.iterateItems({ source: 'jira' }))).find(
      (i) => i.priority >= 3 && i.status !== 'done',
    )!;
    sandbox.jira.state.editAsHuman(item.key, { priority: 1, summary: `${item.title} (urgent)` });
    const writesTo = () => sandbox.jira.state.writes.filter((w) => w.key === item.key).length;
    const before = writesTo();
    const changed = await cycle();
    expect(changed.failures).toEqual([]);
    expect(writesTo()).toBeGreaterThan(before);
    const after = writesTo();
    const again = await cycle();
    expect(again.writeback?.written).toBe(0);
    expect(writesTo()).toBe(after);
  });

  it('retries a failed write next cycle while the other items are written', async () => {
    const jira = await collect(store.iterateItems({ source: 'jira' }));
    const refusedItem = jira.find((i) => i.scope === jira[0]!.scope)!;
    const writtenItem = jira.find((i) => i.scope !== refusedItem.scope)!;
    for (const item of [refusedItem, writtenItem]) {
      sandbox.jira.state.editAsHuman(item.key, { fields: { 'Alignment Score': 3 } });
    }
    // The service account loses edit rights on one project: its items fail one by one.
    sandbox.jira.state.setPermissions('bearing-bot', { editIssues: [writtenItem.scope] });
    const refused = await cycle();
    expect(refused.writeback).toMatchObject({ written: 1, failed: 1 });
    expect(sandbox.jira.state.valueOf(writtenItem.key, 'Alignment Score')).not.toBe(3);
    expect(sandbox.jira.state.valueOf(refusedItem.key, 'Alignment Score')).toBe(3);
    sandbox.jira.state.setPermissions('bearing-bot', { editIssues: true });
    const retried = await cycle();
    expect(retried.writeback).toMatchObject({ written: 1, failed: 0 });
    expect(sandbox.jira.state.valueOf(refusedItem.key, 'Alignment Score')).not.toBe(3);
  });
});

describe('write-back turned off', () => {
  it('writes nothing to either system and says so in the log', async () => {
    const jira = (await collect(store.iterateItems({ source: 'jira' })))[0]!;
    const sn = (await collect(store.iterateItems({ source: 'servicenow' })))[0]!;
    sandbox.jira.state.editAsHuman(jira.key, { fields: { 'Alignment Score': 2 } });
    sandbox.servicenow.state.editAsHuman(sn.scope, sn.id, { u_alignment_score: '2' });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const before = botWrites();
    const off = await runCycle({
      config: { ...config, writeback: { ...config.writeback, enabled: false } },
      store,
      connectors,
      log: createLogger({ level: 'info', destination }),
      clock: systemClock,
      runId: `e2e-${++runs}`,
      signal: controller.signal,
      stages: ['sync', 'analyze', 'writeback'],
    });
    expect(off.failures).toEqual([]);
    expect(off.writeback).toBeUndefined();
    expect(botWrites()).toBe(before);
    expect(sandbox.jira.state.valueOf(jira.key, 'Alignment Score')).toBe(2);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(
      'write-back is turned off (writeback.enabled: false)',
    );
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}
