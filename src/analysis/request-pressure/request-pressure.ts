import { effortHours, NONE } from '../../model/index.js';
import type { EffortRates, Finding, Person, RequestPressureSettings, WorkItem } from '../../model/index.js';
import {
  countedWeeks,
  goalOf,
  lastWorked,
  resolvedAt,
  weekIndex,
  windowStart,
  windowWeeks,
} from '../effort/index.js';
import type { AnalysisWindow, TagLookup } from '../effort/index.js';
import { sponsorEmails, topGoalIds } from './goals.js';
import type { RankedGoal } from './goals.js';

export interface RequestPressureContext extends AnalysisWindow {
  rates: EffortRates;
  /** The goals of goals.yaml: ranks decide the top ones, sponsors are executives. */
  goals: readonly RankedGoal[];
}

/** Effort of one team (or of all, `team: null`) in one week, split by who and what it served. */
export interface PressureWeek {
  team: string | null;
  week: string;
  /** Everything counted in the week: goals, run and none. */
  totalHours: number;
  /** On items requested by non-executives, tied to no goal or to a goal below the top ones. */
  rankAndFileHours: number;
  /** On items of top goals that have an executive sponsor. */
  executiveHours: number;
  rankAndFileShare: number;
  executiveShare: number;
}

export interface RequestPressureResult {
  findings: Finding[];
  /** Uids that carry the `request-pressure` flag. */
  flagged: ReadonlySet<string>;
  /** Every team with counted effort, every week of the window (teams sorted, weeks oldest first). */
  teamWeeks: PressureWeek[];
  /** All teams together, per week of the window: the report's executive and rank-and-file shares. */
  weeks: PressureWeek[];
  /** Goal ids taken as executive priorities. */
  topGoals: string[];
}

interface TeamTotals {
  total: Float64Array;
  rankAndFile: Float64Array;
  executive: Float64Array;
  /** Rank-and-file items counted in each week (the items themselves: no copy per item). */
  pressing: WorkItem[][];
}

/**
 * Rank-and-file requests crowding out executive priorities (design.md, flag `request-pressure`).
 *
 * Per team and week of the window, the share of the team's effort on items requested by
 * non-executives that serve no goal or a goal below the top ones, against the share on items of
 * executive-sponsored top goals. A team-week is a finding (`request-pressure:<team>:<week>`) when
 * the first exceeds the second by more than `margin` while items of a top goal wait in `todo` in
 * that team; it names the waiting items (most urgent, then oldest, first) and the requests that
 * took the capacity (largest first).
 *
 * Decisions: an item without a requester (created by automation) is nobody's request, so it is in
 * neither share; `run` work is mandatory and is in neither share; a tag naming a goal no longer in
 * goals.yaml is in neither share. Waiting items count however old they are: a backlog is waiting.
 */
export function detectRequestPressure(
  items: Iterable<WorkItem>,
  tags: TagLookup,
  settings: RequestPressureSettings,
  context: RequestPressureContext,
): RequestPressureResult {
  const weeks = windowWeeks(context);
  const index = weekIndex(weeks, context.timeZone);
  const from = windowStart(context);
  const top = topGoalIds(context.goals, settings.topGoals);
  const below = new Set(context.goals.filter((g) => !top.has(g.id)).map((g) => g.id));
  const sponsoredTop = new Set(
    context.goals.filter((g) => top.has(g.id) && g.sponsor !== undefined).map((g) => g.id),
  );
  const sponsors = sponsorEmails(context.goals);
  const isRankAndFile = (requester: Person | null): boolean =>
    requester !== null &&
    !requester.isExecutive &&
    !(requester.email !== undefined && sponsors.has(requester.email.toLowerCase()));

  const teams = new Map<string, TeamTotals>();
  const waiting = new Map<string, WorkItem[]>();
  const candidates: WorkItem[] = [];

  for (const item of items) {
    const counted = countedWeeks(item, index);
    const urgent = item.priority <= settings.maxPriority && activeInWindow(item, from, context.now);
    // The tag lookup is the costly part of a pass over a million items: only where it matters.
    if (counted.length === 0 && item.status !== 'todo' && !urgent) continue;
    const goal = goalOf(tags, item.uid);
    if (item.status === 'todo' && top.has(goal)) {
      const list = waiting.get(item.team) ?? [];
      list.push(item);
      waiting.set(item.team, list);
    }
    const rankAndFile = (goal === NONE || below.has(goal)) && isRankAndFile(item.requester);
    if (rankAndFile && urgent) candidates.push(item);

    if (counted.length === 0) continue;
    const hours = effortHours(item, context.rates);
    let team = teams.get(item.team);
    if (team === undefined) {
      const zeros = () => new Float64Array(weeks.length);
      team = { total: zeros(), rankAndFile: zeros(), executive: zeros(), pressing: weeks.map(() => []) };
      teams.set(item.team, team);
    }
    for (const w of counted) {
      team.total[w]! += hours;
      if (rankAndFile) {
        team.rankAndFile[w]! += hours;
        team.pressing[w]!.push(item);
      } else if (sponsoredTop.has(goal)) {
        team.executive[w]! += hours;
      }
    }
  }

  const findings: Finding[] = [];
  const teamWeeks: PressureWeek[] = [];
  const all = {
    total: new Float64Array(weeks.length),
    rankAndFile: new Float64Array(weeks.length),
    executive: new Float64Array(weeks.length),
  };
  for (const name of [...teams.keys()].sort()) {
    const team = teams.get(name)!;
    weeks.forEach((week, w) => {
      all.total[w]! += team.total[w]!;
      all.rankAndFile[w]! += team.rankAndFile[w]!;
      all.executive[w]! += team.executive[w]!;
      const row = pressureRow(name, week, team.total[w]!, team.rankAndFile[w]!, team.executive[w]!);
      teamWeeks.push(row);
      const queue = waiting.get(name) ?? [];
      if (
        row.totalHours >= settings.minTeamWeekHours &&
        row.rankAndFileShare - row.executiveShare > settings.margin &&
        queue.length > 0
      ) {
        findings.push(finding(row, queue, team.pressing[w]!, tags, settings, context.rates));
      }
    });
  }

  return {
    findings,
    flagged: new Set(candidates.filter((c) => waiting.has(c.team)).map((c) => c.uid)),
    teamWeeks,
    weeks: weeks.map((week, w) =>
      pressureRow(null, week, all.total[w]!, all.rankAndFile[w]!, all.executive[w]!),
    ),
    topGoals: [...top].sort(),
  };
}

/** In progress (and touched within the window) or resolved within the window. */
function activeInWindow(item: WorkItem, from: number, now: number): boolean {
  if (item.status === 'doing' && lastWorked(item) >= from) return true;
  const resolved = resolvedAt(item);
  return resolved !== null && resolved >= from && resolved <= now;
}

function pressureRow(
  team: string | null,
  week: string,
  totalHours: number,
  rankAndFileHours: number,
  executiveHours: number,
): PressureWeek {
  const share = (h: number): number => (totalHours > 0 ? h / totalHours : 0);
  return {
    team,
    week,
    totalHours,
    rankAndFileHours,
    executiveHours,
    rankAndFileShare: share(rankAndFileHours),
    executiveShare: share(executiveHours),
  };
}

/** Code-unit order: the same in every locale, so findings list items the same way everywhere. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const percent = (share: number): string => `${Math.round(share * 100)}%`;

function finding(
  row: PressureWeek,
  queue: readonly WorkItem[],
  pressing: readonly WorkItem[],
  tags: TagLookup,
  settings: RequestPressureSettings,
  rates: EffortRates,
): Finding {
  const max = settings.maxItemsPerFinding;
  const waiting = firstInOrder(
    queue,
    max,
    (a, b) => a.priority - b.priority || ordinal(a.created, b.created) || ordinal(a.ref, b.ref),
  );
  const took = firstInOrder(
    pressing,
    max,
    (a, b) => effortHours(b, rates) - effortHours(a, rates) || ordinal(a.ref, b.ref),
  ).map((item) => ({
    ref: item.ref,
    hours: effortHours(item, rates),
    goal: goalOf(tags, item.uid),
    priority: item.priority,
  }));
  return {
    kind: 'request-pressure',
    key: `request-pressure:${row.team}:${row.week}`,
    items: [...waiting.map((w) => w.ref), ...took.map((p) => p.ref)],
    summary:
      `${row.team}, ${row.week}: ${percent(row.rankAndFileShare)} of effort went to rank-and-file requests ` +
      `off the top goals against ${percent(row.executiveShare)} to executive priorities, ` +
      `while ${queue.length} top-goal item${queue.length === 1 ? '' : 's'} wait`,
    details: {
      ...row,
      margin: settings.margin,
      waitingCount: queue.length,
      waiting: waiting.map((w) => ({
        item: w.ref,
        goal: goalOf(tags, w.uid),
        priority: w.priority,
        created: w.created,
      })),
      pressing: took.map(({ ref, hours, goal, priority }) => ({ item: ref, hours, goal, priority })),
    },
  };
}

/**
 * The first `k` of `values` in `compare` order, as a stable sort and a slice would give them,
 * without copying and sorting them all: a team's queue and the week's requests grow with the
 * number of items, the few named in a finding do not.
 */
function firstInOrder<T>(values: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const value of values) {
    let at = kept.length;
    while (at > 0 && compare(value, kept[at - 1] as T) < 0) at -= 1;
    if (at >= k) continue;
    kept.splice(at, 0, value);
    if (kept.length > k) kept.pop();
  }
  return kept;
}
