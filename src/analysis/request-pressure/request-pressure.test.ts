import { describe, expect, it } from 'vitest';
import { requestPressureSettingsSchema } from '../../model/index.js';
import type { Person, WorkItem } from '../../model/index.js';
import { plainRates, workItem } from '../effort/testing.js';
import { topGoalIds } from './goals.js';
import { detectRequestPressure } from './request-pressure.js';

const now = Date.parse('2026-11-20T10:00:00Z'); // Friday of 2026-W47
const goals = [
  { id: 'revenue', rank: 1, sponsor: 'cfo@acme.example' },
  { id: 'retention', rank: 2, sponsor: 'coo@acme.example' },
  { id: 'brand', rank: 3, sponsor: 'CMO@acme.example' },
];
const context = { now, windowDays: 28, timeZone: 'UTC', rates: plainRates, goals };
const settings = requestPressureSettingsSchema.parse({ minTeamWeekHours: 0 });

const dev: Person = { id: 'u1', email: 'dev@acme.example', isExecutive: false };
const cio: Person = { id: 'u2', email: 'cio@acme.example', isExecutive: true };
const cmo: Person = { id: 'u3', email: 'cmo@acme.example', isExecutive: false }; // a sponsor, not in the exec list

function done(key: string, team: string, h: number, extra: Partial<WorkItem> = {}): WorkItem {
  return workItem({
    key,
    team,
    requester: dev,
    priority: 1,
    status: 'done',
    resolved: '2026-11-18T10:00:00Z',
    effort: { value: h, unit: 'hours' },
    ...extra,
  });
}
const waitingItem = (key: string, team: string, extra: Partial<WorkItem> = {}): WorkItem =>
  workItem({ key, team, status: 'todo', requester: cio, ...extra });

const items = [
  // SHOP: rank-and-file work crowds out a waiting revenue item
  done('S-1', 'SHOP', 6),
  done('S-2', 'SHOP', 4, { priority: 2, status: 'doing', resolved: null, updated: '2026-11-19T10:00:00Z' }),
  done('S-3', 'SHOP', 2, { requester: cio }),
  done('S-4', 'SHOP', 1, { requester: cio }), // executive-requested urgent work, no goal
  done('S-5', 'SHOP', 1, { requester: cmo }), // requested by a goal sponsor
  done('S-6', 'SHOP', 1, { priority: 3 }), // not urgent
  done('S-7', 'SHOP', 1, { resolved: '2026-09-01T10:00:00Z' }), // resolved before the window
  done('S-8', 'SHOP', 1), // run work
  done('S-9', 'SHOP', 1, { requester: null }), // created by automation
  waitingItem('S-10', 'SHOP', { priority: 2, created: '2026-10-01T10:00:00Z' }),
  waitingItem('S-11', 'SHOP', { priority: 1, created: '2026-11-01T10:00:00Z' }),
  // OPS, the control team: the same urgent rank-and-file work, but no top-goal item waits
  done('O-1', 'OPS', 6),
  waitingItem('O-2', 'OPS'), // waits, but for a goal below the top two
  // WEB: a top-goal item waits, but executive priorities get most of the effort: no finding
  done('W-1', 'WEB', 2),
  done('W-2', 'WEB', 6, { requester: cio }),
  waitingItem('W-3', 'WEB'),
];
const tags = new Map(
  Object.entries({
    'S-2': 'brand',
    'S-3': 'revenue',
    'S-8': 'run',
    'S-10': 'revenue',
    'S-11': 'retention',
    'O-2': 'brand',
    'W-2': 'retention',
    'W-3': 'revenue',
  }).map(([key, goal]) => [`jira:${key}`, { goal }]),
);

describe('detectRequestPressure', () => {
  const result = detectRequestPressure(items, tags, settings, context);

  it('flags urgent rank-and-file work off the top goals, in a team where top-goal work waits', () => {
    // W-1 too: the flag is per item, whatever the balance of its team's week
    expect([...result.flagged].sort()).toEqual(['jira:S-1', 'jira:S-2', 'jira:W-1']);
  });

  it('does not flag the control team doing the same work with nothing of a top goal waiting', () => {
    expect(result.flagged.has('jira:O-1')).toBe(false);
    expect(result.findings.some((f) => f.key.includes('OPS'))).toBe(false);
  });

  it('reports the team-week where rank-and-file work outweighs executive priorities', () => {
    expect(result.findings.map((f) => f.key)).toEqual(['request-pressure:SHOP:2026-W47']);
    const [finding] = result.findings;
    // 17 h counted: 6 + 4 + 1 (S-6) rank-and-file; 2 executive (S-3); the rest in neither share
    expect(finding?.details).toMatchObject({ totalHours: 17, rankAndFileHours: 11, executiveHours: 2 });
    expect(finding?.details.waiting).toEqual([
      { item: 'S-11', goal: 'retention', priority: 1, created: '2026-11-01T10:00:00Z' },
      { item: 'S-10', goal: 'revenue', priority: 2, created: '2026-10-01T10:00:00Z' },
    ]);
    expect(finding?.items).toEqual(['S-11', 'S-10', 'S-1', 'S-2', 'S-6']);
    expect(finding?.summary).toContain('2 top-goal items wait');
  });

  it('names at most maxItemsPerFinding of each: the most urgent waiting item, the largest request', () => {
    const short = detectRequestPressure(items, tags, { ...settings, maxItemsPerFinding: 1 }, context);
    const [finding] = short.findings;
    expect(finding?.items).toEqual(['S-11', 'S-1']);
    expect(finding?.details).toMatchObject({ waitingCount: 2 });
    expect(finding?.details.pressing).toEqual([{ item: 'S-1', hours: 6, goal: 'none', priority: 1 }]);
  });

  it('needs the gap to exceed the margin', () => {
    const wide = detectRequestPressure(items, tags, { ...settings, margin: 0.6 }, context);
    expect(wide.findings).toEqual([]);
    expect(wide.flagged).toEqual(result.flagged); // the flag does not depend on the margin
  });

  it('skips team-weeks with too little effort to judge', () => {
    const strict = detectRequestPressure(items, tags, { ...settings, minTeamWeekHours: 40 }, context);
    expect(strict.findings).toEqual([]);
  });

  it('gives the shares of all teams together per week', () => {
    const w47 = result.weeks.at(-1);
    expect(w47).toMatchObject({
      team: null,
      week: '2026-W47',
      totalHours: 31,
      rankAndFileHours: 19,
      executiveHours: 8,
    });
    expect(result.weeks).toHaveLength(5);
  });
});

describe('topGoalIds', () => {
  it('takes the two best ranks, with ties at the boundary', () => {
    const ranked = (...ranks: number[]) => ranks.map((rank, i) => ({ id: `g${i}`, rank }));
    expect([...topGoalIds(ranked(1, 2, 3), 2)]).toEqual(['g0', 'g1']);
    expect([...topGoalIds(ranked(1, 2, 2, 4), 2)]).toEqual(['g0', 'g1', 'g2']);
    expect([...topGoalIds(ranked(5, 1, 9), 2)]).toEqual(['g0', 'g1']);
  });
  it('counts a top goal without a sponsor as waiting work, but not as executive effort', () => {
    const unsponsored = [{ id: 'revenue', rank: 1 }, ...goals.slice(1)];
    const few = [
      done('S-3', 'SHOP', 2, { requester: cio }),
      waitingItem('S-10', 'SHOP'),
      done('S-1', 'SHOP', 1),
    ];
    const result = detectRequestPressure(few, tags, settings, { ...context, goals: unsponsored });
    expect(result.weeks.at(-1)).toMatchObject({ totalHours: 3, executiveHours: 0, rankAndFileHours: 1 });
    expect(result.flagged).toEqual(new Set(['jira:S-1']));
  });
});
