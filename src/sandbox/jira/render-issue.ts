/**
 * Issue JSON exactly as §2 describes it: string ids, v3 ADF / v2 wiki descriptions, statusCategory with a
 * numeric id, people with accountId (Cloud) or name/key (Data Center), issuetype with hierarchyLevel
 * (Cloud), `parent` for epics and sub-tasks (Cloud; Data Center keeps the Epic Link field), issue links,
 * time tracking, and every requested custom field present (null when empty).
 */
import type { RequestContext } from './context.js';
import type { FieldDef } from './fields.js';
import { formatJiraTime } from './jira-time.js';
import { textToAdf } from './render-adf.js';
import { textToWiki } from './render-wiki.js';
import type { JiraIssueRecord } from './types.js';
import { renderPerson } from './users.js';

/** Which fields a request asked for (`fields` parameter, §1.2 / §10.1). */
export interface FieldSelection {
  all: boolean;
  navigable: boolean;
  include: Set<string>;
  exclude: Set<string>;
  /** Only `id` asked for: the search answers bare `{id}` objects (§1.2: the default is `id`). */
  idsOnly: boolean;
  /** Only `id` and/or `key`: the 5,000-per-page cap applies (§1.2). */
  idOrKeyOnly: boolean;
  /** Fields named positively (not `*all`, `*navigable` or `-x`), for the bulkfetch 1,000 rule (§10.1). */
  named: string[];
}

/** Parses `fields` values (repeated and/or comma separated, §8: jira.js 6 repeats keys). */
export function parseFieldSelection(values: string[], fallback: string): FieldSelection {
  const tokens = values
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) tokens.push(fallback);
  const selection: FieldSelection = {
    all: false,
    navigable: false,
    include: new Set(),
    exclude: new Set(),
    idsOnly: false,
    idOrKeyOnly: false,
    named: [],
  };
  for (const token of tokens) {
    if (token === '*all') selection.all = true;
    else if (token === '*navigable') selection.navigable = true;
    else if (token.startsWith('-')) selection.exclude.add(token.slice(1));
    else {
      selection.include.add(token);
      selection.named.push(token);
    }
  }
  const positive = !selection.all && !selection.navigable;
  selection.idsOnly = positive && selection.named.every((t) => t === 'id');
  selection.idOrKeyOnly = positive && selection.named.every((t) => t === 'id' || t === 'key');
  return selection;
}

function isSelected(selection: FieldSelection, field: FieldDef): boolean {
  if (selection.exclude.has(field.id)) return false;
  if (selection.include.has(field.id) || (field.id === 'issuekey' && selection.include.has('key')))
    return true;
  return selection.all || (selection.navigable && field.navigable);
}

const STATUS = {
  todo: {
    id: '10000',
    name: 'To Do',
    category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  },
  doing: {
    id: '3',
    name: 'In Progress',
    category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  },
  done: { id: '10001', name: 'Done', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;

/** Statuses and their categories by issue state, for JQL values (§2). */
export const STATUS_BY_STATE = STATUS;

export const PRIORITY_NAMES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const;

const ISSUE_TYPES = {
  Epic: {
    id: '10000',
    hierarchyLevel: 1,
    subtask: false,
    description: 'A big user story that needs to be broken down.',
  },
  Story: {
    id: '10001',
    hierarchyLevel: 0,
    subtask: false,
    description: 'Functionality or a feature expressed as a user goal.',
  },
  Task: { id: '10002', hierarchyLevel: 0, subtask: false, description: 'A small, distinct piece of work.' },
  Bug: { id: '10003', hierarchyLevel: 0, subtask: false, description: 'A problem or error.' },
  'Sub-task': {
    id: '10004',
    hierarchyLevel: -1,
    subtask: true,
    description: 'A small piece of work that’s part of a larger task.',
  },
} as const;

export interface RenderOptions {
  selection: FieldSelection;
  /** Put `names` / `schema` maps on the issue itself (GET issue); search puts them on the page. */
  names?: Record<string, string>;
  schema?: Record<string, unknown>;
}

/** The wire JSON of one issue for this request (flavour, API version, caller's time zone, base URL). */
export function renderIssue(
  ctx: RequestContext,
  record: JiraIssueRecord,
  options: RenderOptions,
): Record<string, unknown> {
  const { selection } = options;
  let wire: Record<string, unknown>;
  if (selection.idsOnly) {
    wire = { id: record.id };
  } else {
    const fields: Record<string, unknown> = {};
    for (const field of ctx.state.fields.all()) {
      if (field.id === 'issuekey' || !isSelected(selection, field)) continue;
      const value = fieldValue(ctx, record, field);
      if (value === OMIT) continue;
      fields[field.id] = value;
      if (options.names) options.names[field.id] = field.name;
      if (options.schema && field.schema) options.schema[field.id] = field.schema;
    }
    wire = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: record.id,
      self: `${ctx.base}/rest/api/${ctx.apiVersion}/issue/${record.id}`,
      key: record.key,
      fields,
    };
  }
  ctx.state.corruptionOf(record.id)?.(wire);
  return wire;
}

const OMIT = Symbol('omit');

function fieldValue(ctx: RequestContext, r: JiraIssueRecord, field: FieldDef): unknown {
  const tz = ctx.timeZone;
  const time = (ms: number | null): string | null => (ms === null ? null : formatJiraTime(ms, tz));
  const person = (id: string | null): unknown => {
    const p = ctx.state.personById(id);
    return p ? renderPerson(ctx, p) : null;
  };
  switch (field.id) {
    case 'summary':
      return r.summary;
    case 'description':
      return richText(ctx, r.description);
    case 'environment':
      return null;
    case 'project':
      return renderProjectRef(ctx, r.project);
    case 'issuetype':
      return issueType(ctx, r);
    case 'status':
      return status(ctx, r);
    case 'statusCategory':
      return statusCategory(ctx, r);
    case 'priority':
      return priority(ctx, r.priority);
    case 'resolution':
      return r.status === 'done'
        ? {
            self: `${ctx.base}/rest/api/${ctx.apiVersion}/resolution/10000`,
            id: '10000',
            description: 'Work has been completed on this issue.',
            name: 'Done',
          }
        : null;
    case 'labels':
      return [...r.labels];
    case 'components':
      return r.components.map((name) => ({
        self: `${ctx.base}/rest/api/${ctx.apiVersion}/component/${componentId(r.project, name)}`,
        id: componentId(r.project, name),
        name,
      }));
    case 'fixVersions':
    case 'versions':
    case 'attachment':
      return [];
    case 'reporter':
      return person(r.reporterId);
    case 'assignee':
      return person(r.assigneeId);
    case 'creator':
      return person(r.creatorId);
    case 'created':
      return time(r.created);
    case 'updated':
      return time(r.updated);
    case 'resolutiondate':
      return time(r.resolved);
    case 'statuscategorychangedate':
      return time(r.statusChanged);
    case 'duedate':
      return null;
    case 'parent':
      return parent(ctx, r);
    case 'subtasks':
      return ctx.state.subtasksOf(r.key).map((child) => issueRef(ctx, child));
    case 'issuelinks':
      return issueLinks(ctx, r);
    case 'timetracking':
      return r.originalEstimateSeconds === null
        ? {}
        : {
            originalEstimate: duration(r.originalEstimateSeconds),
            remainingEstimate: duration(r.originalEstimateSeconds),
            originalEstimateSeconds: r.originalEstimateSeconds,
            remainingEstimateSeconds: r.originalEstimateSeconds,
          };
    case 'timeoriginalestimate':
    case 'timeestimate':
      return r.originalEstimateSeconds;
    case 'timespent':
    case 'aggregatetimespent':
      return null;
    case 'comment':
      return {
        comments: [],
        self: `${ctx.base}/rest/api/${ctx.apiVersion}/issue/${r.id}/comment`,
        maxResults: 0,
        total: 0,
        startAt: 0,
      };
    case 'worklog':
      return { startAt: 0, maxResults: 20, total: 0, worklogs: [] };
    default:
      return field.custom ? customValue(ctx, r, field) : OMIT;
  }
}

function customValue(ctx: RequestContext, r: JiraIssueRecord, field: FieldDef): unknown {
  const value = r.custom[field.id];
  if (value === undefined || value === null) return null;
  if (field.edit === 'textarea') return richText(ctx, String(value));
  // A labels custom field with no labels reads as null, unlike the system labels field ([]).
  if (Array.isArray(value)) return value.length === 0 ? null : [...(value as unknown[])];
  return value;
}

/** §2: v3 = ADF document, v2 (Cloud v2 and Data Center) = wiki-markup string. */
const richText = (ctx: RequestContext, text: string | null): unknown =>
  ctx.apiVersion === '3' ? textToAdf(text) : textToWiki(text);

function renderProjectRef(ctx: RequestContext, key: string): Record<string, unknown> {
  const p = ctx.state.projects.get(key);
  const id = p?.id ?? '0';
  return {
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/project/${id}`,
    id,
    key,
    name: p?.name ?? key,
    projectTypeKey: p?.projectTypeKey ?? 'software',
    ...(ctx.state.options.flavour === 'cloud' ? { simplified: p?.simplified ?? false } : {}),
    avatarUrls: { '48x48': `${ctx.base}/secure/projectavatar?pid=${id}&size=large` },
  };
}

function issueType(ctx: RequestContext, r: JiraIssueRecord): Record<string, unknown> {
  const t = ISSUE_TYPES[r.issueType];
  const common = {
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${ctx.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.id}?size=medium`,
    name: r.issueType,
    subtask: t.subtask,
    avatarId: Number(t.id),
  };
  // §2: hierarchyLevel (epic 1, standard 0, sub-task -1) and entityId are Cloud's.
  return ctx.state.options.flavour === 'cloud'
    ? { ...common, entityId: `0d7a4b7c-${t.id}`, hierarchyLevel: t.hierarchyLevel }
    : common;
}

function statusCategory(ctx: RequestContext, r: JiraIssueRecord): Record<string, unknown> {
  const c = STATUS[r.status].category;
  return { self: `${ctx.base}/rest/api/${ctx.apiVersion}/statuscategory/${c.id}`, ...c };
}

function status(ctx: RequestContext, r: JiraIssueRecord): Record<string, unknown> {
  const s = STATUS[r.status];
  return {
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/status/${s.id}`,
    description: '',
    iconUrl: `${ctx.base}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: statusCategory(ctx, r),
  };
}

function priority(ctx: RequestContext, level: number | null): Record<string, unknown> | null {
  if (level === null) return null;
  const name = PRIORITY_NAMES[level - 1] ?? 'Medium';
  return {
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/priority/${level}`,
    iconUrl: `${ctx.base}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id: String(level),
  };
}

/** The short issue form used by parent, sub-tasks and links (§2). */
function issueRef(ctx: RequestContext, r: JiraIssueRecord): Record<string, unknown> {
  return {
    id: r.id,
    key: r.key,
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/issue/${r.id}`,
    fields: {
      summary: r.summary,
      status: status(ctx, r),
      priority: priority(ctx, r.priority),
      issuetype: issueType(ctx, r),
    },
  };
}

/** Cloud: `parent` for sub-tasks and for epic children; Data Center: only for sub-tasks (§2). */
function parent(ctx: RequestContext, r: JiraIssueRecord): unknown {
  const key = r.parentKey ?? (ctx.state.options.flavour === 'cloud' ? r.epicKey : null);
  const target = key ? ctx.state.peek(key) : undefined;
  return target ? issueRef(ctx, target) : OMIT;
}

const LINK_TYPES = {
  Duplicate: { id: '10002', inward: 'is duplicated by', outward: 'duplicates' },
  Relates: { id: '10003', inward: 'relates to', outward: 'relates to' },
  Blocks: { id: '10000', inward: 'is blocked by', outward: 'blocks' },
  Cloners: { id: '10001', inward: 'is cloned by', outward: 'clones' },
} as const;

/** §2: exactly one of inwardIssue / outwardIssue per entry. */
function issueLinks(ctx: RequestContext, r: JiraIssueRecord): unknown[] {
  const type = (name: keyof typeof LINK_TYPES): Record<string, unknown> => ({
    ...LINK_TYPES[name],
    name,
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/issueLinkType/${LINK_TYPES[name].id}`,
  });
  const out: unknown[] = [];
  for (const link of r.links) {
    const target = ctx.state.peek(link.outwardKey);
    if (!target) continue;
    out.push({
      id: link.id,
      self: `${ctx.base}/rest/api/${ctx.apiVersion}/issueLink/${link.id}`,
      type: type(link.type),
      outwardIssue: issueRef(ctx, target),
    });
  }
  for (const { link, fromKey } of ctx.state.inwardLinksOf(r.key)) {
    const source = ctx.state.peek(fromKey);
    if (!source) continue;
    out.push({
      id: link.id,
      self: `${ctx.base}/rest/api/${ctx.apiVersion}/issueLink/${link.id}`,
      type: type(link.type),
      inwardIssue: issueRef(ctx, source),
    });
  }
  return out;
}

/** Jira's duration text with 8-hour days and 5-day weeks (`1w 2d 3h 30m`). */
function duration(seconds: number): string {
  const units: [string, number][] = [
    ['w', 5 * 8 * 3600],
    ['d', 8 * 3600],
    ['h', 3600],
    ['m', 60],
  ];
  let rest = seconds;
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(' ') || '0m';
}

/** A stable component id per project and name. */
function componentId(project: string, name: string): string {
  let h = 0;
  for (const ch of `${project}/${name}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return String(10000 + (h % 90000));
}
