/**
 * The raw issue as bearing reads it (api-facts §2): only the fields bearing uses, checked with zod and
 * lenient about everything else (unknown keys are ignored, optional fields may be absent or null). An
 * issue that fails is quarantined with the path of the first bad field.
 */
import { z } from 'zod';

/** `2023-11-02T10:02:34.255+0100`: ms precision, offset without a colon, the caller's zone (§2). */
const jiraTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a Jira timestamp');

/** Cloud users carry accountId; Data Center users name and key (§2). emailAddress may be hidden. */
const user = z.object({
  accountId: z.string().optional(),
  key: z.string().optional(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().nullish(),
});

const issueType = z.object({
  name: z.string(),
  // §2: epics 1, standard 0, sub-tasks -1 on Cloud; absent on Data Center.
  hierarchyLevel: z.number().optional(),
  subtask: z.boolean().optional(),
});

const issueRef = z.object({
  id: z.string().optional(),
  key: z.string(),
  fields: z.object({ issuetype: issueType.optional() }).optional(),
});

const issueLink = z.object({
  type: z.object({ name: z.string() }),
  inwardIssue: z.object({ key: z.string() }).optional(),
  outwardIssue: z.object({ key: z.string() }).optional(),
});

/** Where bearing reads its own fields and the configurable ones (ids found from GET /field). */
export interface CustomFieldIds {
  score?: string;
  goal?: string;
  flags?: string;
  /** Story point fields, tried in order (a site can have both "Story Points" and "Story point estimate", §2). */
  storyPoints: readonly string[];
  /** Data Center's Epic Link (a key string); Cloud uses `parent` (§2). */
  epicLink?: string;
}

const baseFields = z.object({
  summary: z.string(),
  // §2: an ADF document on v3, a wiki string on v2 / Data Center, or null.
  description: z.union([z.string(), z.object({ type: z.string() }).loose()]).nullish(),
  issuetype: issueType,
  status: z.object({
    name: z.string().optional(),
    statusCategory: z.object({ key: z.string() }),
  }),
  // §2: null when priorities are disabled or hidden (UNCONFIRMED); absent in team-managed projects without one.
  priority: z.object({ name: z.string().optional(), id: z.string().optional() }).nullish(),
  labels: z.array(z.string()).nullish(),
  components: z.array(z.object({ name: z.string() })).nullish(),
  reporter: user.nullish(),
  assignee: user.nullish(),
  created: jiraTime,
  updated: jiraTime,
  resolutiondate: jiraTime.nullish(),
  parent: issueRef.optional(),
  issuelinks: z.array(issueLink).nullish(),
  // §2: seconds or null.
  timeoriginalestimate: z.number().nullish(),
});

/** The schema for one site's field ids. */
export function rawIssueSchema(ids: CustomFieldIds) {
  const custom: Record<string, z.ZodType> = {};
  for (const id of ids.storyPoints) custom[id] = z.number().nullish();
  // bearing's own fields: what a person typed may be anything the field type allows; range checks are
  // the normalizer's (an out-of-range score reads as "holds nothing bearing wrote").
  if (ids.score) custom[ids.score] = z.number().nullish();
  if (ids.goal) custom[ids.goal] = z.string().nullish();
  if (ids.flags) custom[ids.flags] = z.array(z.string()).nullish();
  if (ids.epicLink) custom[ids.epicLink] = z.string().nullish();
  return z.object({
    // §2: ids are strings of digits.
    id: z.string().regex(/^\d+$/, 'expected a numeric id string'),
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'expected an issue key like OPS-12'),
    fields: baseFields.extend(custom),
  });
}

/** A raw issue that passed the schema; custom fields are read by id and were checked by it too. */
export interface RawIssue {
  id: string;
  key: string;
  fields: z.infer<typeof baseFields> & Record<string, unknown>;
}
export type RawUser = z.infer<typeof user>;
