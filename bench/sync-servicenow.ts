/**
 * Benchmark (not a test) of the ServiceNow pull against the fake ServiceNow on loopback, the way bearing
 * pulls: `syncAll` (src/pipeline/sync.ts) into a real SQLite store in a temp dir, tables side by side.
 * A full pull of every table, an incremental pull after 1 % of the records changed, and one after
 * nothing changed, at 10k and 100k records per table (five tables).
 *
 *   npx node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs \
 *     bench/sync-servicenow.ts [sizes=10000,100000] [--latency=50] [--rate=20] [--page=1000]
 *
 * Runs on Node 24 without a build: the import hook maps our `.js` specifiers to the `.ts` sources, and
 * `--experimental-transform-types` (not plain type stripping) is needed because the sandbox uses
 * constructor parameter properties. Each size runs in a child process of its own, and the fake runs
 * in a grandchild, so the peak RSS printed is the sync's alone (connector and store). Every request to
 * the fake waits `latency` ms, and the fake answers 429 above `rate` requests a second; the connector's
 * lane is set to the same rate.
 *
 * Printed per phase: calls made (429s included) against the floor — keyset pages, ceil(N / page) per
 * table (one when nothing changed); requesters and assignees come dot-walked in the same rows, so
 * there are no user look-ups to add (the count printed should stay 0) — and wall time against
 * calls / rate. Also the CPU time of bearing (this process: connector, pipeline, store) per item and
 * against the rate bound, split into its main thread, the store's writer thread and the garbage
 * collector's threads, and the fake's. bearing and the fake share this machine's two cores, so the
 * wall is about the largest of the rate bound, bearing's main thread, and half of all the CPU used.
 * The fake needs ~30 µs of CPU an item (display values and JSON for every field); a real instance
 * spends that on its own machine.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceNowConnector } from '../src/connectors/servicenow/index.js';
import type { CallRecord } from '../src/connectors/http/index.js';
import { silentLogger } from '../src/core/index.js';
import { syncAll } from '../src/pipeline/sync.js';
import { openStore } from '../src/store/index.js';
import { seededRandom, startLoopbackServer } from '../src/sandbox/http/index.js';
import { createServiceNowSandbox } from '../src/sandbox/servicenow/index.js';
import type { SeedPerson, SeedSnTable, SeedSnTicket } from '../src/sandbox/seed.js';
import { atMost, figure, publish, type Figure } from './lib/figures.js';
import { rateBoundSeconds, serviceNowPullMinimum } from './lib/minimum.js';
import { threadCpuSeconds, threadCpuSince } from './lib/threads.js';

const TABLES: readonly SeedSnTable[] = [
  'incident',
  'sc_req_item',
  'change_request',
  'pm_project',
  'dmn_demand',
];
const PREFIX: Record<SeedSnTable, string> = {
  incident: 'INC',
  sc_req_item: 'RITM',
  change_request: 'CHG',
  pm_project: 'PRJ',
  dmn_demand: 'DMND',
};
const PEOPLE = 2000;
const AUTH = { user: 'bearing', password: 'bench-pass' };
const SETTLE_MS = 1000;
const DAY = 86_400_000;

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};
const knobs = { latency: flag('latency', 50), rate: flag('rate', 20), page: flag('page', 1000) };
const positional = args.filter((a) => !a.startsWith('--'));
const passFlags = args.filter((a) => a.startsWith('--'));

const hex = (n: number): string => n.toString(16).padStart(32, '0');

function company(perTable: number): { people: SeedPerson[]; tickets: SeedSnTicket[] } {
  const random = seededRandom(42);
  const people: SeedPerson[] = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    email: `person${i}@acme.example`,
    title: i % 50 === 0 ? 'Chief Something Officer' : 'Engineer',
    department: `Dept ${i % 20}`,
    vip: i % 50 === 0,
    isExecutive: i % 50 === 0,
    jiraAccountId: `acc-${i}`,
    snSysId: hex(0x100000 + i),
    jiraGroups: [],
  }));
  const start = Date.now() - 60 * DAY;
  const tickets: SeedSnTicket[] = [];
  TABLES.forEach((table, t) => {
    for (let i = 0; i < perTable; i++) {
      const created = start + Math.floor((i * 30 * DAY) / perTable);
      const status = (['todo', 'doing', 'done'] as const)[Math.floor(random() * 3)] ?? 'doing';
      tickets.push({
        system: 'servicenow',
        sysId: hex(t * 10_000_000 + i + 1),
        number: `${PREFIX[table]}${String(i + 1).padStart(7, '0')}`,
        table,
        title: `Ticket ${i} about checkout and payments`,
        description: 'First paragraph of the description.\n\nSecond paragraph with a little more text.',
        priority: 1 + Math.floor(random() * 5),
        status,
        requesterId: `p${Math.floor(random() * PEOPLE)}`,
        assigneeId: `p${Math.floor(random() * PEOPLE)}`,
        created,
        updated: created + Math.floor(random() * 20 * DAY),
        resolved: status === 'done' ? created + 21 * DAY : null,
        assignmentGroup: `Group ${i % 40}`,
        category: 'software',
        businessService: `Service ${i % 25}`,
        impact: 2,
        urgency: 2,
        hours: 1 + (i % 8),
        parentNumber: null,
      });
    }
  });
  return { people, tickets };
}

/** The fake, in its own process: serves on loopback, edits a share of the records when asked. */
async function serve(perTable: number): Promise<void> {
  const { people, tickets } = company(perTable);
  const box = createServiceNowSandbox({ auth: { basic: [AUTH] } });
  box.state.load(people, tickets);
  box.injector.setFaults([
    { knobs: { latencyMs: knobs.latency, ratePerSecond: knobs.rate, retryAfterSeconds: 1 } },
  ]);
  const server = await startLoopbackServer(box.injector);
  const random = seededRandom(7);
  process.on('message', (message: { type: string; share: number }) => {
    if (message.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() });
    if (message.type !== 'edit') return;
    let edited = 0;
    for (const table of TABLES) {
      const rows = box.state.records(table);
      const picks = new Set<number>();
      while (picks.size < Math.round(rows.length * message.share))
        picks.add(Math.floor(random() * rows.length));
      for (const i of picks) {
        box.state.editAsHuman(table, rows[i]?.sys_id as string, { short_description: `Edited ${i}` });
        edited++;
      }
    }
    process.send?.({ type: 'edited', edited });
  });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', url: server.url });
}

/** The threads whose CPU is told apart, by their names in /proc. */
const THREADS = [
  ['MainThread', 'main'],
  ['WorkerThread', 'writer'],
  ['V8Worker', 'gc'],
] as const;

const perThread = (threads: Map<string, number>, items: number): string =>
  THREADS.filter(([thread]) => threads.has(thread))
    .map(([thread, name]) => `; ${name} ${Math.round(((threads.get(thread) ?? 0) * 1e6) / items)}`)
    .join('');

function ask<T>(child: ChildProcess, message: unknown, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (reply: { type: string }) => {
      if (reply.type !== answer) return;
      child.off('message', on);
      resolve(reply as T);
    };
    child.on('message', on);
    if (message !== undefined) child.send(message as object);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One size: start the fake, then full, 1 % changed and nothing-changed pulls. */
async function run(perTable: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve', String(perTable), ...passFlags], {
    execArgv: process.execArgv,
  });
  const { url } = await ask<{ url: string }>(child, undefined, 'ready');
  const calls: CallRecord[] = [];
  const connector = createServiceNowConnector({
    url,
    auth: AUTH,
    fields: { score: 'u_alignment_score', goal: 'u_business_goal', flags: 'u_alignment_flags' },
    rateLimit: { perSecond: knobs.rate, concurrency: 4 },
    timeoutMs: 60_000,
    rejectUnauthorized: true,
    batch: false,
    pageSize: knobs.page,
    settleMs: SETTLE_MS,
    executives: { emails: [], servicenow: { vip: true, titlePattern: '^Chief' } },
    log: silentLogger(),
    onCall: (c) => calls.push(c),
  });
  const dir = mkdtempSync(join(tmpdir(), 'bearing-bench-servicenow-'));
  const store = await openStore(`sqlite:${join(dir, 'bearing.db')}`);
  await store.migrate();
  const figures: Record<string, Figure> = {};
  const baseline = Math.round(process.memoryUsage().rss / 1e6);

  const fakeCpuSeconds = async (): Promise<number> => {
    const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(child, { type: 'cpu' }, 'cpu');
    return (usage.user + usage.system) / 1e6;
  };

  async function phase(name: string, key: string): Promise<void> {
    calls.length = 0;
    const fakeCpu = await fakeCpuSeconds();
    const runStartMs = Date.now();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const threadsBefore = threadCpuSeconds();
    const summaries = await syncAll({
      connectors: [connector],
      store,
      log: silentLogger(),
      runStartMs,
      signal: AbortSignal.timeout(3_600_000),
    });
    const failed = summaries.filter((s) => s.error);
    if (failed.length) throw new Error(failed.map((s) => `${s.scope}: ${s.error}`).join('; '));
    const sizes = summaries.map((s) => s.items);
    const items = sizes.reduce((a, b) => a + b, 0);
    const floor = serviceNowPullMinimum(sizes, knobs.page);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const threads = threadCpuSince(threadsBefore);
    const fakeSeconds = (await fakeCpuSeconds()) - fakeCpu;
    const limited = calls.filter((c) => c.status === 429).length;
    const lookups = calls.filter((c) => c.endpoint === 'table:sys_user').length;
    figures[`${key}.calls`] = atMost(calls.length / floor, 1.05, '× minimum');
    if (calls.length >= 20)
      figures[`${key}.wall`] = atMost(
        seconds / rateBoundSeconds(calls.length, knobs.rate),
        1.25,
        '× rate bound',
      );
    const bound = rateBoundSeconds(calls.length, knobs.rate);
    if (key === 'full') {
      figures[`${key}.cpuPerItem`] = figure((cpuSeconds * 1e6) / items, 'µs/item');
      figures[`${key}.cpu`] = figure(cpuSeconds / bound, '× rate bound');
      figures[`${key}.fakeCpuPerItem`] = figure((fakeSeconds * 1e6) / items, 'µs/item');
      for (const [thread, name] of THREADS) {
        const seconds = threads.get(thread);
        if (seconds !== undefined)
          figures[`${key}.${name}CpuPerItem`] = figure((seconds * 1e6) / items, 'µs/item');
      }
    }
    if (key === 'unchanged')
      figures[`${key}.callsPerTable`] = atMost(calls.length / TABLES.length, 1, 'calls per table');
    console.log(
      [
        `${String(perTable).padStart(7)}/table`,
        name.padEnd(14),
        `items ${String(items).padStart(7)}`,
        `calls ${String(calls.length).padStart(5)} (floor ${floor}; user look-ups ${lookups}; 429s ${limited})`,
        `wall ${seconds.toFixed(1).padStart(6)} s (calls/rate ${(calls.length / knobs.rate).toFixed(1)} s)`,
        `CPU: bearing ${cpuSeconds.toFixed(1)} s${items ? ` (${Math.round((cpuSeconds * 1e6) / items)} µs/item, ${(cpuSeconds / bound).toFixed(2)}× the rate bound${perThread(threads, items)})` : ''}, fake ${fakeSeconds.toFixed(1)} s`,
        `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (${baseline} MB before the first pull)`,
      ].join('  '),
    );
  }

  await phase('full', 'full');
  const { edited } = await ask<{ edited: number }>(child, { type: 'edit', share: 0.01 }, 'edited');
  await sleep(SETTLE_MS + 1100);
  await phase(`1% (${edited})`, 'changed1pct');
  await sleep(1100);
  await phase('nothing', 'unchanged');
  figures.peakRss = figure(process.resourceUsage().maxRSS / 1024, 'MB');
  publish(`servicenow.${perTable}`, figures);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  child.disconnect();
}

const mode = positional[0];
if (mode === 'serve') await serve(Number(positional[1]));
else if (mode === 'run') await run(Number(positional[1]));
else {
  const sizes = (positional[0] ?? '10000,100000').split(',').map(Number);
  console.log(
    `ServiceNow pull bench: 5 tables, page ${knobs.page}, latency ${knobs.latency} ms, rate ${knobs.rate}/s, ${PEOPLE} users`,
  );
  for (const size of sizes) {
    const result = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), 'run', String(size), ...passFlags],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
