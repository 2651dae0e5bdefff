import { BearingError, isoWeekBounds, isoWeekOf, previousIsoWeek } from '../../core/index.js';

const DAY_MS = 86_400_000;

/** An ISO week with its bounds in a time zone: `start` inclusive, `end` exclusive, epoch ms. */
export interface WeekSpan {
  week: string;
  start: number;
  end: number;
}

/**
 * Finds the week an instant falls in among a fixed set of weeks. Built once per analysis, so
 * placing a million timestamps costs a binary search each instead of a time-zone conversion.
 */
export interface WeekIndex {
  /** The weeks in the order they were given. */
  readonly spans: readonly WeekSpan[];
  /** Position in `spans` of the week holding `ms`, or -1 when it is in none of them. */
  indexOf(ms: number): number;
  /** `[position]`, one frozen array per week. */
  single(position: number): readonly number[];
}

export function weekIndex(weeks: readonly string[], timeZone: string): WeekIndex {
  const spans = weeks.map((week) => ({ week, ...isoWeekBounds(week, timeZone) }));
  if (new Set(weeks).size !== weeks.length) {
    throw new BearingError('fatal', `expected distinct weeks, got ${weeks.join(', ')}`);
  }
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  const starts = order.map((i) => spans[i]!.start);
  const ends = order.map((i) => spans[i]!.end);
  const singles = spans.map((_, i) => Object.freeze([i]));
  return {
    spans,
    single: (position) => singles[position]!,
    indexOf(ms: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ms < starts[mid]!) hi = mid - 1;
        else if (ms >= ends[mid]!) lo = mid + 1;
        else return order[mid]!;
      }
      return -1;
    },
  };
}

/** The `count` ISO weeks ending with `lastWeek`, oldest first. */
export function trailingWeeks(lastWeek: string, count: number): string[] {
  const weeks = [lastWeek];
  while (weeks.length < count) weeks.push(previousIsoWeek(weeks[weeks.length - 1]!));
  return weeks.reverse();
}

/** Where the analysis looks: `windowDays` back from `now`, or from `from` when given. */
export interface AnalysisWindow {
  /** Epoch ms. */
  now: number;
  windowDays: number;
  /** IANA zone the weeks are counted in (`schedule.timezone`). */
  timeZone: string;
  /** Epoch ms the window starts at, when the caller fixes it (the pipeline: a week's start). */
  from?: number;
}

export const windowStart = (window: AnalysisWindow): number =>
  window.from ?? window.now - window.windowDays * DAY_MS;

/**
 * The ISO weeks that overlap the window, oldest first: from the week holding its first instant to
 * the current week. Whole weeks, so a team's weekly shares are always over a full week's work.
 */
export function windowWeeks(window: AnalysisWindow): string[] {
  const first = isoWeekOf(windowStart(window), window.timeZone);
  const weeks = [isoWeekOf(window.now, window.timeZone)];
  while (weeks[weeks.length - 1] !== first) weeks.push(previousIsoWeek(weeks[weeks.length - 1]!));
  return weeks.reverse();
}
