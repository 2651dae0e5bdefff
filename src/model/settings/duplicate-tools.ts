import { z } from 'zod';

/** Settings of the duplicate-tools stage, under `analysis.duplicateTools` in bearing.yaml. Defaults live here. */
export const duplicateToolsSettingsSchema = z.strictObject({});
export type DuplicateToolsSettings = z.infer<typeof duplicateToolsSettingsSchema>;
