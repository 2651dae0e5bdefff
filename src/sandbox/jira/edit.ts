/**
 * `PUT /rest/api/3/issue/{idOrKey}` (Cloud) and `PUT /rest/api/2/issue/{key}` (Cloud v2, Data Center),
 * as §3.1 describes: `fields` sets, `update` edits (`set` / `add` / `remove`), ErrorCollection 400s per
 * field (§3.2), 403/404 bodies, `notifyUsers=false` silently ignored without admin rights, override flags
 * only for apps, 204 on success (200 with the issue for `returnIssue=true`), `updated` bumped.
 */
import type { RequestContext } from './context.js';
import type { FieldDef } from './fields.js';
import { perIssueWriteWait, rateLimitedResponse, recordIssueWrite } from './limits.js';
import { parseFieldSelection, renderIssue } from './render-issue.js';
import type { JiraState } from './state.js';
import type { FakeJiraAccount, JiraIssueRecord, JiraWrite, WriteVia } from './types.js';
import { checkValue, labelProblem, readValue, sameValue, withValue } from './values.js';
import { badBody, errorCollection, isRecord, json, noContent, readJson, unauthenticated } from './wire.js';

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
const NO_EDIT_PERMISSION = 'You do not have permission to edit issues in this project.';

const cannotBeSet = (id: string): string =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

export function canEdit(account: FakeJiraAccount, project: string): boolean {
  const edit = account.permissions.editIssues;
  return edit === true || (Array.isArray(edit) && edit.map((p) => p.toUpperCase()).includes(project));
}

/** §3.1 / §10.1: turning notifications off needs Administer Jira or Administer Projects. */
export const mayMute = (account: FakeJiraAccount): boolean =>
  account.permissions.administerJira || account.permissions.administerProjects;

/** A field a PUT or bulk edit may write, or the reason it may not (§3.1 "cannot be set"). */
export function writableField(state: JiraState, id: string): FieldDef | string {
  const field = state.fields.get(id);
  if (!field || field.edit === null) return cannotBeSet(id);
  // §3.1: the older behaviour (a flag) rejects custom fields that are on no screen.
  if (state.options.screenCheck && field.custom && !field.onScreen) return cannotBeSet(id);
  return field;
}

/** Applies checked values to an issue, logs the changed fields and bumps `updated` if anything changed. */
export function applyChanges(
  state: JiraState,
  record: JiraIssueRecord,
  changes: Map<FieldDef, unknown>,
  meta: { via: WriteVia; by: string; at: number; notified: boolean },
): JiraWrite[] {
  let next = record;
  const writes: JiraWrite[] = [];
  for (const [field, value] of changes) {
    const from = readValue(next, field);
    if (sameValue(from, value)) continue;
    next = withValue(next, field, value);
    writes.push({ issueId: record.id, key: record.key, field: field.id, from, to: value, ...meta });
  }
  // Setting a field to the value it holds changes nothing, so `updated` stays (UNCONFIRMED, not in api-facts).
  if (writes.length === 0) return writes;
  state.replace({ ...next, updated: meta.at }, meta.at);
  state.writes.push(...writes);
  return writes;
}

export async function editIssue(ctx: RequestContext): Promise<Response> {
  const { state } = ctx;
  const account = ctx.account;
  if (!account) return unauthenticated();
  const record = state.issue(ctx.params[0] ?? '');
  if (!record) return errorCollection(404, [ISSUE_NOT_FOUND]);
  const q = ctx.url.searchParams;
  const cloud = state.options.flavour === 'cloud';
  if (cloud) {
    // §3.1: the override flags are for Connect/Forge apps with Administer Jira; anyone else gets 403.
    const app = account.accountType === 'app' && account.permissions.administerJira;
    if (q.get('overrideScreenSecurity') === 'true' && !app) {
      return errorCollection(403, [
        'Connect and Forge app users with Administer Jira global permission can override screen security.',
      ]);
    }
    if (q.get('overrideEditableFlag') === 'true' && !app) {
      return errorCollection(403, [
        'Connect and Forge app users with Administer Jira global permission can override editable flag.',
      ]);
    }
  }
  if (!canEdit(account, record.project)) return errorCollection(403, [NO_EDIT_PERMISSION]);

  const body = await readJson(ctx.request);
  const bad = badBody(body);
  if (bad) return bad;
  const parsed = parseEdit(state, record, body as Record<string, unknown>, ctx.apiVersion);
  if (parsed instanceof Response) return parsed;

  // §5.1: per-issue write limits are Jira Cloud's.
  const wait = cloud ? perIssueWriteWait(state, record.id) : 0;
  if (wait > 0)
    return rateLimitedResponse(state.options.flavour, state.now(), wait, 20, 'jira-per-issue-on-write');

  // §3.1: notifyUsers=false without admin rights is ignored (the request still succeeds).
  const notified = q.get('notifyUsers') === 'false' ? !mayMute(account) : true;
  const by = cloud ? account.accountId : account.name;
  const via: WriteVia = ctx.apiVersion === '3' ? 'PUT /rest/api/3/issue' : 'PUT /rest/api/2/issue';
  const writes = applyChanges(state, record, parsed, { via, by, at: state.now(), notified });
  if (writes.length > 0) recordIssueWrite(state, record.id);

  if (cloud && q.get('returnIssue') === 'true') {
    const current = state.issue(record.id) ?? record;
    return json(renderIssue(ctx, current, { selection: parseFieldSelection([], '*all') }));
  }
  return noContent();
}

/** Reads `fields` and `update` into checked values per field, or a 400 listing every bad field. */
function parseEdit(
  state: JiraState,
  record: JiraIssueRecord,
  body: Record<string, unknown>,
  apiVersion: '2' | '3',
): Map<FieldDef, unknown> | Response {
  const errors: Record<string, string> = {};
  const changes = new Map<FieldDef, unknown>();
  const fields = isRecord(body.fields) ? body.fields : {};
  const update = isRecord(body.update) ? body.update : {};

  for (const [id, value] of Object.entries(fields)) {
    const field = writableField(state, id);
    if (typeof field === 'string') {
      errors[id] = field;
      continue;
    }
    const checked = checkValue(field, value, apiVersion);
    if (checked.ok) changes.set(field, checked.value);
    else errors[id] = checked.message;
  }

  for (const [id, ops] of Object.entries(update)) {
    if (id in fields) {
      // §3.1: Jira rejects a field in both; the exact wording is UNCONFIRMED.
      errors[id] = `Field '${id}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    const field = writableField(state, id);
    if (typeof field === 'string') {
      errors[id] = field;
      continue;
    }
    const result = applyOperations(field, readValue(record, field), ops, apiVersion);
    if (typeof result === 'string') errors[id] = result;
    else changes.set(field, result.value);
  }

  return Object.keys(errors).length > 0 ? json({ errorMessages: [], errors }, 400) : changes;
}

/** `update` operations (§3.1): `set` for every field, `add` / `remove` for labels. */
function applyOperations(
  field: FieldDef,
  current: unknown,
  ops: unknown,
  apiVersion: '2' | '3',
): { value: unknown } | string {
  if (!Array.isArray(ops)) return `Operation value must be a list of operations for field '${field.id}'.`;
  let value = current;
  for (const op of ops) {
    if (!isRecord(op) || Object.keys(op).length !== 1)
      return `Each operation for field '${field.id}' must name one verb.`;
    const [verb, operand] = Object.entries(op)[0] as [string, unknown];
    if (verb === 'set') {
      const checked = checkValue(field, operand, apiVersion);
      if (!checked.ok) return checked.message;
      value = checked.value;
    } else if ((verb === 'add' || verb === 'remove') && field.edit === 'labels') {
      if (typeof operand !== 'string') return 'Operation value must be a string';
      const problem = verb === 'add' ? labelProblem(operand) : undefined;
      if (problem) return problem;
      const list = Array.isArray(value) ? (value as string[]) : [];
      value = verb === 'add' ? [...new Set([...list, operand])] : list.filter((l) => l !== operand);
    } else {
      return `The operation '${verb}' is not supported for the field '${field.id}'.`;
    }
  }
  return { value };
}

/**
 * `DELETE /rest/api/{2,3}/issue/{idOrKey}[?deleteSubtasks=true]`: 204 and the issue is gone from every
 * search at once; 400 when it has subtasks and `deleteSubtasks` is not true. The fake lets whoever may
 * edit the project delete (Jira has a separate Delete Issues permission).
 */
export function deleteIssue(ctx: RequestContext): Response {
  const { state } = ctx;
  const account = ctx.account;
  if (!account) return unauthenticated();
  const record = state.issue(ctx.params[0] ?? '');
  if (!record) return errorCollection(404, [ISSUE_NOT_FOUND]);
  if (!canEdit(account, record.project)) {
    return errorCollection(403, ['You do not have permission to delete issues in this project.']);
  }
  const subtasks = state.subtasksOf(record.key);
  if (subtasks.length > 0 && ctx.url.searchParams.get('deleteSubtasks') !== 'true') {
    return errorCollection(400, [
      `The issue has subtasks. Set deleteSubtasks=true to delete them with ${record.key}.`,
    ]);
  }
  for (const subtask of subtasks) state.deleteIssue(subtask.key);
  state.deleteIssue(record.key);
  return noContent();
}
