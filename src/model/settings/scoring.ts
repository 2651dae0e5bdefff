import { z } from 'zod';

const rating = z.number().min(1).max(5);

/** A 1–5 rating per item kind. */
const byKind = (d: {
  issue: number;
  epic: number;
  incident: number;
  request: number;
  change: number;
  demand: number;
  project: number;
}) =>
  z.strictObject({
    issue: rating.default(d.issue),
    epic: rating.default(d.epic),
    incident: rating.default(d.incident),
    request: rating.default(d.request),
    change: rating.default(d.change),
    demand: rating.default(d.demand),
    project: rating.default(d.project),
  });

const points = z.number().min(0).max(100);

/**
 * Settings of the scoring stage, under `analysis.scoring` in bearing.yaml. Defaults live here.
 * Four criteria are rated 1–5 and weighted; flags then take points off (see `scoreItem`).
 */
export const scoringSettingsSchema = z.strictObject({
  /** Weight of each criterion; they must add up to 1. */
  weights: z
    .strictObject({
      /** @default 0.4 */
      fit: z.number().min(0).max(1).default(0.4),
      /** @default 0.25 */
      value: z.number().min(0).max(1).default(0.25),
      /** @default 0.2 */
      risk: z.number().min(0).max(1).default(0.2),
      /** @default 0.15 */
      effort: z.number().min(0).max(1).default(0.15),
    })
    .refine((w) => Math.abs(w.fit + w.value + w.risk + w.effort - 1) < 1e-6, {
      message: 'weights must add up to 1',
    })
    .prefault({}),
  /** Strategic fit ratings (1–5). */
  fit: z
    .strictObject({
      /** Fit of the best-ranked goal. @default 5 */
      bestGoal: rating.default(5),
      /** Fit of the worst-ranked goal; ranks in between are spread evenly. @default 3.5 */
      lastGoal: rating.default(3.5),
      /** Run work: aligned, but not strategic. @default 3 */
      run: rating.default(3),
      /** Work tied to no goal. @default 1 */
      none: rating.default(1),
      /**
       * Share of the fit above 1 that depends on mapping confidence: with 0.5, a goal tagged at
       * confidence 0 keeps half its fit above 1.
       * @default 0.5
       */
      confidenceShare: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  /** What the work is worth by kind (1–5); averaged with the priority (and impact) ratings. */
  valueByKind: byKind({
    issue: 3,
    epic: 4,
    incident: 3,
    request: 2,
    change: 3,
    demand: 4,
    project: 4,
  }).prefault({}),
  /** What goes wrong if the work is not done, by kind (1–5); averaged with the urgency rating. */
  riskByKind: byKind({
    issue: 2,
    epic: 2,
    incident: 5,
    request: 2,
    change: 4,
    demand: 2,
    project: 3,
  }).prefault({}),
  /**
   * Upper bounds in hours of effort ratings 5, 4, 3 and 2 (small work rates high); more is 1.
   * @default [4, 16, 40, 120]
   */
  effortHours: z
    .tuple([z.number().positive(), z.number().positive(), z.number().positive(), z.number().positive()])
    .refine(([a, b, c, d]) => a < b && b < c && c < d, {
      message: 'must be four increasing numbers of hours',
    })
    .default([4, 16, 40, 120]),
  /** Points (of 100) taken off per flag. */
  penalties: z
    .strictObject({
      /** @default 15 */
      'duplicate-tool': points.default(15),
      /** @default 15 */
      'duplicate-work': points.default(15),
      /** @default 20 */
      misaligned: points.default(20),
      /** @default 10 */
      'request-pressure': points.default(10),
    })
    .prefault({}),
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;
