/**
 * Raw Jira issue → WorkItem (pure). Everything the normalizer needs about the site (field ids, who the
 * executives are, the browse URL) comes in a context, so stored raw payloads can be normalized again
 * without the API.
 */
import { parseIso, toIso } from '../../core/time.js';
import {
  uidOf,
  type HeldValues,
  type ItemLink,
  type ItemStatus,
  type Person,
  type WorkItem,
} from '../../model/index.js';
import { rawIssueSchema, type CustomFieldIds, type RawIssue, type RawUser } from './raw.js';
import { adfToText, boundText, MAX_TITLE_LENGTH, wikiToText } from './text.js';

/** Who counts as an executive (design: "Kinds and requesters"), as lookup sets. */
export interface Executives {
  /** Lower-cased e-mail addresses: configured executives, goal sponsors, members of executive groups. */
  emails: ReadonlySet<string>;
  /** Cloud accountIds, or Data Center user keys and names. */
  ids: ReadonlySet<string>;
}

export interface NormalizeContext {
  /** Site URL for browse links, without a trailing slash. */
  siteUrl: string;
  /** The scope (project key) the issue was pulled in. */
  scope: string;
  fields: CustomFieldIds;
  executives: Executives;
}

export type NormalizeResult =
  | { ok: true; item: WorkItem; id: string; updatedMs: number }
  | {
      ok: false;
      /** What can still be read of the issue, for quarantine and for the cursor. */
      id: string | null;
      recordRef: string;
      updatedMs: number | null;
      field: string;
      reason: string;
    };

/** Priority names of the default Cloud and Data Center schemes → 1 (highest) … 5 (lowest). */
const PRIORITY_BY_NAME: Record<string, number> = {
  highest: 1,
  blocker: 1,
  high: 2,
  critical: 2,
  medium: 3,
  major: 3,
  low: 4,
  minor: 4,
  lowest: 5,
  trivial: 5,
};

/**
 * A priority as 1 … 5: by name (both default schemes), else by the default schemes' ids 1–5 (a renamed
 * priority keeps its id), else 3. Missing priorities (hidden, or a team-managed project without the field)
 * and custom ones are medium: no evidence of urgency either way.
 */
export function priorityLevel(priority: { name?: string; id?: string } | null | undefined): number {
  if (!priority) return 3;
  const byName =
    priority.name === undefined ? undefined : PRIORITY_BY_NAME[priority.name.trim().toLowerCase()];
  if (byName !== undefined) return byName;
  if (priority.id !== undefined && /^[1-5]$/.test(priority.id)) return Number(priority.id);
  return 3;
}

/** Status category key (§2: new, indeterminate, done; "undefined" for No Category) → todo / doing / done. */
export function statusOf(categoryKey: string): ItemStatus {
  if (categoryKey === 'done') return 'done';
  if (categoryKey === 'indeterminate') return 'doing';
  return 'todo';
}

/** Epics sit at hierarchy level 1 on Cloud (levels above, like initiatives, count as epics too); Data Center has only the name. */
const isEpicType = (type: { name: string; hierarchyLevel?: number } | undefined): boolean =>
  type !== undefined &&
  (type.hierarchyLevel !== undefined ? type.hierarchyLevel >= 1 : type.name.toLowerCase() === 'epic');

const LINK_TYPES: Record<string, ItemLink['type']> = {
  duplicate: 'duplicate',
  relates: 'relates',
  blocks: 'blocks',
};

function personOf(user: RawUser | null | undefined, executives: Executives): Person | null {
  if (!user) return null;
  const id = user.accountId ?? user.key ?? user.name;
  if (id === undefined) return null;
  const email = user.emailAddress ?? undefined;
  const isExecutive =
    (email !== undefined && executives.emails.has(email.toLowerCase())) ||
    [user.accountId, user.key, user.name].some((v) => v !== undefined && executives.ids.has(v));
  return {
    id,
    ...(user.displayName !== undefined ? { name: user.displayName } : {}),
    ...(email !== undefined ? { email } : {}),
    isExecutive,
  };
}

/** What bearing's three fields hold in an issue's raw fields. */
export function heldOf(fields: Readonly<Record<string, unknown>>, ids: CustomFieldIds): HeldValues {
  const read = (id: string | undefined): unknown => (id === undefined ? null : (fields[id] ?? null));
  const score = read(ids.score);
  const goal = read(ids.goal);
  const flags = read(ids.flags);
  return {
    // A score someone typed outside 0–100 or with decimals is not one bearing wrote: it reads as empty, so
    // the plan puts bearing's value back.
    score: typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 100 ? score : null,
    goal: typeof goal === 'string' && goal !== '' ? goal : null,
    flags: Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : null,
  };
}

function effortOf(fields: RawIssue['fields'], ids: CustomFieldIds): WorkItem['effort'] {
  for (const id of ids.storyPoints) {
    const points = fields[id];
    if (typeof points === 'number' && points >= 0) return { value: points, unit: 'points' };
  }
  const seconds = fields.timeoriginalestimate;
  if (typeof seconds === 'number' && seconds > 0) return { value: seconds / 3600, unit: 'hours' };
  return { value: 1, unit: 'default' };
}

function textOf(description: RawIssue['fields']['description']): string {
  if (description === null || description === undefined) return '';
  return boundText(typeof description === 'string' ? wikiToText(description) : adfToText(description));
}

/** The id, key and `updated` of a raw issue that may be malformed (for quarantine and the cursor). */
function salvage(raw: unknown): { id: string | null; key: string | null; updatedMs: number | null } {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
  const key = typeof r.key === 'string' ? r.key : null;
  const fields =
    typeof r.fields === 'object' && r.fields !== null ? (r.fields as Record<string, unknown>) : {};
  const updated = typeof fields.updated === 'string' ? Date.parse(fields.updated) : Number.NaN;
  return { id, key, updatedMs: Number.isNaN(updated) ? null : updated };
}

/** A normalizer for one context: validates with zod (built once) and maps. */
export function createNormalizer(ctx: NormalizeContext): (raw: unknown) => NormalizeResult {
  const schema = rawIssueSchema(ctx.fields);
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const { id, key, updatedMs } = salvage(raw);
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        id,
        recordRef: key ?? id ?? '(unknown issue)',
        updatedMs,
        field: issue && issue.path.length > 0 ? issue.path.join('.') : '(issue)',
        reason: issue?.message ?? 'does not match the expected issue shape',
      };
    }
    const issue = parsed.data as RawIssue;
    const item = toWorkItem(issue, ctx);
    return { ok: true, item, id: issue.id, updatedMs: Date.parse(item.updated) };
  };
}

function toWorkItem(issue: RawIssue, ctx: NormalizeContext): WorkItem {
  const f = issue.fields;
  const key = issue.key;
  const epicLink =
    ctx.fields.epicLink === undefined ? null : ((f[ctx.fields.epicLink] as string | null) ?? null);
  // Cloud: `parent` is the epic for standard issues and the parent for sub-tasks; Data Center keeps epics in
  // the Epic Link field (§2). Either way the epic is also the parent.
  const parent = f.parent?.key ?? epicLink;
  const epic = f.parent && isEpicType(f.parent.fields?.issuetype) ? f.parent.key : epicLink;
  const links: ItemLink[] = [];
  const seen = new Set<string>();
  const addLink = (link: ItemLink): void => {
    const id = `${link.type}:${link.target}`;
    if (seen.has(id)) return;
    seen.add(id);
    links.push(link);
  };
  if (parent !== null) addLink({ type: 'parent', target: parent });
  for (const link of f.issuelinks ?? []) {
    // §2: match on type.name, not the inward/outward wording (sites rename those).
    const type = LINK_TYPES[link.type.name.toLowerCase()];
    const target = (link.outwardIssue ?? link.inwardIssue)?.key;
    if (type && target) addLink({ type, target });
  }
  const project = ctx.scope;
  return {
    uid: uidOf('jira', issue.id),
    source: 'jira',
    id: issue.id,
    key,
    ref: key,
    url: `${ctx.siteUrl}/browse/${key}`,
    kind: isEpicType(f.issuetype) ? 'epic' : 'issue',
    scope: ctx.scope,
    container: project,
    title: boundText(f.summary, MAX_TITLE_LENGTH),
    text: textOf(f.description),
    labels: f.labels ?? [],
    components: (f.components ?? []).map((c) => c.name),
    category: null,
    businessService: null,
    priority: priorityLevel(f.priority),
    impact: null,
    status: statusOf(f.status.statusCategory.key),
    requester: personOf(f.reporter, ctx.executives),
    assignee: personOf(f.assignee, ctx.executives),
    team: project,
    created: toIso(parseIso(f.created)),
    updated: toIso(parseIso(f.updated)),
    resolved: f.resolutiondate ? toIso(parseIso(f.resolutiondate)) : null,
    effort: effortOf(f, ctx.fields),
    parent,
    epic,
    links,
    held: heldOf(f, ctx.fields),
  };
}
