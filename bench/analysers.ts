/**
 * Benchmark (not a test) of the four analysers (duplicate tools, duplicate work, misaligned,
 * request pressure) and drift on synthetic items at 10k, 100k and 1M. (bench/duplicates.ts
 * --scale times duplicate work alone with every item in the window, its worst case.)
 *
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/analysers.ts [sizes=10000,100000,1000000]
 *
 * Runs on Node 24's type stripping (the import hook maps our `.js` specifiers to the `.ts`
 * sources), so no build is needed. Each size runs in a child process of its own (started with
 * `--expose-gc`), so every size starts cold, the peak RSS printed is that size's (items
 * included), and the generator's garbage is collected before each analyser's clock starts. Only
 * the analysers are timed, never the generation. Wall and CPU time (process.cpuUsage, all
 * threads) are printed; the growth budget is judged on CPU time, which other work on a shared
 * machine disturbs far less. Budget for the four analysers and drift together: 1M items under
 * 60 s and 4 GiB, and at most 12× the time for 10× the items; under `npm run bench` these are
 * published per size (seconds, peak RSS) and per step (time ratio per 10× items).
 *
 * Items: 60 teams, every kind, 20 weeks of history, titles and ~60-word descriptions where one in
 * four names a tool of the shipped catalog (with acquisition or support wording), 5 % executive
 * requesters, goals spread over five ranked goals, run and none; passed through JSON, as the
 * store hands them over (flat strings).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  duplicateToolsSettingsSchema,
  duplicateWorkSettingsSchema,
  misalignedSettingsSchema,
  requestPressureSettingsSchema,
  toolCatalogSchema,
} from '../src/model/index.js';
import type { GoalTag, ItemKind, ItemStatus, Person, WorkItem } from '../src/model/index.js';
import { detectDuplicateTools } from '../src/analysis/duplicate-tools/index.js';
import { findDuplicateWork } from '../src/analysis/duplicate-work/index.js';
import { detectMisaligned } from '../src/analysis/misaligned/index.js';
import { detectRequestPressure } from '../src/analysis/request-pressure/index.js';
import { weeklyAllocation } from '../src/analysis/drift/index.js';
import { trailingWeeks, workItem } from '../src/analysis/effort/index.js';
import { isoWeekOf } from '../src/core/index.js';
import { atMost, figure, publish, type Figure } from './lib/figures.js';
import { viaJson } from './lib/synthetic.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const TIME_ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;
const catalog = toolCatalogSchema.parse(
  parse(readFileSync(new URL('../config/tools.yaml', import.meta.url), 'utf8')),
);
const rates = {
  hoursPerPoint: 4,
  defaultHours: { issue: 4, epic: 4, incident: 2, request: 1, change: 4, demand: 8, project: 40 },
};
const goals = [
  { id: 'digital-revenue', rank: 1, sponsor: 'cfo@acme.example' },
  { id: 'retention', rank: 2, sponsor: 'coo@acme.example' },
  { id: 'cost', rank: 3, sponsor: 'cio@acme.example' },
  { id: 'compliance', rank: 4 },
  { id: 'brand', rank: 5 },
];
const window = { now: NOW, windowDays: 28, timeZone: TIME_ZONE };

const child = process.argv[2] === '--child';
if (child) runOne(Number(process.argv[3]));
else runAll((process.argv[2] ?? '10000,100000,1000000').split(',').map(Number));

function runAll(sizes: number[]): void {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  const figures: Record<string, Figure> = {};
  for (const size of sizes) {
    const run = spawnSync(
      process.execPath,
      // --expose-gc whether or not this process has it (`npm run bench` does not pass it).
      [
        ...(process.execArgv.includes('--expose-gc') ? [] : ['--expose-gc']),
        ...process.execArgv,
        new URL(import.meta.url).pathname,
        '--child',
        String(size),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (run.status !== 0) throw new Error(`size ${size} failed with exit code ${run.status}`);
    const lines = run.stdout.trim().split('\n');
    console.log(lines.slice(0, -1).join('\n'));
    const [total, peakMiB, cpu] = (lines.at(-1) ?? '').split(' ').map(Number) as [number, number, number];
    seconds.push(total);
    cpuSeconds.push(cpu);
    const gib = peakMiB / 1024;
    const atMillion = size >= 1_000_000;
    figures[`${size}.seconds`] = atMillion ? atMost(total, 60, 's') : figure(total, 's');
    figures[`${size}.peakRss`] = atMillion ? atMost(gib, 4, 'GiB') : figure(gib, 'GiB');
    figures[`${size}.cpuSeconds`] = figure(cpu, 's');
  }
  for (let i = 1; i < sizes.length; i++) {
    const growth = sizes[i]! / sizes[i - 1]!;
    const ratio = seconds[i]! / seconds[i - 1]!;
    const cpuRatio = cpuSeconds[i]! / cpuSeconds[i - 1]!;
    console.log(
      `${sizes[i - 1]!.toLocaleString('en-US')} → ${sizes[i]!.toLocaleString('en-US')} items (${growth}×): ` +
        `CPU time ${cpuRatio.toFixed(2)}×, wall time ${ratio.toFixed(2)}× (budget ≤ ${(growth * 1.2).toFixed(0)}×)`,
    );
    // The budget is per 10× items; other steps are scaled to it. CPU time is judged: wall time on
    // a shared machine also counts other people's work.
    const per10x = (r: number): number => r ** (1 / Math.log10(growth));
    figures[`${sizes[i]}.scaling`] = atMost(per10x(cpuRatio), 12, '× per 10× items');
    figures[`${sizes[i]}.wallScaling`] = figure(per10x(ratio), '× per 10× items');
  }
  publish('analysers', figures);
}

function runOne(size: number): void {
  const { items, tags } = generate(size);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  let total = 0;
  let totalCpu = 0;
  const time = <T>(name: string, run: () => T, describe: (result: T) => string): void => {
    // The generator's garbage is not the analyser's: collect it before the clock starts.
    if (globalThis.gc === undefined) throw new Error('the child needs --expose-gc');
    globalThis.gc();
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    const result = run();
    const s = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(process.cpuUsage(startedCpu));
    total += s;
    totalCpu += cpu;
    console.log(
      `  ${name.padEnd(16)} ${s.toFixed(2).padStart(6)} s  ${cpu.toFixed(2).padStart(6)} s CPU  ${fmt(size / s).padStart(11)} items/s  ${describe(result)}`,
    );
  };
  console.log(`${fmt(size)} items`);
  time(
    'duplicate-tools',
    () => detectDuplicateTools(items, duplicateToolsSettingsSchema.parse({}), { ...window, catalog }),
    (r) => `${fmt(r.flagged.size)} flagged, ${r.findings.length} findings`,
  );
  time(
    'duplicate-work',
    () => findDuplicateWork(items, duplicateWorkSettingsSchema.parse({}), window),
    (r) => `${fmt(r.flagged.size)} flagged, ${r.findings.length} findings`,
  );
  time(
    'misaligned',
    () => detectMisaligned(items, tags, misalignedSettingsSchema.parse({}), { ...window, rates }),
    (r) => `${fmt(r.flagged.size)} flagged, ${r.findings.length} findings`,
  );
  time(
    'request-pressure',
    () =>
      detectRequestPressure(items, tags, requestPressureSettingsSchema.parse({}), {
        ...window,
        rates,
        goals,
      }),
    (r) => `${fmt(r.flagged.size)} flagged, ${r.findings.length} findings`,
  );
  time(
    'drift (9 weeks)',
    () =>
      weeklyAllocation(items, tags, rates, {
        timeZone: TIME_ZONE,
        weeks: trailingWeeks(isoWeekOf(NOW, TIME_ZONE), 9),
      }),
    (r) => `${fmt(r.at(-1)!.totalHours)} h this week`,
  );
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `  ${'all'.padEnd(16)} ${total.toFixed(2).padStart(6)} s  ${totalCpu.toFixed(2).padStart(6)} s CPU  ${fmt(size / total).padStart(11)} items/s  peak RSS ${fmt(peak)} MiB`,
  );
  console.log(`${total} ${peak} ${totalCpu}`);
}

/** User and system time: on a shared, loaded machine it varies far less than wall time. */
function cpuSeconds({ user, system }: NodeJS.CpuUsage): number {
  return (user + system) / 1e6;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generate(size: number): { items: WorkItem[]; tags: Map<string, GoalTag> } {
  const random = random32(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const toolNames = catalog.capabilities.flatMap((c) => c.tools.flatMap((t) => [t.name, ...t.aliases]));
  const words = (
    'the a to of and for with on in is it we our please team users customer report page server error data ' +
    'release sprint update new change request access account invoice order mobile app login network printer ' +
    'laptop dashboard export import migration backlog review test deploy pipeline build fix issue slow ' +
    'checkout payment pricing storefront ticket support office meeting schedule vendor contract budget'
  ).split(' ');
  const acquire = [
    'Buy',
    'Roll out',
    'Evaluate',
    'Licences for',
    'Pilot',
    'Set up',
    'Need',
    'Migrate from Webex to',
  ];
  const trouble = ['crashes on start', 'login error', 'is slow today', 'cannot sync', 'password reset'];
  const kinds: ItemKind[] = [
    'issue',
    'issue',
    'issue',
    'epic',
    'incident',
    'incident',
    'request',
    'request',
    'change',
    'demand',
    'project',
  ];
  const statuses: ItemStatus[] = ['todo', 'doing', 'done', 'done'];
  const teams = Array.from({ length: 60 }, (_, i) => `TEAM${i}`);
  const buckets = [...goals.map((g) => g.id), 'run', 'none', 'none'];
  const people: Person[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `u${i}`,
    email: `user${i}@acme.example`,
    isExecutive: i % 20 === 0,
  }));

  const items: WorkItem[] = new Array<WorkItem>(size);
  const tags = new Map<string, GoalTag>();
  for (let n = 0; n < size; n++) {
    const sentence = (count: number): string => Array.from({ length: count }, () => pick(words)).join(' ');
    const roll = random();
    const tool = pick(toolNames);
    const title =
      roll < 0.15
        ? `${pick(acquire)} ${tool} for ${sentence(3)}`
        : roll < 0.25
          ? `${tool} ${pick(trouble)}`
          : sentence(7);
    const created = NOW - Math.floor(random() * 140 * DAY_MS);
    const updated = Math.min(NOW, created + Math.floor(random() * 30 * DAY_MS));
    const status = pick(statuses);
    const key = `K-${n}`;
    // Through JSON, as the store hands items over: template literals make rope strings, which the
    // first analyser to read them would flatten, into fresh memory and on its clock.
    items[n] = viaJson(
      workItem({
        key,
        kind: pick(kinds),
        team: pick(teams),
        title,
        text: `${sentence(30)}. ${random() < 0.1 ? pick(toolNames) : pick(words)} ${sentence(30)}.`,
        labels: random() < 0.2 ? [pick(words)] : [],
        priority: 1 + Math.floor(random() * 5),
        status,
        requester: random() < 0.9 ? pick(people) : null,
        created: new Date(created).toISOString(),
        updated: new Date(updated).toISOString(),
        resolved: status === 'done' ? new Date(updated).toISOString() : null,
        effort:
          random() < 0.5
            ? { value: 1 + Math.floor(random() * 8), unit: 'points' }
            : { value: 0, unit: 'default' },
      }),
    );
    tags.set(`jira:${key}`, {
      uid: `jira:${key}`,
      goal: pick(buckets),
      confidence: 1,
      source: 'rule',
      reasons: [],
      runnerUp: null,
    });
  }
  return { items, tags };
}
