/**
 * Turns a parsed JQL query into a predicate over issue records, the projects or ids it is limited to
 * (so a search reads only those, not all issues), and a total order for paging. Values are checked the
 * way Jira checks them, with Jira's messages: unknown projects and issue keys, invalid dates (§1.1b).
 */
import type { JqlQuery, Clause, Expr, Operand, SortItem } from './jql.js';
import { JqlError } from './jql.js';
import { wallTimeToInstant } from './jira-time.js';
import { PRIORITY_NAMES, STATUS_BY_STATE } from './render-issue.js';
import type { JiraState } from './state.js';
import type { JiraIssueRecord } from './types.js';

type Predicate = (r: JiraIssueRecord) => boolean;
type SortValue = number | string | null;

export interface CompiledQuery {
  bounded: boolean;
  matches: Predicate;
  /** Projects the query is limited to (top-level AND), or null for all. */
  projects: Set<string> | null;
  /** Issue ids the query is limited to (top-level AND), or null for all. */
  ids: Set<string> | null;
  /** Sort values of a record, in ORDER BY order (the id tie-break is added by the comparator). */
  sortValues(r: JiraIssueRecord): SortValue[];
  /** Compares two (sortValues, id) pairs. */
  compare(a: SortValue[], aId: number, b: SortValue[], bId: number): number;
  /** Whether the result depends on the current time (relative dates like `-15m`). */
  timeDependent: boolean;
}

interface CompileContext {
  state: JiraState;
  timeZone: string;
  now: number;
}

const MAX_ORDER_BY = 7;
const KEY_PATTERN = /^([A-Z][A-Z0-9_]*)-(\d+)$/i;
const ID_FIELDS = new Set(['id', 'issue', 'issuekey', 'key']);
const DATE_FIELDS: Record<string, 'created' | 'updated' | 'resolved'> = {
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolved: 'resolved',
  resolutiondate: 'resolved',
};
const VALID_DATES =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

export function compileQuery(query: JqlQuery, ctx: CompileContext): CompiledQuery {
  let timeDependent = false;
  const compileExpr = (expr: Expr): Predicate => {
    if (expr.kind === 'and' || expr.kind === 'or') {
      const parts = expr.items.map(compileExpr);
      return expr.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
    }
    if (expr.kind === 'not') {
      const inner = compileExpr(expr.item);
      return (r) => !inner(r);
    }
    const compiled = compileClause(expr, ctx);
    if (compiled.timeDependent) timeDependent = true;
    return compiled.predicate;
  };
  const matches = query.where ? compileExpr(query.where) : () => true;
  const { projects, ids } = narrowing(query.where, ctx);
  const sort = compileOrderBy(query.orderBy, ctx);
  return {
    bounded: query.where !== null,
    matches,
    projects,
    ids,
    sortValues: (r) => sort.map((s) => s.value(r)),
    compare: (a, aId, b, bId) => {
      for (let i = 0; i < sort.length; i++) {
        const c = compareValues(a[i] ?? null, b[i] ?? null);
        if (c !== 0) return sort[i]?.descending ? -c : c;
      }
      return aId - bId;
    },
    timeDependent,
  };
}

/** Nulls sort after values in ascending order. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function unsupportedOperator(clause: Clause, field: string): JqlError {
  return new JqlError(`The operator '${clause.op.toUpperCase()}' is not supported by the '${field}' field.`);
}

/** Values of an operand: one value, or the items of a list. Functions are not supported by the fake. */
function values(clause: Clause): string[] {
  const flatten = (o: Operand): string[] => {
    if (o.kind === 'value') return [o.text];
    if (o.kind === 'list') return o.items.flatMap(flatten);
    if (o.kind === 'function') {
      throw new JqlError(
        `The fake Jira does not support the JQL function '${o.name}()' (field '${clause.field}').`,
      );
    }
    throw new JqlError(
      `The operator '${clause.op.toUpperCase()}' does not accept EMPTY for the field '${clause.field}'.`,
    );
  };
  return flatten(clause.operand);
}

const isList = (clause: Clause): boolean => clause.op === 'in' || clause.op === 'not in';
const negative = (clause: Clause): boolean => clause.op === '!=' || clause.op === 'not in';

function compileClause(
  clause: Clause,
  ctx: CompileContext,
): { predicate: Predicate; timeDependent: boolean } {
  const field = clause.field.toLowerCase();
  const dateField = DATE_FIELDS[field];
  if (dateField) return dateClause(clause, dateField, ctx);
  const plain = (predicate: Predicate): { predicate: Predicate; timeDependent: boolean } => ({
    predicate,
    timeDependent: false,
  });
  if (ID_FIELDS.has(field)) return plain(idClause(clause, ctx));
  if (field === 'project') {
    const keys = new Set(setMembership(clause, 'project').map((v) => projectKey(v, ctx)));
    return plain(membership(clause, (r) => keys.has(r.project)));
  }
  if (field === 'statuscategory') {
    const states = new Set(setMembership(clause, 'statusCategory').map((v) => stateOfCategory(v)));
    return plain(membership(clause, (r) => states.has(r.status)));
  }
  if (field === 'status') {
    const states = new Set(setMembership(clause, 'status').map((v) => stateOfStatus(v)));
    return plain(membership(clause, (r) => states.has(r.status)));
  }
  if (field === 'issuetype' || field === 'type') {
    const types = new Set(setMembership(clause, 'issuetype').map((v) => v.toLowerCase()));
    return plain(membership(clause, (r) => types.has(r.issueType.toLowerCase())));
  }
  if (field === 'priority') {
    const levels = new Set(setMembership(clause, 'priority').map((v) => priorityLevel(v)));
    return plain(membership(clause, (r) => r.priority !== null && levels.has(r.priority)));
  }
  if (field === 'labels') return plain(labelsClause(clause));
  if (field === 'parent') {
    const wanted = new Set(setMembership(clause, 'parent').map((v) => issueId(v, 'parent', ctx)));
    const cloud = ctx.state.options.flavour === 'cloud';
    return plain(
      membership(clause, (r) => {
        const key = r.parentKey ?? (cloud ? r.epicKey : null);
        const id = key ? ctx.state.idOf(key) : undefined;
        return id !== undefined && wanted.has(id);
      }),
    );
  }
  if (ctx.state.fields.find(clause.field)) {
    throw new JqlError(`The fake Jira does not support the field '${clause.field}' in JQL.`);
  }
  throw new JqlError(`Field '${clause.field}' does not exist or you do not have permission to view it.`);
}

/** `=`, `!=`, `IN`, `NOT IN` for fields holding one value out of a set. */
function setMembership(clause: Clause, field: string): string[] {
  if (!['=', '!=', 'in', 'not in'].includes(clause.op)) throw unsupportedOperator(clause, field);
  if (clause.operand.kind === 'list' && !isList(clause)) {
    throw new JqlError(
      `The operator '${clause.op}' does not support the list value for the field '${field}'.`,
    );
  }
  return values(clause);
}

const membership = (clause: Clause, member: Predicate): Predicate =>
  negative(clause) ? (r) => !member(r) : member;

function projectKey(value: string, ctx: CompileContext): string {
  const lower = value.toLowerCase();
  for (const p of ctx.state.projects.values()) {
    if (p.key.toLowerCase() === lower || p.id === value || p.name.toLowerCase() === lower) return p.key;
  }
  throw new JqlError(`The value '${value}' does not exist for the field 'project'.`);
}

function stateOfCategory(value: string): JiraIssueRecord['status'] {
  const lower = value.toLowerCase();
  for (const [state, s] of Object.entries(STATUS_BY_STATE)) {
    const c = s.category;
    if (c.name.toLowerCase() === lower || c.key === lower || String(c.id) === value) {
      return state as JiraIssueRecord['status'];
    }
  }
  throw new JqlError(`The value '${value}' does not exist for the field 'statusCategory'.`);
}

function stateOfStatus(value: string): JiraIssueRecord['status'] {
  const lower = value.toLowerCase();
  for (const [state, s] of Object.entries(STATUS_BY_STATE)) {
    if (s.name.toLowerCase() === lower || s.id === value) return state as JiraIssueRecord['status'];
  }
  throw new JqlError(`The value '${value}' does not exist for the field 'status'.`);
}

function priorityLevel(value: string): number {
  const index = PRIORITY_NAMES.findIndex((n) => n.toLowerCase() === value.toLowerCase());
  if (index >= 0) return index + 1;
  if (/^[1-5]$/.test(value)) return Number(value);
  throw new JqlError(`The value '${value}' does not exist for the field 'priority'.`);
}

/** An issue key or numeric id that must exist (Jira rejects the whole query otherwise). */
function issueId(value: string, field: string, ctx: CompileContext): string {
  if (!/^\d+$/.test(value) && !KEY_PATTERN.test(value)) {
    throw new JqlError(`The issue key '${value}' for field '${field}' is invalid.`);
  }
  const id = ctx.state.idOf(value);
  if (id === undefined)
    throw new JqlError(`An issue with key '${value}' does not exist for field '${field}'.`);
  return id;
}

/** `key` / `id` / `issuekey` / `issue` are one clause in JQL: values may be keys or ids, ranges allowed. */
function idClause(clause: Clause, ctx: CompileContext): Predicate {
  const field = clause.field;
  if (['=', '!=', 'in', 'not in'].includes(clause.op)) {
    const ids = new Set(setMembership(clause, field).map((v) => issueId(v, field, ctx)));
    return membership(clause, (r) => ids.has(r.id));
  }
  if (!['>', '>=', '<', '<='].includes(clause.op) || clause.operand.kind !== 'value') {
    throw unsupportedOperator(clause, field);
  }
  const value = clause.operand.text;
  const cmp = comparator(clause.op);
  if (/^\d+$/.test(value)) {
    const bound = Number(value);
    return (r) => cmp(Number(r.id), bound);
  }
  const m = KEY_PATTERN.exec(value);
  if (!m) throw new JqlError(`The issue key '${value}' for field '${field}' is invalid.`);
  const project = (m[1] ?? '').toUpperCase();
  const bound = Number(m[2]);
  // A key range stays inside the key's project.
  return (r) => r.project === project && cmp(r.number, bound);
}

function comparator(op: string): (a: number, b: number) => boolean {
  switch (op) {
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '!=':
      return (a, b) => a !== b;
    default:
      return (a, b) => a === b;
  }
}

function labelsClause(clause: Clause): Predicate {
  if (clause.operand.kind === 'empty') {
    if (clause.op === 'is' || clause.op === '=') return (r) => r.labels.length === 0;
    if (clause.op === 'is not' || clause.op === '!=') return (r) => r.labels.length > 0;
    throw unsupportedOperator(clause, 'labels');
  }
  const wanted = new Set(setMembership(clause, 'labels'));
  const has: Predicate = (r) => r.labels.some((l) => wanted.has(l));
  // Like Jira, a negative clause does not match issues without any label.
  return negative(clause) ? (r) => r.labels.length > 0 && !has(r) : has;
}

function dateClause(
  clause: Clause,
  field: 'created' | 'updated' | 'resolved',
  ctx: CompileContext,
): { predicate: Predicate; timeDependent: boolean } {
  const get = (r: JiraIssueRecord): number | null => r[field];
  if (clause.operand.kind === 'empty') {
    if (clause.op === 'is' || clause.op === '=')
      return { predicate: (r) => get(r) === null, timeDependent: false };
    if (clause.op === 'is not' || clause.op === '!=') {
      return { predicate: (r) => get(r) !== null, timeDependent: false };
    }
    throw unsupportedOperator(clause, clause.field);
  }
  if (!['=', '!=', '>', '>=', '<', '<='].includes(clause.op) || clause.operand.kind !== 'value') {
    throw unsupportedOperator(clause, clause.field);
  }
  const { ms, relative } = parseDate(clause.operand.text, clause.field, ctx);
  const cmp = comparator(clause.op);
  return {
    predicate: (r) => {
      const t = get(r);
      return t !== null && cmp(t, ms);
    },
    timeDependent: relative,
  };
}

const DATE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+)$/i;
const PERIOD_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * A JQL date value (§1.1b): epoch milliseconds, `yyyy/MM/dd[ HH:mm]` or `yyyy-MM-dd[ HH:mm]` read in the
 * searching user's time zone at minute precision, or a period relative to now (`-15m`, `-1w 2d`).
 */
export function parseDate(
  text: string,
  field: string,
  ctx: CompileContext,
): { ms: number; relative: boolean } {
  const invalid = (): JqlError =>
    new JqlError(`Date value '${text}' for field '${field}' is invalid. ${VALID_DATES}`);
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { ms: Number(trimmed), relative: false };
  const d = DATE.exec(trimmed);
  if (d) {
    const [year, month, day, hour, minute] = [d[1], d[2], d[3], d[4] ?? '0', d[5] ?? '0'].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59)
      throw invalid();
    return { ms: wallTimeToInstant(year, month, day, hour, minute, ctx.timeZone), relative: false };
  }
  const p = PERIOD.exec(trimmed);
  if (p) {
    let span = 0;
    for (const [, n, unit] of (p[2] ?? '').matchAll(/(\d+)\s*([wdhm])/gi)) {
      span += Number(n) * (PERIOD_MS[(unit ?? 'm').toLowerCase()] ?? 0);
    }
    return { ms: ctx.now + (p[1] === '-' ? -span : span), relative: true };
  }
  throw invalid();
}

/** Projects / ids a top-level AND (or a single clause) limits the query to, for reading fewer issues. */
function narrowing(
  expr: Expr | null,
  ctx: CompileContext,
): { projects: Set<string> | null; ids: Set<string> | null } {
  let projects: Set<string> | null = null;
  let ids: Set<string> | null = null;
  const parts = expr === null ? [] : expr.kind === 'and' ? expr.items : [expr];
  for (const part of parts) {
    if (part.kind !== 'clause' || !(part.op === '=' || part.op === 'in')) continue;
    const field = part.field.toLowerCase();
    if (field === 'project') projects = new Set(values(part).map((v) => projectKey(v, ctx)));
    if (ID_FIELDS.has(field)) ids = new Set(values(part).map((v) => issueId(v, part.field, ctx)));
  }
  return { projects, ids };
}

interface SortSpec {
  value: (r: JiraIssueRecord) => SortValue;
  descending: boolean;
}

/**
 * ORDER BY (≤ 7 fields, §1.2). Without a direction, date fields sort newest first, as Jira's date fields
 * do (their default sort order is descending; not in api-facts), the others ascending. Without ORDER BY
 * the fake sorts by key descending (Jira's default order is UNCONFIRMED). Ties break on id ascending.
 */
function compileOrderBy(items: SortItem[], ctx: CompileContext): SortSpec[] {
  if (items.length > MAX_ORDER_BY) {
    throw new JqlError(`The ORDER BY clause can contain a maximum of ${MAX_ORDER_BY} fields.`);
  }
  const order = items.length > 0 ? items : [{ field: 'key', direction: 'desc' as const }];
  return order.map((item) => {
    const field = item.field.toLowerCase();
    const dateField = DATE_FIELDS[field];
    if (dateField) {
      return { value: (r: JiraIssueRecord) => r[dateField], descending: item.direction !== 'asc' };
    }
    const descending = item.direction === 'desc';
    if (field === 'key' || field === 'issuekey') {
      // Keys sort by project, then by number (OPS-9 before OPS-10).
      return {
        value: (r: JiraIssueRecord) => `${r.project}-${String(r.number).padStart(12, '0')}`,
        descending,
      };
    }
    if (field === 'id') return { value: (r: JiraIssueRecord) => Number(r.id), descending };
    if (field === 'project') return { value: (r: JiraIssueRecord) => r.project, descending };
    if (field === 'summary') return { value: (r: JiraIssueRecord) => r.summary, descending };
    // Ascending priority runs from the lowest to the highest.
    if (field === 'priority')
      return { value: (r: JiraIssueRecord) => (r.priority === null ? null : 6 - r.priority), descending };
    if (ctx.state.fields.find(item.field))
      throw new JqlError(`Not able to sort using field '${item.field}'.`);
    throw new JqlError(`Field '${item.field}' does not exist or you do not have permission to view it.`);
  });
}
