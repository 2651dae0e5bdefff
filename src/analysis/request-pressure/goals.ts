import type { Goal } from '../../model/index.js';

export type RankedGoal = Pick<Goal, 'id' | 'rank' | 'sponsor'>;

/**
 * The executive priorities: goals with fewer than `count` goals ranked strictly better, so goals
 * tied in rank at the boundary all count (ranks 1, 2, 2 with count 2 → all three).
 */
export function topGoalIds(goals: readonly RankedGoal[], count: number): Set<string> {
  return new Set(goals.filter((g) => goals.filter((o) => o.rank < g.rank).length < count).map((g) => g.id));
}

/** Sponsors' e-mails, lower-cased: a sponsor is an executive wherever they ask for work. */
export const sponsorEmails = (goals: readonly RankedGoal[]): Set<string> =>
  new Set(goals.flatMap((g) => (g.sponsor === undefined ? [] : [g.sponsor.toLowerCase()])));
