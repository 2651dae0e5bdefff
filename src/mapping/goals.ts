import type { Goal, GoalsFile } from '../model/index.js';
import { NONE, RUN } from '../model/index.js';

/**
 * The goals in rank order (ties keep their order in goals.yaml), so a lower index is always the
 * better goal; the run bucket is the index after the last goal. Every tie in mapping goes to the
 * lower index.
 */
export interface RankedGoals {
  list: readonly Goal[];
  /** Index of the run bucket. */
  run: number;
}

export function rankGoals(file: Pick<GoalsFile, 'goals'>): RankedGoals {
  const list = file.goals.map((goal, order) => ({ goal, order }));
  list.sort((a, b) => a.goal.rank - b.goal.rank || a.order - b.order);
  return { list: list.map((x) => x.goal), run: list.length };
}

/** The id written onto tickets for an index: a goal id, `run`, or `none` (-1). */
export function idOf(goals: RankedGoals, index: number): string {
  if (index < 0) return NONE;
  if (index === goals.run) return RUN;
  return goals.list[index]?.id ?? NONE;
}

/** How reasons name an index: the goal's name in quotes, or "run work". */
export function nameOf(goals: RankedGoals, index: number): string {
  if (index === goals.run) return 'run work';
  const goal = goals.list[index];
  return goal ? `"${goal.name}"` : 'no goal';
}
