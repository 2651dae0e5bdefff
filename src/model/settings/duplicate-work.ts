import { z } from 'zod';

/** Settings of the duplicate-work stage, under `analysis.duplicateWork` in bearing.yaml. Defaults live here. */
export const duplicateWorkSettingsSchema = z.strictObject({});
export type DuplicateWorkSettings = z.infer<typeof duplicateWorkSettingsSchema>;
