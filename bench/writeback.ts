/**
 * Write-back benchmark (not a test): fake Jira Cloud and fake ServiceNow on loopback with N tickets each,
 * a latency knob on every answer, the connectors' rate limit. For each system (ServiceNow with single
 * PATCHes and with the Batch API) it plans and applies, as the pipeline does:
 *   1. the first full write-back (every ticket gets score, goal and flags),
 *   2. an unchanged cycle (nothing to write),
 *   3. a cycle where 1 % of the desired values changed (exactly those are written),
 * and prints calls against the budget and the achieved request rate against the configured one; the
 * figures go to `npm run bench` through bench/lib/figures.ts.
 *
 *   npx node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs bench/writeback.ts [--quick] [items=2000] [latencyMs=20] [perSecond=100]
 *
 * `--quick` (what `npm run bench -- --quick` passes) writes 1,000 tickets per system, well under a minute.
 *
 * Budgets: Jira ≤ 1.1 × Σ over fields and values of ceil(issues / 1,000) bulk edits (api-facts §10.1,
 * bulkEditMinimum), polls of the bulk queue counted apart; ServiceNow single PATCH = one call per record;
 * Batch API = ceil(records / 50) calls. An unchanged cycle writes nothing; with 1 % of the desired values
 * changed, exactly those items are written. Held values are updated after each write the way the
 * pipeline's applyPlan does (store.updateHeld), so the next plan sees what landed.
 *
 * Wall time is held against the floor set by what limits the writes. ServiceNow single PATCHes: the rate,
 * calls / rate. Jira: the rate, or the site's bulk tasks, whichever is slower — a site runs about 5 bulk
 * tasks at once (§10.1) and each of the fake's takes `completeAfterMs` whatever its size, so they run in
 * waves of 5, each wave one latency longer than a task (bench/lib/fake-jira.ts, jiraWriteFloor):
 * max(calls / rate, ceil(bulk edits / 5) × (completeAfterMs + latencyMs)). The Batch API is bound by the
 * instance's time per PATCH rather than the rate (§10.1), so its wall time is printed without a budget.
 */
import { parseArgs } from 'node:util';
import { silentLogger } from '../src/core/log.js';
import type { Connector, PlannedWrite } from '../src/connectors/connector.js';
import type { CallRecord } from '../src/connectors/http/index.js';
import { createServiceNowConnector } from '../src/connectors/servicenow/index.js';
import type { DesiredValues, WorkItem } from '../src/model/index.js';
import { startLoopbackServer } from '../src/sandbox/http/index.js';
import { seedTicket } from '../src/sandbox/jira/index.js';
import { createServiceNowSandbox, person, snTicket } from '../src/sandbox/servicenow/index.js';
import { planItem, type PlannedChange } from '../src/writeback/index.js';
import { describeTimeline, jiraWriteFloor, startFakeJiraSite } from './lib/fake-jira.js';
import { atMost, figure, publish, type Figure } from './lib/figures.js';
import { bulkEditMinimum, rateBoundSeconds } from './lib/minimum.js';

const { values: flags, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const total = Number(positionals[0] ?? (flags.quick ? 1000 : 2000));
const latencyMs = Number(positionals[1] ?? 20);
const perSecond = Number(positionals[2] ?? 100);
const GOALS = ['digital-revenue', 'customer-360', 'cost-down', 'run', 'none'];
const FLAG_SETS = [[], ['misaligned'], ['duplicate-work'], ['misaligned', 'request-pressure']];
const signal = new AbortController().signal;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const desiredFor = (n: number, salt = 0): DesiredValues => ({
  score: (n * 37 + salt) % 101,
  goal: GOALS[(n + salt) % GOALS.length] as string,
  flags: FLAG_SETS[(n + salt) % FLAG_SETS.length] as string[],
});

/** The bulk edits a set of changes needs at least (bench/lib/minimum.ts). */
const bulkMinimum = (changes: readonly PlannedChange[]): number =>
  bulkEditMinimum(changes.map((c) => ({ ...c.values, fields: c.fields })));

interface Round {
  label: string;
  planned: number;
  written: number;
  calls: CallRecord[];
  seconds: number;
  /** Uids of the items written. */
  writtenUids: Set<string>;
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
  const writtenUids = new Set<string>();
  for (const o of outcomes) {
    const change = byUid.get(o.uid);
    if (!o.ok || !change) continue;
    change.item.held = { score: change.values.score, goal: change.values.goal, flags: change.values.flags };
    writtenUids.add(o.uid);
  }
  return {
    label,
    planned: changes.length,
    written: writtenUids.size,
    writtenUids,
    calls: [...calls],
    seconds,
    changes,
  };
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
const changedOnePercent = (n: number): boolean => n % 100 === 0;
const onePercent = (n: number): DesiredValues => desiredFor(n, changedOnePercent(n) ? 1 : 0);

const figures: Record<string, Figure> = {};

/**
 * The figures every system shares: an unchanged cycle writes nothing, and with 1 % changed exactly the
 * changed items are written (counted: items written that did not change plus changed items not written).
 */
function publishCycles(system: string, items: readonly WorkItem[], unchanged: Round, changed: Round): void {
  figures[`${system}.unchanged.writes`] = atMost(unchanged.planned, 0, 'items written');
  const expected = new Set(items.filter((_, n) => changedOnePercent(n)).map((i) => i.uid));
  const offTarget =
    [...changed.writtenUids].filter((uid) => !expected.has(uid)).length +
    [...expected].filter((uid) => !changed.writtenUids.has(uid)).length;
  figures[`${system}.changed1pct.offTarget`] = atMost(
    offTarget,
    0,
    'items written but unchanged, or changed but not written',
  );
}

/** Wall time against a floor, for rounds with enough calls to time. */
function publishWall(name: string, r: Round, floorSeconds: number): void {
  if (r.calls.length >= 20) figures[name] = atMost(r.seconds / floorSeconds, 1.25, '× floor');
  if (r.calls.length > 0) figures[`${name}Rate`] = figure(r.calls.length / r.seconds, 'requests/s');
}

console.log(`${fmt(total)} tickets per system, latency ${latencyMs} ms, ${perSecond} requests/s per system`);

// ---- Jira Cloud ------------------------------------------------------------------------------------
{
  const now = Date.now();
  const projects = ['SHOP', 'OPS'];
  const site = await startFakeJiraSite({
    projects,
    tickets: Array.from({ length: total }, (_, i) =>
      seedTicket(`${projects[i % 2]}-${Math.floor(i / 2) + 1}`, { updated: now - 86_400_000 }),
    ),
    latencyMs,
    perSecond,
  });
  const { connector, calls } = site;
  const items = await pullAll(connector, now);
  const bulk = (r: Round): number => count(r, (e) => e === 'bulk-edit');
  const polls = (r: Round): number => count(r, (e) => e === 'bulk-queue');
  const single = (r: Round): number => count(r, (e) => e === 'issue-edit');
  const show = (r: Round & { changes: PlannedChange[] }, key: string): void => {
    const min = bulkMinimum(r.changes);
    const floor = jiraWriteFloor(r.calls.length, bulk(r), perSecond, latencyMs);
    const timeline = site.bulkTimeline();
    if (min > 0) figures[`jira.${key}.bulkEdits`] = atMost(bulk(r) / min, 1.1, '× bulkEditMinimum');
    if (bulk(r) > 0)
      figures[`jira.${key}.pollsPerTask`] = atMost(polls(r) / bulk(r), 2, 'polls per bulk task');
    publishWall(`jira.${key}.wall`, r, floor.seconds);
    console.log(
      `jira ${r.label}: ${fmt(r.written)} of ${fmt(r.planned)} planned written; ${fmt(bulk(r))} bulk edits ` +
        `(budget 1.1 × ${fmt(min)} = ${fmt(1.1 * min)}), ${fmt(polls(r))} polls, ${fmt(single(r))} single edits, ` +
        `${fmt(r.calls.length)} calls in ${r.seconds.toFixed(2)} s = ${(r.seconds / floor.seconds).toFixed(2)} × floor ` +
        `(${floor.seconds.toFixed(2)} s by ${floor.by}), ${rate(r)}`,
    );
    if (timeline.tasks > 0) console.log(`  ${describeTimeline(timeline, latencyMs)}`);
  };
  show(await round('first full write-back', connector, items, (n) => desiredFor(n), calls), 'full');
  const unchanged = await round('unchanged cycle', connector, items, (n) => desiredFor(n), calls);
  show(unchanged, 'unchanged');
  const changed = await round('1 % changed', connector, items, onePercent, calls);
  show(changed, 'changed1pct');
  publishCycles('jira', items, unchanged, changed);
  await site.close();
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
  const system = batch ? 'servicenowBatch' : 'servicenow';
  const show = (r: Round, key: string): void => {
    const patches = count(r, (e) => e.endsWith(':write'));
    const batches = count(r, (e) => e === 'batch');
    const budget = batch ? Math.ceil(r.planned / 50) : r.planned;
    if (budget > 0)
      figures[`${system}.${key}.calls`] = atMost((batch ? batches : patches) / budget, 1.05, '× minimum');
    if (batch) {
      if (r.calls.length > 0) figures[`${system}.${key}.wallSeconds`] = figure(r.seconds, 's');
    } else publishWall(`${system}.${key}.wall`, r, rateBoundSeconds(r.calls.length, perSecond));
    console.log(
      `servicenow (${how}) ${r.label}: ${fmt(r.written)} of ${fmt(r.planned)} planned written; ` +
        `${fmt(batch ? batches : patches)} ${batch ? 'batch calls' : 'PATCHes'} (budget ${fmt(budget)}), ` +
        `${fmt(r.calls.length)} calls in all in ${r.seconds.toFixed(1)} s, ${rate(r)}`,
    );
  };
  show(await round('first full write-back', connector, items, (n) => desiredFor(n), calls), 'full');
  const unchanged = await round('unchanged cycle', connector, items, (n) => desiredFor(n), calls);
  show(unchanged, 'unchanged');
  const changed = await round('1 % changed', connector, items, onePercent, calls);
  show(changed, 'changed1pct');
  publishCycles(system, items, unchanged, changed);
  await server.close();
}
console.log(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
figures.peakRss = figure(process.resourceUsage().maxRSS / 1024, 'MB');
publish(`writeback.${total}`, figures);
