import { z } from 'zod';
import { ITEM_KINDS } from './work-item.js';

const names = z.array(z.string().min(1)).default([]);

export const goalSchema = z.strictObject({
  /** Stable id, written onto tickets (`digital-revenue`). Lower-case letters, digits and dashes. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
    .refine(
      (id) => id !== 'run' && id !== 'none',
      'is reserved ("run" and "none" are bearing\'s own buckets)',
    ),
  name: z.string().min(1),
  /** The executive who owns the goal (an e-mail); counted as an executive everywhere. */
  sponsor: z.email('must be an e-mail address').optional(),
  /** 1 = most important. */
  rank: z.number().int().min(1),
  /** Share of delivered effort leadership wants on this goal. */
  target: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  keywords: names,
  match: z
    .strictObject({
      jira: z.strictObject({ projects: names, labels: names, components: names, epics: names }).prefault({}),
      servicenow: z
        .strictObject({ businessServices: names, assignmentGroups: names, categories: names })
        .prefault({}),
    })
    .prefault({}),
});
export type Goal = z.infer<typeof goalSchema>;

export const runBucketSchema = z.strictObject({
  target: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  match: z
    .strictObject({
      kinds: z.array(z.enum(ITEM_KINDS)).default([]),
      labels: names,
      servicenow: z.strictObject({ tables: names, categories: names, businessServices: names }).prefault({}),
    })
    .prefault({}),
});
export type RunBucket = z.infer<typeof runBucketSchema>;

export const goalsFileSchema = z
  .strictObject({
    period: z.string().min(1),
    goals: z.array(goalSchema).min(1, 'must list at least one goal'),
    run: runBucketSchema,
  })
  .superRefine((file, ctx) => {
    const total = file.goals.reduce((sum, g) => sum + g.target, 0) + file.run.target;
    if (total > 1 + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['goals'],
        message: `goal targets plus the run target add up to ${total.toFixed(2)}; they must not exceed 1`,
      });
    }
    const seen = new Set<string>();
    file.goals.forEach((g, i) => {
      if (seen.has(g.id))
        ctx.addIssue({ code: 'custom', path: ['goals', i, 'id'], message: `duplicate goal id "${g.id}"` });
      seen.add(g.id);
    });
  });
export type GoalsFile = z.infer<typeof goalsFileSchema>;

/** What a tag can name: a goal id, the run bucket, or nothing. */
export type GoalId = string;
export const RUN = 'run';
export const NONE = 'none';
