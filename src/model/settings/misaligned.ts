import { z } from 'zod';

/** Settings of the misaligned stage, under `analysis.misaligned` in bearing.yaml. Defaults live here. */
export const misalignedSettingsSchema = z.strictObject({
  /**
   * How many misaligned items, largest effort first, become findings of their own (the report's
   * "top misaligned work").
   * @default 20
   */
  topItems: z.number().int().min(0).default(20),
  /**
   * A team gets a finding when this share of its effort in the window went to work tied to no goal.
   * @default 0.25
   */
  teamShare: z.number().min(0).max(1).default(0.25),
  /**
   * Teams with less counted effort in the window (hours) get no team finding: a share of a few hours says little.
   * @default 16
   */
  minTeamHours: z.number().min(0).default(16),
  /**
   * Most items named in one team finding (largest effort first).
   * @default 50
   */
  maxItemsPerFinding: z.number().int().min(1).default(50),
});
export type MisalignedSettings = z.infer<typeof misalignedSettingsSchema>;
