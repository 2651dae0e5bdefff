import { z } from 'zod';

/** Settings of the mapping stage, under `analysis.mapping` in bearing.yaml. Defaults live here. */
export const mappingSettingsSchema = z.strictObject({});
export type MappingSettings = z.infer<typeof mappingSettingsSchema>;
