/**
 * Mapping + scoring benchmark (not a test). From the repository root:
 *
 *   npx node bench/mapping.ts [size …]        default sizes: 10000 100000 1000000
 *
 * Node 24 runs this TypeScript directly (type stripping); the hook below lets the sources'
 * `./x.js` imports find `./x.ts`, so no build is needed. Items come from the sandbox demo company
 * (generated before the clock starts); the bench prints seconds and items/s for mapping (both
 * passes) and scoring, peak RSS, and how often the tag matches the company's ground truth.
 * Budget: 1,000,000 items mapped and scored in under 20 s.
 */
import { registerHooks } from 'node:module';
import type { WorkItem } from '../src/model/index.js';
import type { Figure } from './lib/figures.js';
import type { SeedTicket } from '../src/sandbox/seed.js';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});

const { createGoalMapper } = await import('../src/mapping/index.js');
const { createScoringContext, scoreItem } = await import('../src/analysis/scoring/index.js');
const { generateCompany } = await import('../src/sandbox/company/index.js');
const { mappingSettingsSchema, scoringSettingsSchema } = await import('../src/model/index.js');
const { atLeast, atMost, figure, publish } = await import('./lib/figures.js');

const NOW = Date.parse('2026-11-20T12:00:00Z');
const RATES = {
  hoursPerPoint: 4,
  defaultHours: { issue: 4, epic: 4, incident: 2, request: 1, change: 4, demand: 8, project: 40 },
};
const SN_KIND = {
  incident: 'incident',
  sc_req_item: 'request',
  change_request: 'change',
  pm_project: 'project',
  dmn_demand: 'demand',
} as const;

/** Just enough of a connector's normalize for mapping and scoring. */
function toWorkItem(t: SeedTicket): WorkItem {
  const base = {
    title: t.title,
    text: t.description,
    priority: t.priority,
    status: t.status,
    requester: null,
    assignee: null,
    created: new Date(t.created).toISOString(),
    updated: new Date(t.updated).toISOString(),
    resolved: t.resolved === null ? null : new Date(t.resolved).toISOString(),
    links: [],
    held: { score: null, goal: null, flags: null },
  };
  if (t.system === 'jira') {
    return {
      ...base,
      uid: `jira:${t.id}`,
      source: 'jira',
      id: t.id,
      key: t.key,
      ref: t.key,
      url: '',
      kind: t.issueType === 'Epic' ? 'epic' : 'issue',
      scope: t.project,
      container: t.project,
      team: t.project,
      labels: t.labels,
      components: t.components,
      category: null,
      businessService: null,
      impact: null,
      effort:
        t.storyPoints === null ? { value: 1, unit: 'default' } : { value: t.storyPoints, unit: 'points' },
      parent: t.parentKey,
      epic: t.epicKey,
    };
  }
  return {
    ...base,
    uid: `servicenow:${t.sysId}`,
    source: 'servicenow',
    id: t.sysId,
    key: t.number,
    ref: `SN:${t.number}`,
    url: '',
    kind: SN_KIND[t.table],
    scope: t.table,
    container: t.assignmentGroup,
    team: t.assignmentGroup,
    labels: [],
    components: [],
    category: t.category,
    businessService: t.businessService,
    impact: Math.min(3, t.impact),
    effort: t.hours === null ? { value: 1, unit: 'default' } : { value: t.hours, unit: 'hours' },
    parent: t.parentNumber === null ? null : `SN:${t.parentNumber}`,
    epic: null,
  };
}

/** CPU seconds (all threads, GC helpers included) since `since`: less disturbed by other processes than wall time. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

const mib = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MiB`;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')} items/s`;

function run(size: number): void {
  const company = generateCompany({ seed: 7, size, now: NOW });
  const items: WorkItem[] = [];
  const truth = new Map<string, { goal: string; evidence: string }>();
  for (const { ticket, truth: t } of company.entries()) {
    items.push(toWorkItem(ticket));
    truth.set(t.ref, { goal: t.goal, evidence: t.evidence });
  }
  const rssBefore = process.memoryUsage().rss;

  let started = performance.now();
  let cpu = process.cpuUsage();
  const mapper = createGoalMapper(company.goals, mappingSettingsSchema.parse({}));
  const tags = mapper.mapItems(items);
  const mapSeconds = (performance.now() - started) / 1000;
  const mapCpu = cpuSeconds(cpu);

  started = performance.now();
  cpu = process.cpuUsage();
  const context = createScoringContext(company.goals.goals, RATES);
  const settings = scoringSettingsSchema.parse({});
  let total = 0;
  for (const item of items) {
    const tag = tags.get(item.uid);
    if (tag) total += scoreItem(item, tag, [], context, settings).score;
  }
  const scoreSeconds = (performance.now() - started) / 1000;
  const scoreCpu = cpuSeconds(cpu);

  let agree = 0;
  // Accuracy per kind of evidence the generator planted (issue 6: explicit ≥ 0.98, text-only ≥ 0.85).
  const byEvidence = new Map<string, { right: number; all: number }>();
  for (const item of items) {
    const t = truth.get(item.ref);
    const right = tags.get(item.uid)?.goal === t?.goal;
    if (right) agree++;
    const bucket = byEvidence.get(t?.evidence ?? '?') ?? { right: 0, all: 0 };
    bucket.all++;
    if (right) bucket.right++;
    byEvidence.set(t?.evidence ?? '?', bucket);
  }
  const accuracy = [...byEvidence]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([e, { right, all }]) => `${e} ${(right / all).toFixed(3)} (${all})`)
    .join(', ');
  const n = items.length.toLocaleString('en-US');
  console.log(
    `${n} items: map ${mapSeconds.toFixed(2)} s (${rate(items.length, mapSeconds)}, CPU ${mapCpu.toFixed(2)} s), ` +
      `score ${scoreSeconds.toFixed(2)} s (${rate(items.length, scoreSeconds)}, CPU ${scoreCpu.toFixed(2)} s), ` +
      `total ${(mapSeconds + scoreSeconds).toFixed(2)} s; mean score ${(total / items.length).toFixed(1)}; ` +
      `goal agrees with ground truth ${((100 * agree) / items.length).toFixed(2)}% [by evidence: ${accuracy}]; ` +
      `RSS with items ${mib(rssBefore)}, peak ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
  const seconds = mapSeconds + scoreSeconds;
  const figures: Record<string, Figure> = {
    // Issue 6's budget is for 1M items; smaller runs are figures.
    seconds: size >= 1_000_000 ? atMost(seconds, 20, 's') : figure(seconds, 's'),
    accuracy: figure(agree / items.length, 'share of items'),
  };
  const floors: Record<string, number> = { explicit: 0.98, text: 0.85 };
  for (const [evidence, { right, all }] of byEvidence) {
    const floor = floors[evidence];
    figures[`accuracy.${evidence}`] =
      floor === undefined
        ? figure(right / all, 'share of items')
        : atLeast(right / all, floor, 'share of items');
  }
  publish(`mapping.${size}`, figures);
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]) run(size);
