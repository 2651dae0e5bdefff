import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../src/app/connectors.js';
import { ANALYSIS_RUN, runCycle, type Stage } from '../../src/app/cycle.js';
import { sandboxConfig } from '../../src/app/demo.js';
import type { Config } from '../../src/config/index.js';
import type { Connector } from '../../src/connectors/connector.js';
import { silentLogger } from '../../src/core/log.js';
import type { Clock } from '../../src/core/time.js';
import type { WorkItem } from '../../src/model/index.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';

// A ticket deleted upstream, end to end: fakes on loopback, deletions through their HTTP APIs, and a
// clock (shared by bearing and the fakes) that jumps the way a schedule does.
const SIZE = 120;
const HOUR = 3_600_000;
let offsetMs = 0;
const clock: Clock = { now: () => Date.now() + offsetMs };
let sandbox: Sandbox;
let config: Config;
let store: Store;
let connectors: Connector[];
let dir: string;
let runs = 0;
const controller = new AbortController();

const cycle = (stages: Stage[] = ['sync', 'analyze', 'writeback']) =>
  runCycle({
    config,
    store,
    connectors,
    log: silentLogger(),
    clock,
    runId: `sweep-${++runs}`,
    signal: controller.signal,
    stages,
  });

beforeAll(async () => {
  const company = generateCompany({ seed: 11, size: SIZE, now: clock.now() - 60_000 });
  sandbox = await startSandbox({ people: company.people, tickets: company.tickets, now: clock.now });
  dir = mkdtempSync(join(tmpdir(), 'bearing-sweep-'));
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

async function liveItems(): Promise<WorkItem[]> {
  const out: WorkItem[] = [];
  for await (const item of store.iterateItems()) out.push(item);
  return out;
}

describe('a ticket deleted in Jira or ServiceNow', () => {
  it('is no longer analysed or written once the daily sweep has seen it gone', async () => {
    const first = await cycle();
    expect(first.failures).toEqual([]);
    expect(first.writeback?.written).toBe(SIZE);

    const items = await liveItems();
    const issue = items.find((i) => i.source === 'jira')!;
    const record = items.find((i) => i.source === 'servicenow')!;
    // People overwrite bearing's score on both, and bearing's next analysis wants it back…
    sandbox.jira.state.editAsHuman(issue.key, { fields: { 'Alignment Score': 1 } });
    sandbox.servicenow.state.editAsHuman(record.scope, record.id, { u_alignment_score: '1' });
    offsetMs += 20 * 60_000;
    expect((await cycle(['sync', 'analyze'])).failures).toEqual([]);
    const staleAnalysis = (await store.lastRun(ANALYSIS_RUN, 'succeeded'))!.id;
    expect(await store.getScore(staleAnalysis, issue.uid)).not.toBeNull();

    // …then both are deleted upstream.
    const jiraAuth = `Basic ${Buffer.from(`${sandbox.jira.auth.email}:${sandbox.jira.auth.token}`).toString('base64')}`;
    const snAuth = `Basic ${Buffer.from(`${sandbox.servicenow.auth.user}:${sandbox.servicenow.auth.password}`).toString('base64')}`;
    const deletedIssue = await fetch(`${sandbox.jira.url}/rest/api/3/issue/${issue.key}`, {
      method: 'DELETE',
      headers: { authorization: jiraAuth },
    });
    const deletedRecord = await fetch(
      `${sandbox.servicenow.url}/api/now/table/${record.scope}/${record.id}`,
      {
        method: 'DELETE',
        headers: { authorization: snAuth },
      },
    );
    expect([deletedIssue.status, deletedRecord.status]).toEqual([204, 204]);

    // Within the day nothing sweeps: the stored tickets stay live.
    offsetMs += HOUR;
    const early = await cycle(['sync']);
    expect(early.sync?.some((s) => s.sweep)).toBe(false);
    expect(await store.countItems()).toBe(SIZE);

    offsetMs += 24 * HOUR;
    const swept = await cycle(['sync']);
    expect(swept.failures).toEqual([]);
    const deleted = (system: string) =>
      (swept.sync ?? []).filter((s) => s.system === system).reduce((n, s) => n + (s.sweep?.deleted ?? 0), 0);
    expect([deleted('jira'), deleted('servicenow')]).toEqual([1, 1]);
    expect(await store.countItems()).toBe(SIZE - 2);

    // The analysis from before the sweep still scores both; write-back leaves them alone anyway.
    const writesBefore = sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length;
    const fromStale = await cycle(['writeback']);
    expect(fromStale.failures).toEqual([]);
    expect(fromStale.writeback).toMatchObject({ planned: 0, failed: 0 });
    expect(sandbox.jira.state.writes.length + sandbox.servicenow.state.writes.length).toBe(writesBefore);

    const next = await cycle();
    expect(next.failures).toEqual([]);
    expect(next.analyze?.items).toBe(SIZE - 2);
    const analysis = (await store.lastRun(ANALYSIS_RUN, 'succeeded'))!.id;
    expect(await store.getScore(analysis, issue.uid)).toBeNull();
    expect(await store.getScore(analysis, record.uid)).toBeNull();
    // Removing two tickets may move other scores (duplicates, pressure); those are written, no more.
    expect(next.writeback?.failed).toBe(0);
    expect((next.writeback?.planned ?? 0) + (next.writeback?.unchanged ?? 0)).toBe(SIZE - 2);
  });
});
