import { effortHours, NONE, RUN } from '../../model/index.js';
import type { EffortRates, WorkItem } from '../../model/index.js';
import { countedWeeks, goalOf, weekIndex } from '../effort/index.js';
import type { TagLookup } from '../effort/index.js';

export interface AllocationOptions {
  /** IANA zone the ISO weeks are counted in (`schedule.timezone`). */
  timeZone: string;
  /** The weeks to measure, e.g. `trailingWeeks(reportWeek, 9)`: this week plus eight for the trend. */
  weeks: readonly string[];
  /** Goal ids that get a row even in a week with no effort on them (`run` and `none` always do). */
  goals?: readonly string[];
}

/** Where one week's effort went. */
export interface WeekAllocation {
  week: string;
  /** All effort counted in the week, in hours: goals, run and none together. */
  totalHours: number;
  /** Hours by goal id, `run` and `none`. */
  hours: Record<string, number>;
  /** `hours` over `totalHours`; they sum to 1, or are all 0 in a week with no counted effort. */
  shares: Record<string, number>;
}

/**
 * Effort per goal (and `run`, `none`) and ISO week, the input of the drift report. An item counts
 * in a week with its full effort as design.md's "Effort in a week" says, so shares are over
 * everything delivered or in progress that week. Returned in the order of `options.weeks`.
 */
export function weeklyAllocation(
  items: Iterable<WorkItem>,
  tags: TagLookup,
  rates: EffortRates,
  options: AllocationOptions,
): WeekAllocation[] {
  const index = weekIndex(options.weeks, options.timeZone);
  const buckets = [...new Set([...(options.goals ?? []), RUN, NONE])];
  const hours = options.weeks.map(() => new Map<string, number>(buckets.map((b) => [b, 0])));

  for (const item of items) {
    const weeks = countedWeeks(item, index);
    if (weeks.length === 0) continue;
    const goal = goalOf(tags, item.uid);
    const h = effortHours(item, rates);
    for (const w of weeks) {
      const byGoal = hours[w]!;
      byGoal.set(goal, (byGoal.get(goal) ?? 0) + h);
    }
  }

  return options.weeks.map((week, w) => {
    const byGoal = hours[w]!;
    let totalHours = 0;
    for (const h of byGoal.values()) totalHours += h;
    const entries = [...byGoal.entries()];
    return {
      week,
      totalHours,
      hours: Object.fromEntries(entries),
      shares: Object.fromEntries(entries.map(([g, h]) => [g, totalHours > 0 ? h / totalHours : 0])),
    };
  });
}
