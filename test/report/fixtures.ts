import { plainRates } from '../../src/analysis/effort/index.js';
import {
  analysisSettingsSchema,
  goalsFileSchema,
  type Finding,
  type Person,
  type WorkItem,
} from '../../src/model/index.js';
import { workItem } from '../../src/model/testing.js';
import type { ReportInputs } from '../../src/report/build/index.js';

/**
 * A small company for report tests. In 2026-W47 (16–22 Nov) 100 hours are delivered: 22 on
 * digital revenue (SHOP), 27 on supply chain, 18 of run work and 30 of rank-and-file requests in
 * OPS, 3 untied hours in DATA. In W46 digital revenue had 25 of 100 hours.
 */
export const WEEK = '2026-W47';

export const goals = goalsFileSchema.parse({
  period: '2026-Q4',
  goals: [
    { id: 'digital-revenue', name: 'Digital revenue', rank: 1, target: 0.35, sponsor: 'cfo@acme.example' },
    { id: 'supply-chain', name: 'Supply chain', rank: 2, target: 0.2 },
    { id: 'store', name: 'Store modernisation', rank: 3, target: 0.1 },
    { id: 'customer-360', name: 'Customer 360', rank: 4, target: 0 },
  ],
  run: { target: 0.3 },
});

const cfo: Person = { id: 'u-cfo', email: 'cfo@acme.example', department: 'Finance', isExecutive: true };
const clerk = (n: number): Person => ({
  id: `u-${n}`,
  email: `clerk${n}@acme.example`,
  department: 'Finance',
  isExecutive: false,
});

interface Planted {
  item: WorkItem;
  goal: string;
  score: number;
}

/** A done item resolved at `resolved` with `hours` of effort. */
function done(
  key: string,
  goal: string,
  hours: number,
  resolved: string,
  extra: Partial<WorkItem> = {},
): Planted {
  return {
    item: workItem({
      key,
      title: `${key} work`,
      status: 'done',
      resolved,
      created: '2026-10-01T09:00:00.000Z',
      updated: resolved,
      effort: { value: hours, unit: 'hours' },
      ...extra,
    }),
    goal,
    score: goal === 'none' ? 10 : 70,
  };
}

const W47 = '2026-11-18T12:00:00.000Z';
const W46 = '2026-11-11T12:00:00.000Z';

export function plantedItems(): Planted[] {
  const shop = { team: 'SHOP', container: 'SHOP', requester: cfo };
  const ops = { team: 'OPS', container: 'OPS' };
  return [
    // 2026-W47
    done('SHOP-1', 'digital-revenue', 11, W47, shop),
    done('SHOP-2', 'digital-revenue', 11, W47, shop),
    done('OPS-1', 'supply-chain', 27, W47, ops),
    done('OPS-2', 'run', 18, W47, { ...ops, kind: 'incident' }),
    done('OPS-3', 'none', 10, W47, { ...ops, priority: 2, requester: clerk(1) }),
    done('OPS-4', 'none', 10, W47, { ...ops, priority: 2, requester: clerk(2) }),
    done('OPS-5', 'none', 10, W47, { ...ops, priority: 1, requester: clerk(3) }),
    done('DATA-1', 'none', 3, W47, { team: 'DATA', container: 'DATA' }),
    // A top-goal item waiting in OPS.
    {
      item: workItem({ key: 'OPS-9', status: 'todo', team: 'OPS', updated: W47 }),
      goal: 'digital-revenue',
      score: 80,
    },
    // 2026-W46
    done('SHOP-10', 'digital-revenue', 25, W46, shop),
    done('OPS-10', 'supply-chain', 20, W46, ops),
    done('OPS-11', 'run', 30, W46, { ...ops, kind: 'incident' }),
    done('OPS-12', 'none', 25, W46, ops),
  ];
}

export const findings: Finding[] = [
  {
    kind: 'duplicate-tool',
    key: 'duplicate-tool:video-conferencing',
    items: ['OPS-1', 'SHOP-2'],
    summary: 'Video meetings: 2 tools (Zoom, Webex) in 2 teams; the standard is Zoom',
    details: {
      capability: 'video-conferencing',
      capabilityName: 'Video meetings',
      standard: 'Zoom',
      tools: [
        { name: 'Zoom', standard: true, teams: ['SHOP'] },
        { name: 'Webex', standard: false, teams: ['OPS'] },
      ],
      teams: ['OPS', 'SHOP'],
      itemCount: 2,
    },
  },
  {
    kind: 'duplicate-work',
    key: 'OPS-3|SHOP-1',
    items: ['OPS-3', 'SHOP-1'],
    summary: 'look alike',
    details: { similarity: 0.9134, sharedTerms: ['checkout'], teams: ['OPS', 'SHOP'] },
  },
  {
    kind: 'duplicate-work',
    key: 'OPS-4|OPS-5',
    items: ['OPS-4', 'OPS-5'],
    summary: 'look alike',
    details: { similarity: 0.95, sharedTerms: [], teams: ['OPS', 'OPS'] },
  },
];

/** Report inputs for `week` from `planted` (default: the company above). */
export function inputs(overrides: Partial<ReportInputs> = {}, planted = plantedItems()): ReportInputs {
  return {
    week: WEEK,
    generatedAt: '2026-11-23T08:00:00.000Z',
    timeZone: 'UTC',
    goals,
    rates: plainRates,
    thresholds: { green: 0.05, yellow: 0.15 },
    settings: analysisSettingsSchema.parse({}),
    items: planted.map((p) => p.item),
    tags: new Map(planted.map((p) => [p.item.uid, { goal: p.goal }])),
    scores: new Map(planted.map((p) => [p.item.uid, p.score])),
    findings,
    previous: null,
    ...overrides,
  };
}
