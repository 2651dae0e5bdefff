/**
 * Reading issues by id or key: `GET /rest/api/{2,3}/issue/{idOrKey}` (all fields by default) and Cloud's
 * `POST /rest/api/3/issue/bulkfetch` (§10.1). Both read the live issue, not the lagging search view.
 */
import type { RequestContext } from './context.js';
import { ISSUE_NOT_FOUND } from './edit.js';
import { parseFieldSelection, renderIssue, type FieldSelection } from './render-issue.js';
import type { JiraIssueRecord } from './types.js';
import { badBody, errorCollection, json, readJson } from './wire.js';

const BULKFETCH_CAP = 100;
const BULKFETCH_NAMED_CAP = 1000;
const BULKFETCH_MAX_NAMED_FIELDS = 100;
/** §10.1: any of these in `expand` keeps the cap at 100. */
const HEAVY_EXPANDS = [
  'changelog',
  'editmeta',
  'operations',
  'renderedFields',
  'transitions',
  'versionedRepresentations',
];

/** Anonymous callers see only issues of public projects (§1.2, §10.1: "Anonymous access allowed"). */
function visible(ctx: RequestContext, record: JiraIssueRecord | undefined): record is JiraIssueRecord {
  return (
    record !== undefined &&
    (ctx.account !== null || ctx.state.options.publicProjects.includes(record.project))
  );
}

export function getIssue(ctx: RequestContext): Response {
  const record = ctx.state.issue(ctx.params[0] ?? '');
  if (!visible(ctx, record)) return errorCollection(404, [ISSUE_NOT_FOUND]);
  const q = ctx.url.searchParams;
  const expand = q.getAll('expand').flatMap((v) => v.split(','));
  const names: Record<string, string> = {};
  const schema: Record<string, unknown> = {};
  const wire = renderIssue(ctx, record, {
    // Unlike search, GET issue defaults to all fields (§1.2).
    selection: parseFieldSelection(q.getAll('fields'), '*all'),
    names: expand.includes('names') ? names : undefined,
    schema: expand.includes('schema') ? schema : undefined,
  });
  return json({
    ...wire,
    ...(expand.includes('names') ? { names } : {}),
    ...(expand.includes('schema') ? { schema } : {}),
  });
}

/**
 * The id cap of a bulkfetch (§10.1): 100, or 1,000 when `fields` names 1–100 fields positively, none of
 * them multi-valued, and `expand` asks for nothing heavy.
 */
export function bulkfetchCap(ctx: RequestContext, selection: FieldSelection, expand: string[]): number {
  const named = selection.named;
  const qualifies =
    !selection.all &&
    !selection.navigable &&
    named.length > 0 &&
    named.length <= BULKFETCH_MAX_NAMED_FIELDS &&
    named.every((id) => !ctx.state.fields.get(id)?.multiValued) &&
    !expand.some((e) => HEAVY_EXPANDS.includes(e));
  return qualifies ? BULKFETCH_NAMED_CAP : BULKFETCH_CAP;
}

export async function bulkfetch(ctx: RequestContext): Promise<Response> {
  const body = await readJson(ctx.request);
  const bad = badBody(body);
  if (bad) return bad;
  const b = body as Record<string, unknown>;
  const wanted = b.issueIdsOrKeys;
  if (!Array.isArray(wanted) || wanted.length === 0 || wanted.some((w) => typeof w !== 'string')) {
    // §10.1: an empty id list is a 400 (wording UNCONFIRMED).
    return errorCollection(400, ['issueIdsOrKeys must contain at least one issue id or key.']);
  }
  const fields = Array.isArray(b.fields)
    ? b.fields.map(String)
    : typeof b.fields === 'string'
      ? [b.fields]
      : [];
  // §10.1: here expand is an array, not a comma string.
  const expand = Array.isArray(b.expand) ? b.expand.map(String) : [];
  const selection = parseFieldSelection(fields, '*navigable');
  const cap = bulkfetchCap(ctx, selection, expand);
  if (wanted.length > cap) {
    return errorCollection(400, [
      `The number of issues requested (${wanted.length}) exceeds the limit of ${cap}.`,
    ]);
  }
  // §10.1: ids and keys may be mixed and are matched case-insensitively; missing or invisible issues are
  // left out silently; the answer is in ascending id order.
  const records = new Map<string, JiraIssueRecord>();
  for (const idOrKey of wanted as string[]) {
    const record = ctx.state.issue(idOrKey);
    if (visible(ctx, record)) records.set(record.id, record);
  }
  const sorted = [...records.values()].sort((a, b2) => Number(a.id) - Number(b2.id));
  const issues = sorted.map((record) => {
    const names: Record<string, string> = {};
    const schema: Record<string, unknown> = {};
    const wire = renderIssue(ctx, record, {
      selection,
      names: expand.includes('names') ? names : undefined,
      schema: expand.includes('schema') ? schema : undefined,
    });
    return {
      ...wire,
      ...(expand.includes('names') ? { names } : {}),
      ...(expand.includes('schema') ? { schema } : {}),
    };
  });
  return json({ expand: 'schema,names', issues, issueErrors: [] });
}
