import { z } from 'zod';

/** Settings of the duplicate-tools stage, under `analysis.duplicateTools` in bearing.yaml. Defaults live here. */
export const duplicateToolsSettingsSchema = z.strictObject({
  /**
   * The company's standard tool per capability, by capability id (`video-meetings: Zoom`); overrides
   * the catalog's `standard: true`. Checked against the catalog when the analyser starts.
   * @default {}
   */
  standards: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().trim().min(1)).default({}),
  /**
   * What makes another team count as working with a tool: `adoption` only when it asks for, buys,
   * builds or rolls it out; `any-mention` also when its support tickets mention it.
   * @default adoption
   */
  evidence: z.enum(['adoption', 'any-mention']).default('adoption'),
  /**
   * More one-word tool names that are also ordinary words in your company (added to the built-in
   * list); they match only when capitalised and next to a software word.
   * @default []
   */
  ambiguousNames: z.array(z.string().trim().min(1)).default([]),
  /**
   * Most tools listed per finding, and most items per tool.
   * @default 50
   */
  maxItemsPerFinding: z.number().int().min(1).default(50),
});
export type DuplicateToolsSettings = z.infer<typeof duplicateToolsSettingsSchema>;
