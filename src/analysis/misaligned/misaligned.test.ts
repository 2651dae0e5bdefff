import { describe, expect, it } from 'vitest';
import { misalignedSettingsSchema } from '../../model/index.js';
import { plainRates, workItem } from '../effort/testing.js';
import { detectMisaligned } from './misaligned.js';

const now = Date.parse('2026-11-20T10:00:00Z'); // Friday of 2026-W47; the window's weeks are W43–W47
const context = { now, windowDays: 28, timeZone: 'UTC', rates: plainRates };
const settings = misalignedSettingsSchema.parse({ minTeamHours: 0 });
const hours = (value: number) => ({ value, unit: 'hours' as const });

describe('detectMisaligned', () => {
  it('flags work tied to no goal that counts in a week of the window, and nothing else', () => {
    const items = [
      workItem({ key: 'N-1', status: 'done', resolved: '2026-11-02T10:00:00Z' }),
      workItem({ key: 'N-2', status: 'doing', updated: '2026-11-19T10:00:00Z' }),
      // near misses: resolved before the window, waiting, tied to a goal, run work
      workItem({
        key: 'N-3',
        status: 'done',
        resolved: '2026-10-01T10:00:00Z',
        updated: '2026-11-19T10:00:00Z',
      }),
      workItem({ key: 'N-4', status: 'todo', updated: '2026-11-19T10:00:00Z' }),
      workItem({ key: 'G-1', status: 'done', resolved: '2026-11-02T10:00:00Z' }),
      workItem({ key: 'R-1', status: 'done', resolved: '2026-11-02T10:00:00Z' }),
    ];
    const tags = new Map([
      ['jira:N-1', { goal: 'none' }],
      ['jira:N-3', { goal: 'none' }],
      ['jira:N-4', { goal: 'none' }],
      ['jira:G-1', { goal: 'digital-revenue' }],
      ['jira:R-1', { goal: 'run' }],
    ]);
    const result = detectMisaligned(items, tags, settings, context);
    expect([...result.flagged].sort()).toEqual(['jira:N-1', 'jira:N-2']);
  });

  it('decides the window edge by the configured zone', () => {
    // Sunday 23:30 UTC before the window's first Monday: outside in UTC, inside in Berlin (01:30 CEST).
    const items = [workItem({ key: 'N-1', status: 'done', resolved: '2026-10-18T23:30:00Z' })];
    expect(detectMisaligned(items, new Map(), settings, context).flagged.size).toBe(0);
    const berlin = detectMisaligned(items, new Map(), settings, { ...context, timeZone: 'Europe/Berlin' });
    expect([...berlin.flagged]).toEqual(['jira:N-1']);
  });

  it('lists the largest misaligned items first and makes findings of the top ones only', () => {
    const items = [
      workItem({ key: 'N-1', effort: hours(2), updated: '2026-11-19T10:00:00Z' }),
      workItem({ key: 'N-2', effort: hours(13), updated: '2026-11-19T10:00:00Z' }),
      workItem({ key: 'N-3', effort: hours(5), updated: '2026-11-19T10:00:00Z' }),
    ];
    const result = detectMisaligned(items, new Map(), { ...settings, topItems: 2, teamShare: 1.1 }, context);
    expect(result.items.map((i) => [i.ref, i.hours])).toEqual([
      ['N-2', 13],
      ['N-3', 5],
      ['N-1', 2],
    ]);
    expect(result.findings.map((f) => f.key)).toEqual([
      'misaligned:item:jira:N-2',
      'misaligned:item:jira:N-3',
    ]);
    expect(result.findings[0]?.items).toEqual(['N-2']);
  });

  it('gives each team its weekly share of effort on work tied to no goal', () => {
    const items = [
      workItem({
        key: 'N-1',
        team: 'OPS',
        effort: hours(3),
        status: 'done',
        resolved: '2026-11-17T10:00:00Z',
      }),
      workItem({
        key: 'G-1',
        team: 'OPS',
        effort: hours(1),
        status: 'done',
        resolved: '2026-11-18T10:00:00Z',
      }),
      workItem({
        key: 'G-2',
        team: 'OPS',
        effort: hours(4),
        status: 'done',
        resolved: '2026-11-10T10:00:00Z',
      }),
    ];
    const tags = new Map([
      ['jira:G-1', { goal: 'digital-revenue' }],
      ['jira:G-2', { goal: 'digital-revenue' }],
    ]);
    const { teamWeeks } = detectMisaligned(items, tags, settings, context);
    expect(teamWeeks.filter((r) => r.totalHours > 0)).toEqual([
      { team: 'OPS', week: '2026-W46', totalHours: 4, misalignedHours: 0, share: 0 },
      { team: 'OPS', week: '2026-W47', totalHours: 4, misalignedHours: 3, share: 0.75 },
    ]);
    expect(teamWeeks).toHaveLength(5);
  });

  it('reports a team whose share reaches the threshold, not one below it or with too little effort', () => {
    const done = (key: string, team: string, h: number) =>
      workItem({ key, team, effort: hours(h), status: 'done', resolved: '2026-11-17T10:00:00Z' });
    const items = [
      done('A-1', 'SHOP', 30),
      done('A-2', 'SHOP', 10),
      done('A-3', 'SHOP', 60), // SHOP: 40 of 100 h misaligned
      done('B-1', 'OPS', 20),
      done('B-2', 'OPS', 80), // OPS: 20 of 100 h, below 25 %
      done('C-1', 'WEB', 8), // WEB: 8 of 8 h, but under 16 h in all
    ];
    const tags = new Map([
      ['jira:A-3', { goal: 'digital-revenue' }],
      ['jira:B-2', { goal: 'digital-revenue' }],
    ]);
    const result = detectMisaligned(items, tags, misalignedSettingsSchema.parse({ topItems: 0 }), context);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.key).toBe('misaligned:team:SHOP');
    expect(finding?.items).toEqual(['A-1', 'A-2']);
    expect(finding?.details).toMatchObject({
      team: 'SHOP',
      totalHours: 100,
      misalignedHours: 40,
      share: 0.4,
    });
    expect(finding?.summary).toBe(
      'SHOP: 40% of 100 h in 2026-W43–2026-W47 went to work tied to no goal (2 items)',
    );
    // the flag does not depend on the team threshold
    expect(result.flagged.has('jira:B-1')).toBe(true);
    expect(result.flagged.has('jira:C-1')).toBe(true);
  });

  it('gives the same keys on a second run', () => {
    const items = [workItem({ key: 'N-1', updated: '2026-11-19T10:00:00Z', effort: hours(20) })];
    const first = detectMisaligned(items, new Map(), settings, context);
    const second = detectMisaligned([...items].reverse(), new Map(), settings, context);
    expect(second.findings).toEqual(first.findings);
    expect(first.findings.map((f) => f.key)).toEqual(['misaligned:item:jira:N-1', 'misaligned:team:OPS']);
  });
});
