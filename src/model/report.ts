import { z } from 'zod';

/** The weekly report's JSON part: the stable contract of design.md. */
export const reportSchema = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  period: z.string(),
  generatedAt: z.string(),
  allocation: z.array(
    z.object({
      goal: z.string(),
      target: z.number(),
      actual: z.number(),
      lastWeek: z.number().nullable(),
      status: z.enum(['green', 'yellow', 'red']),
      trend: z.array(z.object({ week: z.string(), actual: z.number() })).optional(),
    }),
  ),
  unalignedShare: z.number(),
  runShare: z.number(),
  requestPressure: z.object({
    executiveShare: z.number(),
    rankAndFileShare: z.number(),
    teams: z.array(z.record(z.string(), z.unknown())),
  }),
  duplicateTools: z.array(
    z.object({ capability: z.string(), tools: z.array(z.string()), items: z.array(z.string()) }).loose(),
  ),
  duplicateWork: z.array(z.object({ items: z.array(z.string()), similarity: z.number() }).loose()),
  topMisaligned: z.array(z.object({ item: z.string(), effort: z.number(), score: z.number() }).loose()),
  changes: z.array(z.string()).optional(),
});
export type Report = z.infer<typeof reportSchema>;
