import { z } from 'zod';
import { stableHash } from '../core/ids.js';

export const SOURCES = ['jira', 'servicenow'] as const;
export type Source = (typeof SOURCES)[number];

/** What every uid of a source starts with: stores find a source's items by it. */
export const uidPrefixOf = (source: Source): string => `${source}:`;

/** An item's uid: unique within bearing. */
export const uidOf = (source: Source, id: string): string => `${uidPrefixOf(source)}${id}`;

export const ITEM_KINDS = ['issue', 'epic', 'incident', 'request', 'change', 'demand', 'project'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['todo', 'doing', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const FLAGS = ['duplicate-tool', 'duplicate-work', 'misaligned', 'request-pressure'] as const;
export type Flag = (typeof FLAGS)[number];

export const personSchema = z.object({
  /** Jira accountId (or DC user key/name); ServiceNow sys_user sys_id. */
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  isExecutive: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

/** Effort as the source states it; converted to hours by `effortHours` with the configured rates. */
export const effortSchema = z.object({
  value: z.number().nonnegative(),
  /** `points` (story points), `hours` (time worked / estimates), or `default` (nothing stated). */
  unit: z.enum(['points', 'hours', 'default']),
});
export type Effort = z.infer<typeof effortSchema>;

export const linkSchema = z.object({
  type: z.enum(['duplicate', 'relates', 'parent', 'child', 'blocks']),
  /** The other item's ref (Jira key, or `SN:` + number). */
  target: z.string(),
});
export type ItemLink = z.infer<typeof linkSchema>;

/** What bearing's own three fields hold on the item right now (read by every pull). */
export const heldValuesSchema = z.object({
  score: z.number().int().min(0).max(100).nullable(),
  goal: z.string().nullable(),
  flags: z.array(z.string()).nullable(),
});
export type HeldValues = z.infer<typeof heldValuesSchema>;

export const workItemSchema = z.object({
  /** Unique within bearing: `jira:<issue id>` or `servicenow:<sys_id>`. */
  uid: z.string(),
  source: z.enum(SOURCES),
  /** The source's own stable id: Jira issue id, ServiceNow sys_id. */
  id: z.string(),
  /** What people call it: Jira key (`OPS-14`), ServiceNow number (`INC0012345`). */
  key: z.string(),
  /** Reference used in reports: the Jira key, or `SN:` + number. */
  ref: z.string(),
  url: z.string(),
  kind: z.enum(ITEM_KINDS),
  /** Connector scope the item was pulled in: Jira project key, ServiceNow table. */
  scope: z.string(),
  /** Jira project key / ServiceNow assignment group name. */
  container: z.string(),
  title: z.string(),
  text: z.string(),
  labels: z.array(z.string()),
  components: z.array(z.string()),
  category: z.string().nullable(),
  businessService: z.string().nullable(),
  /** 1 = highest … 5 = lowest. */
  priority: z.number().int().min(1).max(5),
  /** ServiceNow impact (1 high … 3 low) when the source has one. */
  impact: z.number().int().min(1).max(5).nullable(),
  status: z.enum(ITEM_STATUSES),
  requester: personSchema.nullable(),
  assignee: personSchema.nullable(),
  /** The team doing the work: Jira project key or ServiceNow assignment group. */
  team: z.string(),
  created: z.string(),
  updated: z.string(),
  /**
   * When the content last changed upstream (the `updated` of the last pull whose content hash
   * differed). Set by the store; bearing's own writes move `updated` but not this.
   */
  changed: z.string().optional(),
  resolved: z.string().nullable(),
  effort: effortSchema,
  /** Parent ref (Jira parent / ServiceNow request, demand or project). */
  parent: z.string().nullable(),
  /** Epic ref, for Jira issues in an epic. */
  epic: z.string().nullable(),
  links: z.array(linkSchema),
  held: heldValuesSchema,
});
export type WorkItem = z.infer<typeof workItemSchema>;

/**
 * The content hash: everything that feeds mapping and analysis, and nothing bearing itself writes.
 * `updated` (and `changed`, derived from it) are left out because bearing's own write bumps
 * `updated`; `held` is left out because it is bearing's values. A human edit to any other field changes the hash.
 */
export function contentHash(item: WorkItem): string {
  return stableHash(item, NOT_CONTENT);
}

const NOT_CONTENT: ReadonlySet<string> = new Set(['held', 'updated', 'changed']);

/** Effort in hours with the configured rates (design: Definitions, "Effort in hours"). */
export interface EffortRates {
  hoursPerPoint: number;
  defaultHours: Record<ItemKind, number>;
}

export function effortHours(item: Pick<WorkItem, 'effort' | 'kind'>, rates: EffortRates): number {
  switch (item.effort.unit) {
    case 'points':
      return item.effort.value * rates.hoursPerPoint;
    case 'hours':
      return item.effort.value;
    default:
      return rates.defaultHours[item.kind === 'epic' ? 'issue' : item.kind] ?? 1;
  }
}
