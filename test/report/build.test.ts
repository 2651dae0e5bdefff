import { describe, expect, it } from 'vitest';
import { reportSchema, type Report } from '../../src/model/index.js';
import { buildReport, lastCompleteWeek, statusOf } from '../../src/report/build/index.js';
import { WEEK, findings, inputs, plantedItems } from './fixtures.js';

const row = (report: Report, goal: string) => report.allocation.find((r) => r.goal === goal)!;

describe('the weekly report model', () => {
  it('allocates the week’s delivered effort per goal against its target, with last week', () => {
    const report = buildReport(inputs());
    expect(reportSchema.parse(report)).toEqual(report);
    expect(report.week).toBe(WEEK);
    expect(report.period).toBe('2026-Q4');
    expect(report.days).toEqual({ from: '2026-11-16', to: '2026-11-22', timeZone: 'UTC' });
    expect(report.deliveredHours).toBe(100);
    expect(report.allocation.map((r) => [r.goal, r.target, r.actual, r.lastWeek])).toEqual([
      ['digital-revenue', 0.35, 0.22, 0.25],
      ['supply-chain', 0.2, 0.27, 0.2],
      ['store', 0.1, 0, 0],
      ['customer-360', 0, 0, 0],
    ]);
    expect(report.runShare).toBe(0.18);
    expect(report.runTarget).toBe(0.3);
    expect(report.unalignedShare).toBe(0.33);
    expect(report.lastWeekRunShare).toBe(0.3);
    expect(report.lastWeekUnalignedShare).toBe(0.25);
  });

  it('colours each goal by its gap to target: green within 5 points, yellow within 15, red beyond', () => {
    const report = buildReport(inputs());
    expect(row(report, 'digital-revenue').status).toBe('yellow'); // 13 points under
    expect(row(report, 'supply-chain').status).toBe('yellow'); // 7 over
    expect(row(report, 'store').status).toBe('yellow'); // 10 under
    expect(row(report, 'customer-360').status).toBe('green'); // no target, no effort

    const strict = buildReport(inputs({ thresholds: { green: 0.02, yellow: 0.1 } }));
    expect(row(strict, 'digital-revenue').status).toBe('red');
    expect(row(strict, 'supply-chain').status).toBe('yellow');
    expect(row(strict, 'store').status).toBe('yellow');
  });

  it('judges the status on the whole points the reader sees', () => {
    expect(statusOf(0.3049, 0.35, { green: 0.05, yellow: 0.15 })).toBe('green'); // 30% vs 35%: 5 points
    expect(statusOf(0.2951, 0.35, { green: 0.05, yellow: 0.15 })).toBe('green'); // shown as 30%
    expect(statusOf(0.2949, 0.35, { green: 0.05, yellow: 0.15 })).toBe('yellow'); // shown as 29%
    expect(statusOf(0.19, 0.35, { green: 0.05, yellow: 0.15 })).toBe('red');
  });

  it('keeps eight weeks of trend, oldest first, with no figure for weeks where nothing was counted', () => {
    const trend = row(buildReport(inputs()), 'digital-revenue').trend!;
    expect(trend.map((t) => t.week)).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
    expect(trend.map((t) => t.actual)).toEqual([null, null, null, null, null, null, 0.25, 0.22]);
  });

  it('says what changed in plain sentences', () => {
    const changes = buildReport(inputs()).changes!;
    expect(changes).toContain('Digital revenue fell to 22% of delivered effort, 13 points under target.');
    expect(changes).toContain(
      "Three OPS rank-and-file requests from one department took 40% of the team's week against 0% for " +
        'executive priorities while one top-goal item waited.',
    );
    expect(changes).toContain('Work tied to no goal rose to 33% of delivered effort (25% last week).');
    expect(changes).toContain('One duplicate-tool cluster: Video meetings (Zoom, Webex).');
    expect(changes.join(' ')).not.toMatch(/Customer 360/); // green, unmoved: not news
  });

  it('names only duplicates new since last week’s report, and status changes against it', () => {
    const previous = buildReport(inputs({ week: '2026-W46', findings: findings.slice(0, 2) }));
    const changes = buildReport(inputs({ previous, thresholds: { green: 0.05, yellow: 0.1 } })).changes!;
    expect(changes.join(' ')).not.toMatch(/duplicate-tool cluster/);
    expect(changes).toContain(
      'One new pair of items look like the same work, most alike OPS-4 and OPS-5 (95% similar).',
    );
    expect(changes).toContain(
      'Digital revenue fell to 22% of delivered effort, 13 points under target; now red, yellow last week.',
    );
  });

  it('reports executive against rank-and-file effort by team, the most pressed team first', () => {
    const { requestPressure } = buildReport(inputs());
    expect(requestPressure.executiveShare).toBe(0.22);
    expect(requestPressure.rankAndFileShare).toBe(0.3);
    expect(requestPressure.teams[0]).toEqual({
      team: 'OPS',
      hours: 75,
      executiveShare: 0,
      rankAndFileShare: 0.4,
      waiting: 1,
      pressured: true,
    });
    expect(requestPressure.teams.map((t) => t.team)).toEqual(['OPS', 'SHOP', 'DATA']);
  });

  it('lists duplicate tools, duplicate work (most similar first) and the largest work tied to no goal', () => {
    const report = buildReport(inputs());
    expect(report.duplicateTools).toEqual([
      expect.objectContaining({
        capability: 'video-conferencing',
        tools: ['Zoom', 'Webex'],
        items: ['OPS-1', 'SHOP-2'],
        standard: 'Zoom',
      }),
    ]);
    expect(report.duplicateWork.map((p) => [p.items, p.similarity])).toEqual([
      [['OPS-4', 'OPS-5'], 0.95],
      [['OPS-3', 'SHOP-1'], 0.91],
    ]);
    expect(report.topMisaligned.map((m) => [m.item, m.effort, m.score])).toEqual([
      ['OPS-3', 10, 10],
      ['OPS-4', 10, 10],
      ['OPS-5', 10, 10],
      ['DATA-1', 3, 10],
    ]);
  });

  it('gives a week with no counted effort zero shares, no last week, and says so', () => {
    const report = buildReport(inputs({ week: '2026-W52' }));
    expect(report.deliveredHours).toBe(0);
    expect(report.allocation.every((r) => r.actual === 0 && r.lastWeek === null)).toBe(true);
    expect(row(report, 'digital-revenue').status).toBe('red');
    expect(report.topMisaligned).toEqual([]);
    expect(report.requestPressure).toEqual({ executiveShare: 0, rankAndFileShare: 0, teams: [] });
    expect(report.changes).toEqual([expect.stringMatching(/^No delivered effort was counted in 2026-W52/)]);
  });

  it('has no last week on a first report, and says there is nothing to compare with yet', () => {
    const firstWeekOnly = plantedItems().filter(
      (p) => !['SHOP-10', 'OPS-10', 'OPS-11', 'OPS-12'].includes(p.item.key),
    );
    const report = buildReport(inputs({}, firstWeekOnly));
    expect(report.allocation.map((r) => r.lastWeek)).toEqual([null, null, null, null]);
    expect(report.changes![0]).toBe(
      'Nothing was counted in 2026-W46, so there is no earlier week to compare with yet.',
    );
    expect(report.changes).toContain('Digital revenue took 22% of delivered effort, 13 points under target.');
  });

  it('builds the same report from the same inputs', () => {
    expect(JSON.stringify(buildReport(inputs()))).toBe(JSON.stringify(buildReport(inputs())));
  });
});

describe('the default report week', () => {
  it('is the last complete ISO week in the configured time zone', () => {
    const mondayBerlin = Date.parse('2026-11-22T23:30:00Z'); // Monday 00:30 in Berlin, Sunday in UTC
    expect(lastCompleteWeek(mondayBerlin, 'Europe/Berlin')).toBe('2026-W47');
    expect(lastCompleteWeek(mondayBerlin, 'UTC')).toBe('2026-W46');
  });
});
