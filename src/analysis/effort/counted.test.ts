import { describe, expect, it } from 'vitest';
import { weekIndex } from './calendar.js';
import { countedWeeks, goalOf, resolvedAt } from './counted.js';
import { workItem } from './testing.js';

const weeks = weekIndex(['2026-W45', '2026-W46', '2026-W47'], 'America/New_York');
const named = (positions: readonly number[]): string[] => positions.map((i) => weeks.spans[i]!.week);

describe('countedWeeks', () => {
  it('counts a resolved item in the week it was resolved, whatever its last update', () => {
    const item = workItem({
      key: 'A-1',
      status: 'done',
      resolved: '2026-11-04T15:00:00Z',
      updated: '2026-11-18T15:00:00Z',
    });
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W45']);
  });

  it('counts an item in progress in the week of its last update', () => {
    const item = workItem({ key: 'A-2', status: 'doing', updated: '2026-11-12T15:00:00Z' });
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W46']);
  });

  it("counts an item in progress in the week of its last content change, not of bearing's own write", () => {
    const item = workItem({
      key: 'A-5',
      status: 'doing',
      changed: '2026-11-05T15:00:00Z',
      updated: '2026-11-18T15:00:00Z',
    });
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W45']);
  });

  it('does not count an item waiting in todo, however recently it was updated', () => {
    const item = workItem({ key: 'A-3', status: 'todo', updated: '2026-11-12T15:00:00Z' });
    expect(countedWeeks(item, weeks)).toEqual([]);
  });

  it('counts a reopened item in the week it was resolved and in the week it was last worked', () => {
    const item = workItem({
      key: 'A-4',
      status: 'doing',
      resolved: '2026-11-04T15:00:00Z',
      updated: '2026-11-18T15:00:00Z',
    });
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W45', '2026-W47']);
  });

  it('takes the last update as the resolution of a done item without a resolution date', () => {
    const item = workItem({ key: 'A-5', status: 'done', resolved: null, updated: '2026-11-18T15:00:00Z' });
    expect(resolvedAt(item)).toBe(Date.parse('2026-11-18T15:00:00Z'));
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W47']);
  });

  it('uses week bounds of the configured zone', () => {
    // Monday 03:00 UTC is still Sunday evening in New York: week 46 there.
    const item = workItem({ key: 'A-6', status: 'done', resolved: '2026-11-16T03:00:00Z' });
    expect(named(countedWeeks(item, weeks))).toEqual(['2026-W46']);
  });

  it('counts nothing outside the weeks asked for', () => {
    const item = workItem({ key: 'A-7', status: 'done', resolved: '2026-10-01T12:00:00Z' });
    expect(countedWeeks(item, weeks)).toEqual([]);
  });
});

describe('goalOf', () => {
  it('treats an untagged item as tied to no goal', () => {
    const tags = new Map([['jira:A-1', { goal: 'digital-revenue' }]]);
    expect(goalOf(tags, 'jira:A-1')).toBe('digital-revenue');
    expect(goalOf(tags, 'jira:A-2')).toBe('none');
  });
});
