import { z } from 'zod';

const status = z.enum(['green', 'yellow', 'red']);
export type ReportStatus = z.infer<typeof status>;

/**
 * The weekly report's JSON part: the stable contract of design.md. Fields beyond the design's
 * (names, trend, thresholds, dates, team rows) are optional additions, so a consumer written
 * against the design's example keeps working.
 */
export const reportSchema = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  period: z.string(),
  generatedAt: z.string(),
  /** The ISO week's first and last day (`2026-11-16`, `2026-11-22`) in `timeZone`. */
  days: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }).optional(),
  /** All effort counted in the week, in hours: the base of every share. */
  deliveredHours: z.number().optional(),
  /** The gaps to target that decided each goal's status. */
  thresholds: z.object({ green: z.number(), yellow: z.number() }).optional(),
  allocation: z.array(
    z.object({
      goal: z.string(),
      name: z.string().optional(),
      target: z.number(),
      actual: z.number(),
      /** Null when nothing was counted in the week before. */
      lastWeek: z.number().nullable(),
      status,
      /** The eight weeks ending with this one, oldest first; null for a week with no counted effort. */
      trend: z.array(z.object({ week: z.string(), actual: z.number().nullable() })).optional(),
    }),
  ),
  unalignedShare: z.number(),
  runShare: z.number(),
  /** The same shares in the week before; null when nothing was counted then. */
  lastWeekUnalignedShare: z.number().nullable().optional(),
  lastWeekRunShare: z.number().nullable().optional(),
  runTarget: z.number().optional(),
  requestPressure: z.object({
    executiveShare: z.number(),
    rankAndFileShare: z.number(),
    teams: z.array(z.record(z.string(), z.unknown())),
  }),
  duplicateTools: z.array(
    z.object({ capability: z.string(), tools: z.array(z.string()), items: z.array(z.string()) }).loose(),
  ),
  duplicateWork: z.array(z.object({ items: z.array(z.string()), similarity: z.number() }).loose()),
  topMisaligned: z.array(z.object({ item: z.string(), effort: z.number(), score: z.number() }).loose()),
  /** What changed since last week, in plain sentences. */
  changes: z.array(z.string()).optional(),
});
export type Report = z.infer<typeof reportSchema>;
export type AllocationRow = Report['allocation'][number];

/** One team's row of `requestPressure.teams` as bearing writes it. */
export const pressureTeamSchema = z.object({
  team: z.string(),
  hours: z.number(),
  executiveShare: z.number(),
  rankAndFileShare: z.number(),
  /** Top-goal items waiting in `todo` in the team. */
  waiting: z.number(),
  /** Rank-and-file requests beat executive priorities by more than the margin while top-goal work waited. */
  pressured: z.boolean(),
});
export type PressureTeam = z.infer<typeof pressureTeamSchema>;
