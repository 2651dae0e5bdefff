import { weeklyAllocation } from '../../analysis/drift/index.js';
import { trailingWeeks, type TagLookup } from '../../analysis/effort/index.js';
import { detectMisaligned } from '../../analysis/misaligned/index.js';
import { detectRequestPressure } from '../../analysis/request-pressure/index.js';
import { isoWeekBounds } from '../../core/index.js';
import { NONE, RUN } from '../../model/index.js';
import type {
  AllocationRow,
  AnalysisSettings,
  EffortRates,
  Finding,
  GoalsFile,
  PressureTeam,
  Report,
  ReportStatus,
  WorkItem,
} from '../../model/index.js';
import { changeSentences } from './changes.js';
import { duplicateToolRows, duplicateWorkRows, ordinal } from './findings.js';
import { weekDays } from './weeks.js';

/** The green / yellow / red bands on the gap between a goal's share and its target. */
export interface Thresholds {
  green: number;
  yellow: number;
}

/** Everything a report is built from; gathered from the store by the caller. */
export interface ReportInputs {
  week: string;
  generatedAt: string;
  /** `schedule.timezone`: the zone the ISO weeks are counted in. */
  timeZone: string;
  goals: GoalsFile;
  rates: EffortRates;
  thresholds: Thresholds;
  settings: Pick<AnalysisSettings, 'misaligned' | 'requestPressure'>;
  /** The items the analysis tagged. */
  items: readonly WorkItem[];
  tags: TagLookup;
  /** Alignment score per item uid. */
  scores: ReadonlyMap<string, number>;
  /** The analysis run's findings; duplicate tools and duplicate work are read from them. */
  findings: readonly Finding[];
  /** The stored report of the week before, to say what is new. */
  previous: Report | null;
  /** How many misaligned items to list. @default 10 */
  topMisaligned?: number;
}

/** Weeks in a goal's trend, this one included. */
export const TREND_WEEKS = 8;

const share = (n: number): number => Math.round(n * 10_000) / 10_000;
const hours = (n: number): number => Math.round(n * 10) / 10;

/**
 * A goal's status from the gap between its share and its target, in the whole percentage points
 * the report shows, so a reader never sees "5 points under target" beside a colour that says 6.
 */
export function statusOf(actual: number, target: number, thresholds: Thresholds): ReportStatus {
  const gap = Math.abs(Math.round(actual * 100) - Math.round(target * 100));
  if (gap <= Math.round(thresholds.green * 100)) return 'green';
  if (gap <= Math.round(thresholds.yellow * 100)) return 'yellow';
  return 'red';
}

/**
 * The weekly drift report of design.md: where the week's delivered effort went against each goal's
 * target, with last week and an eight-week trend; run and unaligned shares; executive against
 * rank-and-file effort by team; duplicate tools and work; the largest work tied to no goal; and
 * what changed, in sentences. Pure: the same inputs give the same report.
 */
export function buildReport(inputs: ReportInputs): Report {
  const { week, timeZone, goals } = inputs;
  const weeks = trailingWeeks(week, TREND_WEEKS);
  const ordered = goals.goals.map((g, i) => ({ g, i })).sort((a, b) => a.g.rank - b.g.rank || a.i - b.i);
  const allocation = weeklyAllocation(inputs.items, inputs.tags, inputs.rates, {
    timeZone,
    weeks,
    goals: ordered.map(({ g }) => g.id),
  });
  const current = allocation.at(-1)!;
  const last = allocation.at(-2)!;
  const shareIn = (w: (typeof allocation)[number], goal: string): number | null =>
    w.totalHours > 0 ? share(w.shares[goal] ?? 0) : null;

  const rows: AllocationRow[] = ordered.map(({ g }) => {
    const actual = share(current.shares[g.id] ?? 0);
    return {
      goal: g.id,
      name: g.name,
      target: g.target,
      actual,
      lastWeek: shareIn(last, g.id),
      status: statusOf(actual, g.target, inputs.thresholds),
      trend: allocation.map((w) => ({ week: w.week, actual: shareIn(w, g.id) })),
    };
  });

  // The analysers measured over a window of exactly the report's week.
  const { end } = isoWeekBounds(week, timeZone);
  const window = { now: end - 1, windowDays: 0, timeZone, rates: inputs.rates };
  const pressure = detectRequestPressure(inputs.items, inputs.tags, inputs.settings.requestPressure, {
    ...window,
    goals: goals.goals,
  });
  const misaligned = detectMisaligned(inputs.items, inputs.tags, inputs.settings.misaligned, window);

  const byRef = new Map(inputs.items.map((item) => [item.ref, item]));
  const pressed = new Map(
    pressure.findings.map((f) => [String(f.details.team), f.details as Record<string, unknown>]),
  );
  const teams: PressureTeam[] = pressure.teamWeeks
    .filter((t) => t.totalHours > 0)
    .map((t) => ({
      team: t.team ?? '',
      hours: hours(t.totalHours),
      executiveShare: share(t.executiveShare),
      rankAndFileShare: share(t.rankAndFileShare),
      waiting: Number(pressed.get(t.team ?? '')?.waitingCount ?? 0),
      pressured: pressed.has(t.team ?? ''),
    }))
    .sort((a, b) => b.rankAndFileShare - a.rankAndFileShare || b.hours - a.hours || ordinal(a.team, b.team));
  const all = pressure.weeks[0]!;

  const duplicateTools = duplicateToolRows(inputs.findings);
  const duplicateWork = duplicateWorkRows(inputs.findings, byRef);
  const topMisaligned = misaligned.items.slice(0, inputs.topMisaligned ?? 10).map((m) => {
    const item = byRef.get(m.ref);
    return {
      item: m.ref,
      effort: hours(m.hours),
      score: inputs.scores.get(m.uid) ?? 0,
      team: m.team,
      title: item?.title ?? '',
      url: item?.url ?? '',
    };
  });

  const worst = teams.find((t) => t.pressured);
  const requests = worst ? pressingRequests(pressed.get(worst.team)!, byRef) : [];
  const changes = changeSentences({
    week,
    lastWeek: last.week,
    deliveredHours: current.totalHours,
    lastWeekHours: last.totalHours,
    allocation: rows,
    unaligned: { now: current.shares[NONE] ?? 0, last: shareIn(last, NONE) },
    pressure: worst
      ? {
          team: worst,
          requests: requests.length,
          departments: new Set(requests.flatMap((r) => r.requester?.department ?? [])).size,
        }
      : null,
    duplicateTools,
    duplicateWork,
    previous: inputs.previous,
  });

  return {
    week,
    period: goals.period,
    generatedAt: inputs.generatedAt,
    days: weekDays(week, timeZone),
    deliveredHours: hours(current.totalHours),
    thresholds: { green: inputs.thresholds.green, yellow: inputs.thresholds.yellow },
    allocation: rows,
    unalignedShare: share(current.shares[NONE] ?? 0),
    runShare: share(current.shares[RUN] ?? 0),
    lastWeekUnalignedShare: shareIn(last, NONE),
    lastWeekRunShare: shareIn(last, RUN),
    runTarget: goals.run.target,
    requestPressure: {
      executiveShare: share(all.executiveShare),
      rankAndFileShare: share(all.rankAndFileShare),
      teams,
    },
    duplicateTools,
    duplicateWork,
    topMisaligned,
    changes,
  };
}

/** The rank-and-file requests a request-pressure finding names as having taken the team's week. */
function pressingRequests(
  details: Record<string, unknown>,
  byRef: ReadonlyMap<string, WorkItem>,
): WorkItem[] {
  const pressing = Array.isArray(details.pressing) ? (details.pressing as { item?: unknown }[]) : [];
  return pressing.flatMap((p) => {
    const item = typeof p.item === 'string' ? byRef.get(p.item) : undefined;
    return item ? [item] : [];
  });
}
