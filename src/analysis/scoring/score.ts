import {
  effortHours,
  FLAGS,
  NONE,
  RUN,
  type EffortRates,
  type Flag,
  type Goal,
  type GoalTag,
  type Score,
  type ScorePart,
  type ScoringSettings,
  type WorkItem,
} from '../../model/index.js';

/** What scoring needs besides the item: where each goal stands, and how to turn effort into hours. */
export interface ScoringContext {
  rates: EffortRates;
  /** Per goal id: its place among the distinct ranks (1 = best) and how many distinct ranks there are. */
  standing: ReadonlyMap<string, { rank: number; place: number; places: number }>;
}

export function createScoringContext(
  goals: readonly Pick<Goal, 'id' | 'rank'>[],
  rates: EffortRates,
): ScoringContext {
  const ranks = [...new Set(goals.map((g) => g.rank))].sort((a, b) => a - b);
  const standing = new Map(
    goals.map((g) => [g.id, { rank: g.rank, place: ranks.indexOf(g.rank) + 1, places: ranks.length }]),
  );
  return { rates, standing };
}

type Item = Pick<WorkItem, 'uid' | 'kind' | 'priority' | 'impact' | 'effort'>;
type Tag = Pick<GoalTag, 'goal' | 'confidence'>;

/**
 * The Alignment Score (0–100, higher is better aligned), the repeatable portfolio score of
 * design.md: four criteria rated 1 (poor) to 5 (excellent), weighted, minus points for flags.
 *
 * - **Strategic fit**: the goal's rating, from `fit.bestGoal` for the best-ranked goal down to
 *   `fit.lastGoal` for the worst (evenly by place among the distinct ranks); `fit.run` for run
 *   work (aligned, not strategic); `fit.none` for no goal. The part above 1 is scaled by how sure
 *   the mapping is: `fit = 1 + (rating − 1) × (1 − share + share × confidence)`, share = `fit.confidenceShare`.
 * - **Value**: the average of the priority rating (priority 1 → 5 … 5 → 1), the impact rating
 *   when the source has one (impact 1 → 5, 2 → 3, 3 → 1) and `valueByKind`.
 * - **Risk** (what goes wrong if it is not done): the average of `riskByKind` and the urgency
 *   rating (impact when known, else priority, rated as above).
 * - **Effort** (small work scores high): 5 up to `effortHours[0]` hours, 4 up to `[1]`, 3 up to
 *   `[2]`, 2 up to `[3]`, else 1. Hours follow design.md ("Effort in hours").
 *
 * Each rating becomes 0–1 as `(rating − 1) / 4`. Then
 *
 *   score = round(100 × Σ weight × (rating − 1) / 4 − Σ penalty of each flag), kept within 0 … 100.
 *
 * Every part (penalties too, as value 1 with a negative weight) is in `parts`, so the score is
 * `round(100 × Σ value × weight)`. Pure: equal inputs give equal scores; time plays no part.
 */
export function scoreItem(
  item: Item,
  tag: Tag,
  flags: readonly Flag[],
  context: ScoringContext,
  settings: ScoringSettings,
): Score {
  const { weights } = settings;
  const criteria: ScorePart[] = [
    part('strategic fit', fitOf(tag, context, settings), weights.fit),
    part('value', valueOf(item, settings), weights.value),
    part('risk', riskOf(item, settings), weights.risk),
    part('effort', effortOf(item, context, settings), weights.effort),
  ];
  const flagged = FLAGS.filter((flag) => flags.includes(flag));
  const penalties: ScorePart[] = flagged.map((flag) => ({
    name: flag,
    value: 1,
    weight: -settings.penalties[flag] / 100,
    note: `flagged ${flag}: −${settings.penalties[flag]} points`,
  }));
  const parts = [...criteria, ...penalties];
  const total = parts.reduce((sum, p) => sum + p.value * p.weight, 0);
  return { uid: item.uid, score: Math.min(100, Math.max(0, Math.round(total * 100))), parts, flags: flagged };
}

interface Rated {
  rating: number;
  note: string;
}

function part(name: string, { rating, note }: Rated, weight: number): ScorePart {
  return { name, value: (rating - 1) / 4, weight, note: `${rating.toFixed(1)} of 5: ${note}` };
}

function fitOf(tag: Tag, context: ScoringContext, settings: ScoringSettings): Rated {
  const { fit } = settings;
  const standing = context.standing.get(tag.goal);
  if (tag.goal === NONE || (tag.goal !== RUN && !standing)) {
    return { rating: fit.none, note: 'tied to no goal' };
  }
  const sure = `mapping confidence ${tag.confidence.toFixed(2)}`;
  const scaled = (rating: number): number =>
    1 + (rating - 1) * (1 - fit.confidenceShare + fit.confidenceShare * tag.confidence);
  if (!standing) return { rating: scaled(fit.run), note: `run work (aligned, not strategic), ${sure}` };
  const step = standing.places > 1 ? (standing.place - 1) / (standing.places - 1) : 0;
  const rating = fit.bestGoal - (fit.bestGoal - fit.lastGoal) * step;
  return {
    rating: scaled(rating),
    note: `goal ranked ${standing.rank} (${standing.place} of ${standing.places}), ${sure}`,
  };
}

/** Priority 1 (highest) … 5 → rating 5 … 1. */
const priorityRating = (priority: number): number => 6 - Math.min(5, Math.max(1, priority));
/** Impact 1 (high) … 3 (low) → rating 5, 3, 1. */
const impactRating = (impact: number): number => Math.max(1, 5 - 2 * (impact - 1));

function valueOf(item: Item, settings: ScoringSettings): Rated {
  const ratings = [priorityRating(item.priority), settings.valueByKind[item.kind]];
  if (item.impact !== null) ratings.push(impactRating(item.impact));
  const impact = item.impact === null ? '' : `, impact ${item.impact}`;
  return { rating: mean(ratings), note: `priority ${item.priority}${impact}, ${item.kind}` };
}

function riskOf(item: Item, settings: ScoringSettings): Rated {
  const urgency = item.impact === null ? priorityRating(item.priority) : impactRating(item.impact);
  const basis = item.impact === null ? `priority ${item.priority}` : `impact ${item.impact}`;
  return { rating: mean([settings.riskByKind[item.kind], urgency]), note: `${item.kind}, ${basis}` };
}

function effortOf(item: Item, context: ScoringContext, settings: ScoringSettings): Rated {
  const hours = effortHours(item, context.rates);
  const above = settings.effortHours.filter((bound) => hours > bound).length;
  return { rating: 5 - above, note: `${Math.round(hours * 10) / 10} hours` };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
