import { z } from 'zod';

/** Settings of the request-pressure stage, under `analysis.requestPressure` in bearing.yaml. Defaults live here. */
export const requestPressureSettingsSchema = z.strictObject({});
export type RequestPressureSettings = z.infer<typeof requestPressureSettingsSchema>;
