/**
 * Cloud bulk edit (§10.1):
 * - `POST /rest/api/3/bulk/issues/fields` submits one edit for up to 1,000 issues and 200 fields and
 *   answers `201 {"taskId"}`; the task runs asynchronously (ENQUEUED → RUNNING → COMPLETE on the fake's
 *   clock) and its edits land when it completes.
 * - `GET /rest/api/3/bulk/queue/{taskId}` reports progress, with `processedAccessibleIssues` as numeric ids
 *   and failures per issue.
 * - `GET /rest/api/3/bulk/issues/fields` lists the fields that can be bulk edited.
 * Errors use `{"errors":[{"message"}]}` (BulkOperationErrorResponse), not the ErrorCollection.
 */
import type { RequestContext } from './context.js';
import { applyChanges, canEdit, mayMute, writableField } from './edit.js';
import type { EditKind, FieldDef } from './fields.js';
import type { BulkTask, JiraState } from './state.js';
import type { FakeJiraAccount } from './types.js';
import { checkValue, readValue } from './values.js';
import { badBody, bulkError, errorCollection, isRecord, json, readJson, unauthenticated } from './wire.js';

const MAX_ISSUES = 1000; // §10.1
const MAX_FIELDS = 200; // §10.1
const FIELDS_PAGE = 50; // §10.1 GET bulk/issues/fields
/** §10.1 observed body (LPW). */
export const BULK_MUTE_FORBIDDEN =
  'You do not have the necessary permissions to disable bulk mail notifications for this operation.';
/** Wording UNCONFIRMED (§10.1 gives only the shape). */
const NO_BULK_PERMISSION = 'You do not have the Make bulk changes global permission.';

/** `editedFieldsInput` properties the fake applies, with the field kinds each accepts and how to read the value. */
const SUPPORTED_INPUTS: Record<
  string,
  { kinds: EditKind[]; read: (entry: Record<string, unknown>) => unknown }
> = {
  clearableNumberFields: { kinds: ['number'], read: (e) => e.value ?? null },
  singleLineTextFields: { kinds: ['text'], read: (e) => e.text ?? null },
  urlFields: { kinds: ['url'], read: (e) => e.url ?? null },
  richTextFields: {
    kinds: ['richtext', 'textarea'],
    read: (e) => {
      const adf = isRecord(e.richText) ? e.richText.adfValue : undefined;
      return adf === undefined || (isRecord(adf) && Object.keys(adf).length === 0) ? null : adf;
    },
  },
  labelsFields: { kinds: ['labels'], read: (e) => e },
};

/** Every property of §10.1's `editedFieldsInput`; beans are `additionalProperties: false`, so others are rejected. */
const KNOWN_INPUTS = new Set([
  ...Object.keys(SUPPORTED_INPUTS),
  'multiselectComponents',
  'multipleVersionPickerFields',
  'singleSelectFields',
  'multipleSelectFields',
  'cascadingSelectFields',
  'datePickerFields',
  'dateTimePickerFields',
  'singleSelectClearableUserPickerFields',
  'multipleSelectClearableUserPickerFields',
  'singleGroupPickerFields',
  'multipleGroupPickerFields',
  'singleVersionPickerFields',
  'colorFields',
  'priority',
  'issueType',
  'originalEstimateField',
  'timeTrackingField',
  'status',
]);

type LabelsOption = 'ADD' | 'REMOVE' | 'REPLACE' | 'REMOVE_ALL';

interface FieldEdit {
  field: FieldDef;
  /** The value to write, or for labels the entry whose option decides the new list per issue. */
  value: unknown;
}

export async function submitBulkEdit(ctx: RequestContext): Promise<Response> {
  const { state } = ctx;
  const account = ctx.account;
  if (!account) return unauthenticated();
  if (!account.permissions.bulkChange) return bulkError(403, [NO_BULK_PERMISSION]);
  const body = await readJson(ctx.request);
  const bad = badBody(body);
  if (bad) return bad;
  const b = body as Record<string, unknown>;

  const selected = b.selectedIssueIdsOrKeys;
  if (!Array.isArray(selected) || selected.length === 0 || selected.some((s) => typeof s !== 'string')) {
    return bulkError(400, ['selectedIssueIdsOrKeys must list at least one issue id or key.']);
  }
  if (selected.length > MAX_ISSUES) {
    return bulkError(400, [`A bulk edit can select at most ${MAX_ISSUES} issues; got ${selected.length}.`]);
  }
  const actions = b.selectedActions;
  if (!Array.isArray(actions) || actions.length === 0 || actions.some((a) => typeof a !== 'string')) {
    return bulkError(400, ['selectedActions must list the ids of the fields being edited.']);
  }
  if (actions.length > MAX_FIELDS) {
    return bulkError(400, [`A bulk edit can change at most ${MAX_FIELDS} fields; got ${actions.length}.`]);
  }
  const edits = readEditedFields(state, b.editedFieldsInput, actions as string[]);
  if (edits instanceof Response) return edits;

  // §10.1: sendBulkNotification defaults to true; false needs admin rights, else 403 and nothing is edited.
  const notify = b.sendBulkNotification !== false;
  if (!notify && !mayMute(account)) return bulkError(403, [BULK_MUTE_FORBIDDEN]);

  const ids = new Set<string>();
  let invalid = 0;
  for (const idOrKey of selected as string[]) {
    const id = state.idOf(idOrKey);
    if (id === undefined) invalid++;
    else ids.add(id);
  }
  const now = state.now();
  const { startAfterMs, completeAfterMs } = state.options.bulkTask;
  const task: BulkTask = {
    taskId: state.newTaskId(),
    submittedBy: account.accountId,
    created: now,
    startAt: now + startAfterMs,
    completeAt: now + Math.max(completeAfterMs, startAfterMs),
    totalIssueCount: selected.length,
    invalidOrInaccessibleIssueCount: invalid,
    processed: [],
    failed: {},
    applied: false,
    apply: (at) => runTask(state, task, account, [...ids], edits, notify, at),
  };
  state.tasks.set(task.taskId, task);
  return json({ taskId: task.taskId }, 201);
}

function readEditedFields(state: JiraState, input: unknown, actions: string[]): FieldEdit[] | Response {
  if (!isRecord(input)) return bulkError(400, ['editedFieldsInput is required.']);
  const edits: FieldEdit[] = [];
  for (const [property, entries] of Object.entries(input)) {
    if (!KNOWN_INPUTS.has(property))
      return bulkError(400, [`Unrecognized field "${property}" in editedFieldsInput.`]);
    const supported = SUPPORTED_INPUTS[property];
    if (!supported) return bulkError(400, [`The fake Jira does not support editedFieldsInput.${property}.`]);
    if (!Array.isArray(entries)) return bulkError(400, [`editedFieldsInput.${property} must be a list.`]);
    for (const entry of entries) {
      if (!isRecord(entry) || typeof entry.fieldId !== 'string') {
        return bulkError(400, [`Every entry of editedFieldsInput.${property} needs a fieldId.`]);
      }
      const field = writableField(state, entry.fieldId);
      if (typeof field === 'string') return bulkError(400, [field]);
      if (!field.edit || !supported.kinds.includes(field.edit)) {
        return bulkError(400, [
          `The field ${field.id} cannot be edited through editedFieldsInput.${property}.`,
        ]);
      }
      edits.push({ field, value: supported.read(entry) });
    }
  }
  // §10.1: the one documented message.
  const unlisted = edits.map((e) => e.field.id).filter((id) => !actions.includes(id));
  if (unlisted.length > 0) {
    return bulkError(400, [
      `The following editedFieldInput values are not listed as selectedActions : ${unlisted.join(', ')}`,
    ]);
  }
  if (edits.length === 0) return bulkError(400, ['editedFieldsInput does not edit any field.']);
  return edits;
}

/** The new label list for one issue: `{labels:[{name}], bulkEditMultiSelectFieldOption}` (§10.1). */
function labelsFor(current: unknown, entry: Record<string, unknown>): unknown {
  const names = Array.isArray(entry.labels)
    ? entry.labels.map((l) => (isRecord(l) ? l.name : undefined)).filter((n) => n !== undefined)
    : [];
  const list = Array.isArray(current) ? (current as string[]) : [];
  switch (entry.bulkEditMultiSelectFieldOption as LabelsOption | undefined) {
    case 'ADD':
      return [...new Set([...list, ...(names as string[])])];
    case 'REMOVE':
      return list.filter((l) => !names.includes(l));
    case 'REMOVE_ALL':
      return [];
    case 'REPLACE':
      return names;
    default:
      return undefined;
  }
}

/** Lands a completed task: per issue, edit permission and value checks, then the edits. */
function runTask(
  state: JiraState,
  task: BulkTask,
  account: FakeJiraAccount,
  ids: string[],
  edits: FieldEdit[],
  notify: boolean,
  at: number,
): void {
  for (const id of ids) {
    const record = state.peek(id);
    if (!record) {
      task.invalidOrInaccessibleIssueCount++;
      continue;
    }
    if (!canEdit(account, record.project)) {
      task.failed[id] = ['You do not have permission to edit issues in this project.'];
      continue;
    }
    const changes = new Map<FieldDef, unknown>();
    const reasons: string[] = [];
    for (const { field, value } of edits) {
      const raw =
        field.edit === 'labels'
          ? labelsFor(readValue(record, field), value as Record<string, unknown>)
          : value;
      if (raw === undefined) {
        reasons.push(`bulkEditMultiSelectFieldOption is required for ${field.id}.`);
        continue;
      }
      // Value problems fail the issue inside the task rather than the submission (UNCONFIRMED, §10.1).
      const checked = checkValue(field, raw, '3');
      if (checked.ok) changes.set(field, checked.value);
      else reasons.push(checked.message);
    }
    if (reasons.length > 0) {
      task.failed[id] = reasons;
      continue;
    }
    applyChanges(state, record, changes, { via: 'bulk', by: account.accountId, at, notified: notify });
    task.processed.push(Number(id));
  }
}

/** `GET /rest/api/3/bulk/queue/{taskId}` (§10.1): timestamps as epoch ms, as every Atlassian example shows. */
export function bulkProgress(ctx: RequestContext): Response {
  const account = ctx.account;
  if (!account) return unauthenticated();
  if (!account.permissions.bulkChange) return bulkError(403, [NO_BULK_PERMISSION]);
  const task = ctx.state.tasks.get(ctx.params[0] ?? '');
  // An unknown id's answer is UNCONFIRMED (§10.1).
  if (!task) return errorCollection(404, [`The task with id ${ctx.params[0] ?? ''} was not found.`]);
  const now = ctx.state.now();
  const base = { taskId: task.taskId, submittedBy: { accountId: task.submittedBy }, created: task.created };
  if (now < task.startAt) {
    return json({ ...base, status: 'ENQUEUED', progressPercent: 0, updated: task.created });
  }
  if (!task.applied) {
    const span = Math.max(1, task.completeAt - task.startAt);
    const progressPercent = Math.min(99, Math.floor(((now - task.startAt) / span) * 100));
    return json({ ...base, status: 'RUNNING', progressPercent, started: task.startAt, updated: now });
  }
  return json({
    ...base,
    status: 'COMPLETE',
    progressPercent: 100,
    started: task.startAt,
    updated: task.completeAt,
    totalIssueCount: task.totalIssueCount,
    processedAccessibleIssues: task.processed,
    failedAccessibleIssues: task.failed,
    invalidOrInaccessibleIssueCount: task.invalidOrInaccessibleIssueCount,
    // Live COMPLETE answers carried an undocumented `ended: null` (§10.1, LPW).
    ended: null,
  });
}

/**
 * `GET /rest/api/3/bulk/issues/fields?issueIdsOrKeys=…` (§10.1): the fields that can be bulk edited, 50 a
 * page, cursors `startingAfter` / `endingBefore` (their exact semantics are UNCONFIRMED).
 */
export function bulkEditableFields(ctx: RequestContext): Response {
  const account = ctx.account;
  if (!account) return unauthenticated();
  if (!account.permissions.bulkChange) return bulkError(403, [NO_BULK_PERMISSION]);
  const q = ctx.url.searchParams;
  const keys = q
    .getAll('issueIdsOrKeys')
    .flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '');
  if (keys.length === 0) return bulkError(400, ['issueIdsOrKeys is required.']);
  const search = (q.get('searchText') ?? '').toLowerCase();
  const all = ctx.state.fields
    .all()
    .filter(
      (f) => f.edit !== null && f.edit !== 'summary' && typeof writableField(ctx.state, f.id) !== 'string',
    )
    .filter((f) => f.name.toLowerCase().includes(search));
  if (all.length === 0 || keys.every((k) => ctx.state.idOf(k) === undefined)) {
    return bulkError(404, ['There are no fields that can be bulk edited for the selected issues.']);
  }
  const after = q.get('startingAfter');
  const before = q.get('endingBefore');
  let start = 0;
  if (after) start = all.findIndex((f) => f.id === after) + 1;
  else if (before) start = Math.max(0, all.findIndex((f) => f.id === before) - FIELDS_PAGE);
  const page = all.slice(start, start + FIELDS_PAGE);
  return json({
    fields: page.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.custom ? (f.schema?.custom ?? '') : f.id,
      isRequired: false,
      ...(f.edit === 'labels' ? { multiSelectFieldOptions: ['ADD', 'REMOVE', 'REPLACE', 'REMOVE_ALL'] } : {}),
    })),
    ...(start + FIELDS_PAGE < all.length ? { startingAfter: page[page.length - 1]?.id } : {}),
    ...(start > 0 ? { endingBefore: page[0]?.id } : {}),
  });
}
