import { z } from 'zod';

/** Settings of the scoring stage, under `analysis.scoring` in bearing.yaml. Defaults live here. */
export const scoringSettingsSchema = z.strictObject({});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;
