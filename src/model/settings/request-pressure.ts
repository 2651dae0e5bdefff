import { z } from 'zod';

/** Settings of the request-pressure stage, under `analysis.requestPressure` in bearing.yaml. Defaults live here. */
export const requestPressureSettingsSchema = z.strictObject({
  /**
   * How many of the best-ranked goals are executive priorities ("the top two" of design.md). Goals
   * tied in rank at the boundary all count.
   * @default 2
   */
  topGoals: z.number().int().min(1).default(2),
  /**
   * A team-week gets a finding when the rank-and-file share of its effort exceeds the executive
   * share by more than this (in share points: 0.1 = ten percentage points).
   * @default 0.1
   */
  margin: z.number().min(0).max(1).default(0.1),
  /**
   * Items at this priority or more urgent (1 = highest) can carry the `request-pressure` flag.
   * @default 2
   */
  maxPriority: z.number().int().min(1).max(5).default(2),
  /**
   * Team-weeks with less counted effort (hours) get no finding.
   * @default 8
   */
  minTeamWeekHours: z.number().min(0).default(8),
  /**
   * Most waiting and most pressing items named in one finding (each).
   * @default 20
   */
  maxItemsPerFinding: z.number().int().min(1).default(20),
});
export type RequestPressureSettings = z.infer<typeof requestPressureSettingsSchema>;
