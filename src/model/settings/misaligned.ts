import { z } from 'zod';

/** Settings of the misaligned stage, under `analysis.misaligned` in bearing.yaml. Defaults live here. */
export const misalignedSettingsSchema = z.strictObject({});
export type MisalignedSettings = z.infer<typeof misalignedSettingsSchema>;
