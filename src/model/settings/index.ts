import { z } from 'zod';
import { mappingSettingsSchema } from './mapping.js';
import { scoringSettingsSchema } from './scoring.js';
import { duplicateWorkSettingsSchema } from './duplicate-work.js';
import { duplicateToolsSettingsSchema } from './duplicate-tools.js';
import { misalignedSettingsSchema } from './misaligned.js';
import { requestPressureSettingsSchema } from './request-pressure.js';

export * from './mapping.js';
export * from './scoring.js';
export * from './duplicate-work.js';
export * from './duplicate-tools.js';
export * from './misaligned.js';
export * from './request-pressure.js';

/** `analysis:` in bearing.yaml. Every key has a default, so `analysis: {}` is valid. */
export const analysisSettingsSchema = z.strictObject({
  /** How many days back from now the analysis looks. */
  windowDays: z.number().int().min(1).max(366).default(28),
  mapping: mappingSettingsSchema.prefault({}),
  scoring: scoringSettingsSchema.prefault({}),
  duplicateWork: duplicateWorkSettingsSchema.prefault({}),
  duplicateTools: duplicateToolsSettingsSchema.prefault({}),
  misaligned: misalignedSettingsSchema.prefault({}),
  requestPressure: requestPressureSettingsSchema.prefault({}),
});
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;
