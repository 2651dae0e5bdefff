/**
 * Jira sync benchmark (not a test): the fake Jira Cloud on loopback with N issues, a latency knob on
 * every answer, and the connector's rate limit. Pulls the way bearing does — `syncAll` (src/pipeline/sync.ts)
 * into a real SQLite store in a temp dir, scopes side by side — and measures a full pull, an incremental
 * pull with 1 % changed, an incremental pull with nothing changed, and a full write-back of bearing's three
 * fields.
 *
 *   npx node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs bench/sync-jira.ts [issues=10000] [latencyMs=50] [perSecond=20]
 *
 * (`--experimental-transform-types`: the sandbox uses TypeScript parameter properties, which plain type
 * stripping refuses.)
 *
 * Prints calls against the minimum of the cheapest strategy (content search: ceil(n / 100) per project;
 * write-back: Σ over fields and values of ceil(issues / 1,000) bulk edits), wall time against calls / rate
 * (write-back: against the rate or the site's bulk tasks, whichever binds — bench/lib/fake-jira.ts), and
 * peak RSS (the fake runs in the same process, so RSS includes its 100k issues).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/log.js';
import type { PlannedWrite } from '../src/connectors/connector.js';
import { seedTicket } from '../src/sandbox/jira/index.js';
import type { WorkItem } from '../src/model/index.js';
import { syncAll } from '../src/pipeline/sync.js';
import { openStore } from '../src/store/index.js';
import { describeTimeline, jiraWriteFloor, startFakeJiraSite } from './lib/fake-jira.js';
import { atLeast, atMost, figure, publish, type Figure } from './lib/figures.js';
import { bulkEditMinimum, jiraPullMinimum, rateBoundSeconds } from './lib/minimum.js';

const total = Number(process.argv[2] ?? 10_000);
const latencyMs = Number(process.argv[3] ?? 50);
const perSecond = Number(process.argv[4] ?? 20);
const PROJECTS = ['SHOP', 'OPS', 'FIN', 'HR'];
const GOALS = ['digital-revenue', 'customer-360', 'cost-down', 'run', 'none'];
const FLAG_SETS = [[], ['misaligned'], ['duplicate-work'], ['request-pressure', 'misaligned']];

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

// ---- the fake site ---------------------------------------------------------------------------------
// The fake's clock runs with real time plus an offset that jumps between runs, as a schedule would.
let offsetMs = 0;
const clock = (): number => Date.now() + offsetMs;
const SCHEDULE_MS = 15 * 60_000;
const now = clock();
const perProject = new Map<string, number>();
const tickets = Array.from({ length: total }, (_, i) => {
  const project = PROJECTS[i % PROJECTS.length] as string;
  const n = (perProject.get(project) ?? 0) + 1;
  perProject.set(project, n);
  // Spread over the last 30 days, oldest first; some share a minute.
  const updated = now - 30 * 86_400_000 + Math.floor((i / total) * 30 * 86_400_000);
  return seedTicket(`${project}-${n}`, {
    created: updated - 86_400_000,
    updated,
    storyPoints: i % 7,
    labels: i % 3 ? ['ops'] : [],
    description: `Ticket ${i} about the checkout and payment flow.\n\n- step one\n- step two`,
  });
});
const site = await startFakeJiraSite({
  projects: PROJECTS,
  tickets,
  latencyMs,
  perSecond,
  // The server limits at twice the client's rate: 429s would mean the client's lane is off.
  serverRatePerSecond: perSecond * 2,
  now: clock,
});
const { fake, connector, calls } = site;

const count = (endpoint: string): number => calls.filter((c) => c.endpoint === endpoint).length;
/** Calls every pull makes whatever changed: server time, field ids, the API user's zone, the projects. */
const SETUP_CALLS = 4;
const figures: Record<string, Figure> = {};

const signal = new AbortController().signal;
const dir = mkdtempSync(join(tmpdir(), 'bearing-bench-jira-'));
const store = await openStore(`sqlite:${join(dir, 'bearing.db')}`);
await store.migrate();

async function sync(label: string, name: string, minimum: number): Promise<Map<string, number>> {
  calls.length = 0;
  const started = performance.now();
  const summaries = await syncAll({
    connectors: [connector],
    store,
    log: silentLogger(),
    runStartMs: clock(),
    signal,
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = summaries.filter((s) => s.error);
  if (failed.length) throw new Error(failed.map((s) => `${s.scope}: ${s.error}`).join('; '));
  const perScope = new Map(summaries.filter((s) => s.items > 0).map((s) => [s.scope, s.items]));
  const items = [...perScope.values()].reduce((a, b) => a + b, 0);
  const searches = count('search');
  const scopes = perScope.size || PROJECTS.length;
  figures[`${name}.calls`] = atMost(calls.length / (minimum + SETUP_CALLS), 1.05, '× minimum');
  figures[`${name}.searchesPerScope`] = figure(searches / scopes, 'searches per scope');
  if (calls.length >= 20)
    figures[`${name}.wall`] = atMost(
      seconds / rateBoundSeconds(calls.length, perSecond),
      1.25,
      '× rate bound',
    );
  console.log(
    `${label}: ${fmt(items)} items, ${fmt(searches)} searches (minimum ${fmt(minimum)}), ${fmt(calls.length)} calls in all, ` +
      `${seconds.toFixed(1)} s (calls / rate = ${(calls.length / perSecond).toFixed(1)} s), 429s: ${calls.filter((c) => c.status === 429).length}`,
  );
  return perScope;
}

console.log(
  `${fmt(total)} issues in ${PROJECTS.length} projects, latency ${latencyMs} ms, ${perSecond} requests/s`,
);

await sync('full pull', 'full', jiraPullMinimum(PROJECTS.map((p) => perProject.get(p) ?? 0)));
const items: WorkItem[] = [];
for await (const item of store.iterateItems({ source: 'jira' })) items.push(item);

// 1 % changed by people over the 15 minutes to the next run, spread over the projects and the history.
const changed = Math.max(1, Math.round(total / 100));
const changedPerProject = new Map<string, number>();
for (let i = 0; i < changed; i++) {
  offsetMs += SCHEDULE_MS / changed;
  const ticket = tickets[(i * 97 + 13) % total] as { key: string; project: string };
  fake.state.editAsHuman(ticket.key, { summary: `changed ${i}` });
  changedPerProject.set(ticket.project, (changedPerProject.get(ticket.project) ?? 0) + 1);
}
// The minimum leaves out the few issues the overlap re-reads (and skips).
await sync(
  'incremental, 1 % changed',
  'changed1pct',
  jiraPullMinimum(PROJECTS.map((p) => changedPerProject.get(p) ?? 0)),
);
offsetMs += SCHEDULE_MS;
// The changes of the overlap before the last run are looked at once more (search lag), then skipped.
await sync('incremental, nothing changed', 'unchanged', PROJECTS.length);
offsetMs += SCHEDULE_MS;
await sync('incremental, nothing changed again', 'unchangedAgain', PROJECTS.length);
for (const name of ['unchanged', 'unchangedAgain']) {
  const perScope = figures[`${name}.searchesPerScope`] as Figure;
  figures[`${name}.searchesPerScope`] = atMost(perScope.value, 1, perScope.unit);
}

// A full write-back: score by hash, five goals, four flag sets.
const writes: PlannedWrite[] = items.map((item, n) => ({
  item,
  values: {
    score: (n * 37) % 101,
    goal: GOALS[n % GOALS.length] as string,
    flags: FLAG_SETS[n % FLAG_SETS.length] as string[],
  },
  fields: ['score', 'goal', 'flags'],
}));
let chunked = 0;
for (let i = 0; i < writes.length; i += 5000)
  chunked += bulkEditMinimum(writes.slice(i, i + 5000).map((w) => w.values));
calls.length = 0;
site.bulkTimeline();
const started = performance.now();
// One write() with the whole plan: grouping by value needs to see every write of a value at once.
const outcomes = await connector.writer.write(writes, signal);
const seconds = (performance.now() - started) / 1000;
const minimumBulk = bulkEditMinimum(writes.map((w) => w.values));
figures['writeback.writes'] = atMost(
  (count('bulk-edit') + count('issue-edit')) / minimumBulk,
  1.1,
  '× Σ ceil(items per value / 1,000)',
);
const floor = jiraWriteFloor(calls.length, count('bulk-edit'), perSecond, latencyMs);
figures['writeback.wall'] = atMost(seconds / floor.seconds, 1.25, '× floor');
figures['writeback.written'] = atLeast(
  outcomes.filter((o) => o.ok).length / writes.length,
  1,
  'share of items',
);
console.log(
  `write-back: ${fmt(outcomes.filter((o) => o.ok).length)} of ${fmt(writes.length)} written, ${fmt(count('bulk-edit'))} bulk edits ` +
    `(minimum Σ ceil(items per value / 1,000) = ${fmt(minimumBulk)}), ${fmt(count('bulk-queue'))} polls, ` +
    `${fmt(count('issue-edit'))} single edits, ${seconds.toFixed(1)} s = ${(seconds / floor.seconds).toFixed(2)} × floor ` +
    `(${floor.seconds.toFixed(1)} s by ${floor.by})`,
);
console.log(`  ${describeTimeline(site.bulkTimeline(), latencyMs)}`);
console.log(
  `  handed over in the pipeline's default chunks of 5,000 the same plan needs ${fmt(chunked)} bulk edits: give applyPlan a chunk size of the whole plan for Jira`,
);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS)}`);
figures.peakRss = figure(process.resourceUsage().maxRSS / 1024, 'MB');
publish(`jira.${total}`, figures);
await store.close();
rmSync(dir, { recursive: true, force: true });
await site.close();
