/**
 * Write-back benchmark (not a test): fake Jira Cloud and fake ServiceNow on loopback with N tickets each,
 * a latency knob on every answer, the connectors' rate limit. For each system (ServiceNow with single
 * PATCHes and with the Batch API) it plans and applies, as the pipeline does:
 *   1. the first full write-back (every ticket gets score, goal and flags),
 *   2. an unchanged cycle (nothing to write),
 *   3. a cycle where 1 % of the desired values changed (exactly those are written),
 * and prints calls against the budget and the achieved request rate against the configured one.
 *
 *   npx node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs bench/writeback.ts [items=2000] [latencyMs=20] [perSecond=100]
 *
 * Budgets: Jira ≤ 1.1 × Σ over fields and values of ceil(issues / 1,000) bulk edits (api-facts §10.1),
 * polls of the bulk queue counted apart; ServiceNow single PATCH = one call per record; Batch API =
 * ceil(records / 50) calls. Held values are updated after each write the way the pipeline's
 * applyPlan does (store.updateHeld), so the next plan sees what landed.
 */
import { silentLogger } from '../src/core/log.js';
import type { Connector, PlannedWrite } from '../src/connectors/connector.js';
import type { CallRecord } from '../src/connectors/http/index.js';
import { createJiraConnector } from '../src/connectors/jira/index.js';
import { addBearingFields, FIELD_NAMES } from '../src/connectors/jira/testing.js';
import { createServiceNowConnector } from '../src/connectors/servicenow/index.js';
import type { DesiredValues, WorkItem } from '../src/model/index.js';
import { startLoopbackServer } from '../src/sandbox/http/index.js';
import { DEFAULT_BOT, createFakeJiraInjector, seedPerson, seedTicket } from '../src/sandbox/jira/index.js';
import { createServiceNowSandbox, person, snTicket } from '../src/sandbox/servicenow/index.js';
import { planItem, type PlannedChange } from '../src/writeback/index.js';

const total = Number(process.argv[2] ?? 2000);
const latencyMs = Number(process.argv[3] ?? 20);
const perSecond = Number(process.argv[4] ?? 100);
const GOALS = ['digital-revenue', 'customer-360', 'cost-down', 'run', 'none'];
const FLAG_SETS = [[], ['misaligned'], ['duplicate-work'], ['misaligned', 'request-pressure']];
const signal = new AbortController().signal;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const desiredFor = (n: number, salt = 0): DesiredValues => ({
  score: (n * 37 + salt) % 101,
  goal: GOALS[(n + salt) % GOALS.length] as string,
  flags: FLAG_SETS[(n + salt) % FLAG_SETS.length] as string[],
});

/** Σ over fields and values of ceil(issues / 1,000): the bulk edits a set of changes needs at least. */
function bulkMinimum(changes: readonly PlannedChange[]): number {
  const groups = new Map<string, number>();
  for (const c of changes) {
    for (const field of c.fields) {
      const value = field === 'flags' ? [...c.values.flags].sort().join(',') : String(c.values[field]);
      groups.set(`${field}:${value}`, (groups.get(`${field}:${value}`) ?? 0) + 1);
    }
  }
  return [...groups.values()].reduce((sum, n) => sum + Math.ceil(n / 1000), 0);
}

interface Round {
  label: string;
  planned: number;
  written: number;
  calls: CallRecord[];
  seconds: number;
}

/** Plans every item against its held values, writes the plan in one call, updates held values. */
async function round(
  label: string,
  connector: Connector,
  items: WorkItem[],
  desired: (n: number) => DesiredValues,
  calls: CallRecord[],
): Promise<Round & { changes: PlannedChange[] }> {
  const changes = items.flatMap(
    (item, n) => planItem({ item, desired: desired(n), lastWritten: null }) ?? [],
  );
  calls.length = 0;
  const started = performance.now();
  const writes: PlannedWrite[] = changes.map((c) => ({ item: c.item, values: c.values, fields: c.fields }));
  const outcomes = writes.length ? await connector.writer.write(writes, signal) : [];
  const seconds = (performance.now() - started) / 1000;
  const byUid = new Map(changes.map((c) => [c.item.uid, c]));
  let written = 0;
  for (const o of outcomes) {
    const change = byUid.get(o.uid);
    if (!o.ok || !change) continue;
    change.item.held = { score: change.values.score, goal: change.values.goal, flags: change.values.flags };
    written++;
  }
  return { label, planned: changes.length, written, calls: [...calls], seconds, changes };
}

const rate = (r: Round): string =>
  r.seconds > 0 ? `${(r.calls.length / r.seconds).toFixed(1)} requests/s (configured ${perSecond})` : '-';
const count = (r: Round, endpoint: (e: string) => boolean): number =>
  r.calls.filter((c) => endpoint(c.endpoint)).length;

async function pullAll(connector: Connector, runStartMs: number): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (const scope of await connector.scopes(signal)) {
    for await (const page of connector.pull(scope, { cursor: null, runStartMs, signal })) {
      items.push(...page.items.map((i) => i.item));
    }
  }
  return items;
}

/** 1 % of the items get other desired values; everything else stays as written. */
const onePercent = (n: number): DesiredValues => desiredFor(n, n % 100 === 0 ? 1 : 0);

console.log(`${fmt(total)} tickets per system, latency ${latencyMs} ms, ${perSecond} requests/s per system`);

// ---- Jira Cloud ------------------------------------------------------------------------------------
{
  const now = Date.now();
  const fake = createFakeJiraInjector({
    flavour: 'cloud',
    bulkTask: { startAfterMs: 50, completeAfterMs: 400 },
  });
  const projects = ['SHOP', 'OPS'];
  fake.state.load(
    [seedPerson('p1')],
    Array.from({ length: total }, (_, i) =>
      seedTicket(`${projects[i % 2]}-${Math.floor(i / 2) + 1}`, { updated: now - 86_400_000 }),
    ),
  );
  addBearingFields(fake.state);
  fake.injector.setFaults([{ knobs: { latencyMs } }]);
  const server = await startLoopbackServer(fake.injector);
  const calls: CallRecord[] = [];
  const connector = createJiraConnector({
    url: server.url,
    deployment: 'cloud',
    auth: { email: DEFAULT_BOT.email ?? '', token: DEFAULT_BOT.apiToken ?? '' },
    jql: `project in (${projects.join(', ')})`,
    fields: FIELD_NAMES,
    rateLimit: { perSecond, concurrency: 4 },
    timeoutMs: 30_000,
    rejectUnauthorized: true,
    executives: { emails: [], jiraAccountIds: [], jiraGroups: [] },
    log: silentLogger(),
    onCall: (call) => calls.push(call),
  });
  const items = await pullAll(connector, now);
  const bulk = (r: Round): number => count(r, (e) => e === 'bulk-edit');
  const polls = (r: Round): number => count(r, (e) => e === 'bulk-queue');
  const single = (r: Round): number => count(r, (e) => e === 'issue-edit');
  const show = (r: Round & { changes: PlannedChange[] }): void => {
    const min = bulkMinimum(r.changes);
    console.log(
      `jira ${r.label}: ${fmt(r.written)} of ${fmt(r.planned)} planned written; ${fmt(bulk(r))} bulk edits ` +
        `(budget 1.1 × ${fmt(min)} = ${fmt(1.1 * min)}), ${fmt(polls(r))} polls, ${fmt(single(r))} single edits, ` +
        `${fmt(r.calls.length)} calls in ${r.seconds.toFixed(1)} s, ${rate(r)}`,
    );
  };
  show(await round('first full write-back', connector, items, (n) => desiredFor(n), calls));
  show(await round('unchanged cycle', connector, items, (n) => desiredFor(n), calls));
  show(await round('1 % changed', connector, items, onePercent, calls));
  await server.close();
}

// ---- ServiceNow ------------------------------------------------------------------------------------
for (const batch of [false, true]) {
  const now = Date.now();
  const box = createServiceNowSandbox();
  box.state.load(
    [person('p1'), person('p2')],
    Array.from({ length: total }, (_, i) =>
      snTicket({
        sysId: (0x100000 + i).toString(16).padStart(32, '0'),
        number: `INC${String(1_000_000 + i)}`,
        created: now - 2 * 86_400_000,
        updated: now - 86_400_000,
      }),
    ),
  );
  box.injector.setFaults([{ knobs: { latencyMs } }]);
  const server = await startLoopbackServer(box.injector);
  const calls: CallRecord[] = [];
  const connector = createServiceNowConnector({
    url: server.url,
    auth: { user: 'bearing', password: 'bearing' },
    tables: ['incident'],
    fields: { score: 'u_alignment_score', goal: 'u_business_goal', flags: 'u_alignment_flags' },
    rateLimit: { perSecond, concurrency: 4 },
    timeoutMs: 30_000,
    rejectUnauthorized: true,
    batch,
    executives: { emails: [], servicenow: { vip: true } },
    log: silentLogger(),
    onCall: (call) => calls.push(call),
  });
  const items = await pullAll(connector, now);
  const how = batch ? 'Batch API' : 'single PATCH';
  const show = (r: Round): void => {
    const patches = count(r, (e) => e.endsWith(':write'));
    const batches = count(r, (e) => e === 'batch');
    const budget = batch ? Math.ceil(r.planned / 50) : r.planned;
    console.log(
      `servicenow (${how}) ${r.label}: ${fmt(r.written)} of ${fmt(r.planned)} planned written; ` +
        `${fmt(batch ? batches : patches)} ${batch ? 'batch calls' : 'PATCHes'} (budget ${fmt(budget)}), ` +
        `${fmt(r.calls.length)} calls in all in ${r.seconds.toFixed(1)} s, ${rate(r)}`,
    );
  };
  show(await round('first full write-back', connector, items, (n) => desiredFor(n), calls));
  show(await round('unchanged cycle', connector, items, (n) => desiredFor(n), calls));
  show(await round('1 % changed', connector, items, onePercent, calls));
  await server.close();
}
console.log(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
