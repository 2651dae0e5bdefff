import { describe, expect, it } from 'vitest';
import { trailingWeeks } from '../effort/index.js';
import { plainRates, workItem } from '../effort/testing.js';
import { weeklyAllocation } from './allocation.js';

const tags = new Map([
  ['jira:A-1', { goal: 'digital-revenue' }],
  ['jira:A-2', { goal: 'run' }],
  ['jira:A-3', { goal: 'digital-revenue' }],
  ['jira:A-5', { goal: 'cost' }],
]);

describe('weeklyAllocation', () => {
  const items = [
    workItem({
      key: 'A-1',
      status: 'done',
      resolved: '2026-11-17T10:00:00Z',
      effort: { value: 2, unit: 'points' },
    }),
    workItem({
      key: 'A-2',
      status: 'done',
      resolved: '2026-11-18T10:00:00Z',
      effort: { value: 4, unit: 'hours' },
    }),
    workItem({
      key: 'A-3',
      status: 'doing',
      updated: '2026-11-10T10:00:00Z',
      effort: { value: 3, unit: 'hours' },
    }),
    // untagged: none
    workItem({
      key: 'A-4',
      status: 'doing',
      updated: '2026-11-19T10:00:00Z',
      effort: { value: 4, unit: 'hours' },
    }),
    // waiting: not counted anywhere
    workItem({
      key: 'A-5',
      status: 'todo',
      updated: '2026-11-19T10:00:00Z',
      effort: { value: 9, unit: 'hours' },
    }),
  ];
  const [w46, w47] = weeklyAllocation(items, tags, plainRates, {
    timeZone: 'UTC',
    weeks: ['2026-W46', '2026-W47'],
    goals: ['digital-revenue', 'cost'],
  });

  it('shares each week over everything counted in it, goals, run and none together', () => {
    expect(w47?.totalHours).toBe(16);
    expect(w47?.hours).toEqual({ 'digital-revenue': 8, cost: 0, run: 4, none: 4 });
    expect(w47?.shares).toEqual({ 'digital-revenue': 0.5, cost: 0, run: 0.25, none: 0.25 });
    const sum = Object.values(w47?.shares ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('counts an item in progress in the week of its last update only', () => {
    expect(w46?.hours['digital-revenue']).toBe(3);
    expect(w46?.shares['digital-revenue']).toBe(1);
  });

  it('gives a week without counted effort zero shares, with every bucket present', () => {
    const [empty] = weeklyAllocation(items, tags, plainRates, { timeZone: 'UTC', weeks: ['2026-W40'] });
    expect(empty).toEqual({
      week: '2026-W40',
      totalHours: 0,
      hours: { run: 0, none: 0 },
      shares: { run: 0, none: 0 },
    });
  });

  it('returns the weeks in the order asked, nine by default for a trend', () => {
    const weeks = trailingWeeks('2026-W47', 9);
    const rows = weeklyAllocation(items, tags, plainRates, { timeZone: 'UTC', weeks });
    expect(rows.map((r) => r.week)).toEqual(weeks);
    expect(rows.at(-1)?.totalHours).toBe(16);
  });

  it('moves an item across a week boundary with the time zone', () => {
    const late = [workItem({ key: 'A-1', status: 'done', resolved: '2026-11-16T02:00:00Z' })];
    const inUtc = weeklyAllocation(late, tags, plainRates, {
      timeZone: 'UTC',
      weeks: ['2026-W46', '2026-W47'],
    });
    const inLa = weeklyAllocation(late, tags, plainRates, {
      timeZone: 'America/Los_Angeles',
      weeks: ['2026-W46', '2026-W47'],
    });
    expect(inUtc.map((r) => r.totalHours)).toEqual([0, 1]);
    expect(inLa.map((r) => r.totalHours)).toEqual([1, 0]);
  });
});
