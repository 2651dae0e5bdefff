/**
 * Search endpoints:
 * - Cloud `GET|POST /rest/api/{2,3}/search/jql` (§1.2, §1.3): bounded JQL only, cursor paging with an opaque
 *   `nextPageToken` and `isLast`, no `total`; default `fields=id`; page caps of 5,000 for id/key only and
 *   `contentPageCap` otherwise; eventually consistent unless reconciled.
 * - Cloud `POST /rest/api/3/search/approximate-count` (§1.4).
 * - Cloud's removed `/rest/api/{2,3}/search` → 410 (§1.1).
 * - Data Center `GET|POST /rest/api/2/search` with `startAt` / `maxResults` / `total` (§1.5).
 *
 * A search computes its sorted result once and keeps it while the state does not change, so walking
 * 100k issues page by page does not re-run the query per page. Tokens are keyset positions (the last
 * issue's sort values and id), so an issue edited during a walk moves the way it does in Jira.
 */
import type { RequestContext } from './context.js';
import { JqlError, parseJql } from './jql.js';
import { compileQuery, type CompiledQuery } from './query.js';
import { parseFieldSelection, renderIssue, type FieldSelection } from './render-issue.js';
import type { JiraState } from './state.js';
import type { JiraIssueRecord } from './types.js';
import { badBody, errorCollection, isRecord, json, readJson } from './wire.js';

/** §1.1: the exact body a client still calling the removed endpoint gets. Never retried. */
export const REMOVED_SEARCH_BODY = {
  errorMessages: [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ],
  errors: {},
};

/** §1.3 (wording seen in many independent repos). */
export const UNBOUNDED_MESSAGE =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

/** §1.2: the greatest page when only `id` / `key` are requested. */
export const ID_PAGE_CAP = 5000;
const TOKEN_TTL_MS = 7 * 86_400_000; // §1.2: tokens expire after 7 days
const MAX_RECONCILE = 50; // §1.2
const DEFAULT_MAX_RESULTS = 50; // §1.2, §1.5
const CACHE_SIZE = 16;

type SortValue = number | string | null;
interface Hit {
  id: string;
  values: SortValue[];
}
interface CachedResult {
  version: number;
  validUntil: number;
  hits: Hit[];
}
interface Token {
  /** Hash of the query the token belongs to. */
  q: string;
  v: SortValue[];
  i: number;
  /** Issued at (fake clock). */
  t: number;
}

/**
 * Search parameters common to GET (query string) and POST (JSON body). `fieldsByKeys` and `failFast` are
 * accepted and change nothing here: Cloud custom field keys equal their ids, and the fake never fails to
 * load a field. `properties` only counts against the 5,000 id-page cap (the fake stores no properties).
 */
interface SearchParams {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
  reconcileIssues: string[];
  /** Data Center only; Cloud's search/jql has no startAt (§1.2). */
  startAt: number;
}

export class SearchEngine {
  private readonly cache = new Map<string, CachedResult>();

  constructor(private readonly state: JiraState) {}

  /** Cloud `GET|POST /rest/api/{2,3}/search/jql`. */
  async searchJql(ctx: RequestContext): Promise<Response> {
    const params = await readSearchParams(ctx);
    if (params instanceof Response) return params;
    if (params.reconcileIssues.length > MAX_RECONCILE) {
      return errorCollection(400, [`reconcileIssues accepts at most ${MAX_RECONCILE} issue ids.`]);
    }
    const compiled = this.compile(ctx, params.jql);
    if (compiled instanceof Response) return compiled;
    if (!compiled.bounded) return errorCollection(400, [UNBOUNDED_MESSAGE]);

    const selection = parseFieldSelection(params.fields, 'id');
    const cap =
      selection.idOrKeyOnly && params.properties.length === 0
        ? ID_PAGE_CAP
        : this.state.options.contentPageCap;
    // maxResults is an upper bound only (§1.2); below 1 it reads as 1 (Jira's answer to 0 is UNCONFIRMED).
    const pageSize = Math.min(cap, Math.max(1, params.maxResults));
    const reconciled = new Set(params.reconcileIssues);
    const queryHash = hash(`${params.jql}\u0000${[...reconciled].sort().join(',')}`);
    const hits = this.results(ctx, compiled, params.jql, reconciled);

    let start = 0;
    if (params.nextPageToken) {
      const token = decodeToken(params.nextPageToken);
      if (!token || token.q !== queryHash || this.state.now() - token.t > TOKEN_TTL_MS) {
        // Wording UNCONFIRMED (§9.2 asks for a 400 on unknown or expired tokens).
        return errorCollection(400, ['The provided nextPageToken is invalid or has expired.']);
      }
      start = firstAfter(hits, compiled, token);
    }
    const page = hits.slice(start, start + pageSize);
    const isLast = start + pageSize >= hits.length;
    const wantNames = params.expand.includes('names');
    const wantSchema = params.expand.includes('schema');
    const names: Record<string, string> = {};
    const schema: Record<string, unknown> = {};
    const issues = this.render(
      ctx,
      page,
      reconciled,
      selection,
      wantNames ? names : undefined,
      wantSchema ? schema : undefined,
    );
    const last = page[page.length - 1];
    return json({
      issues,
      // §1.3: the token is left out on the last page; isLast is on every page; there is no total.
      ...(isLast || !last
        ? {}
        : {
            nextPageToken: encodeToken({
              q: queryHash,
              v: last.values,
              i: Number(last.id),
              t: this.state.now(),
            }),
          }),
      isLast,
      ...(wantNames ? { names } : {}),
      ...(wantSchema ? { schema } : {}),
    });
  }

  /** Cloud `POST /rest/api/3/search/approximate-count` → `{count}` (§1.4; an estimate that may lag). */
  async approximateCount(ctx: RequestContext): Promise<Response> {
    const body = await readJson(ctx.request);
    const bad = badBody(body);
    if (bad) return bad;
    const jql = (body as Record<string, unknown>).jql;
    const compiled = this.compile(ctx, typeof jql === 'string' ? jql : '');
    if (compiled instanceof Response) return compiled;
    if (!compiled.bounded) return errorCollection(400, [UNBOUNDED_MESSAGE]);
    return json({ count: this.results(ctx, compiled, String(jql), new Set()).length });
  }

  /** Data Center `GET|POST /rest/api/2/search` (§1.5): offset paging with `total`, silently capped. */
  async searchDataCenter(ctx: RequestContext): Promise<Response> {
    const params = await readSearchParams(ctx);
    if (params instanceof Response) return params;
    const compiled = this.compile(ctx, params.jql);
    if (compiled instanceof Response) return compiled;
    const startAt = Math.max(0, params.startAt);
    const { dcPageCap, dcMaxResultWindow } = this.state.options;
    // §1.5: the effective maxResults is echoed; clients must page with it.
    const maxResults = Math.min(dcPageCap, Math.max(0, params.maxResults));
    if (startAt >= dcMaxResultWindow) {
      // §1.5: beyond max_result_window (default 10,000) the search fails.
      return errorCollection(500, [
        `Search limit exceeded. Results beyond ${dcMaxResultWindow} issues cannot be paged with startAt; narrow the query.`,
      ]);
    }
    const hits = this.results(ctx, compiled, params.jql, new Set());
    const end = Math.min(startAt + maxResults, dcMaxResultWindow);
    const selection = parseFieldSelection(params.fields, '*navigable');
    const wantNames = params.expand.includes('names');
    const wantSchema = params.expand.includes('schema');
    const names: Record<string, string> = {};
    const schema: Record<string, unknown> = {};
    const issues = this.render(
      ctx,
      hits.slice(startAt, end),
      new Set(),
      selection,
      wantNames ? names : undefined,
      wantSchema ? schema : undefined,
    );
    return json({
      expand: 'schema,names',
      startAt,
      maxResults,
      total: hits.length,
      issues,
      ...(wantNames ? { names } : {}),
      ...(wantSchema ? { schema } : {}),
    });
  }

  private compile(ctx: RequestContext, jql: string): CompiledQuery | Response {
    try {
      return compileQuery(parseJql(jql), {
        state: this.state,
        timeZone: ctx.timeZone,
        now: this.state.now(),
      });
    } catch (error) {
      if (error instanceof JqlError) return errorCollection(400, [error.message]);
      throw error;
    }
  }

  /** Sorted hits of a query, from the cache while the state (and the lag view) has not changed. */
  private results(
    ctx: RequestContext,
    compiled: CompiledQuery,
    jql: string,
    reconciled: ReadonlySet<string>,
  ): Hit[] {
    const visibleProjects = ctx.account ? null : new Set(this.state.options.publicProjects);
    const key = [
      jql,
      ctx.timeZone,
      [...reconciled].sort().join(','),
      visibleProjects ? 'anonymous' : '',
    ].join('\u0000');
    const now = this.state.now();
    const cached = this.cache.get(key);
    if (
      cached &&
      cached.version === this.state.version &&
      now < cached.validUntil &&
      !compiled.timeDependent
    ) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.hits;
    }
    const hits: Hit[] = [];
    const candidates = compiled.ids ?? this.state.ids(compiled.projects ?? undefined);
    for (const id of candidates) {
      const record = this.state.searchView(id, reconciled);
      if (!record || (visibleProjects && !visibleProjects.has(record.project)) || !compiled.matches(record))
        continue;
      hits.push({ id, values: compiled.sortValues(record) });
    }
    hits.sort((a, b) => compiled.compare(a.values, Number(a.id), b.values, Number(b.id)));
    this.cache.set(key, { version: this.state.version, validUntil: this.state.lagHorizon(), hits });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return hits;
  }

  private render(
    ctx: RequestContext,
    page: Hit[],
    reconciled: ReadonlySet<string>,
    selection: FieldSelection,
    names: Record<string, string> | undefined,
    schema: Record<string, unknown> | undefined,
  ): Record<string, unknown>[] {
    return page.flatMap((hit) => {
      const record: JiraIssueRecord | undefined = this.state.searchView(hit.id, reconciled);
      return record ? [renderIssue(ctx, record, { selection, names, schema })] : [];
    });
  }
}

/** Index of the first hit after the token's position (keyset paging). */
function firstAfter(hits: Hit[], compiled: CompiledQuery, token: Token): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const hit = hits[mid] as Hit;
    if (compiled.compare(hit.values, Number(hit.id), token.v, token.i) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const encodeToken = (token: Token): string => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeToken(text: string): Token | undefined {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!isRecord(token) || typeof token.q !== 'string' || !Array.isArray(token.v)) return undefined;
    if (typeof token.i !== 'number' || typeof token.t !== 'number') return undefined;
    return token as unknown as Token;
  } catch {
    return undefined;
  }
}

/** FNV-1a, hex: ties a token to its query. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** Splits repeated and comma-separated values (§8: jira.js 5 joins with commas, 6 repeats keys). */
const listParam = (values: string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

function listBody(value: unknown): string[] {
  if (typeof value === 'string') return listParam([value]);
  if (Array.isArray(value)) return listParam(value.map(String));
  return [];
}

function numberParam(value: string | null, fallback: number): number {
  const n = value === null || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) ? Math.floor(n) : fallback;
}

/** Reads search parameters from the query string (GET) or the JSON body (POST). */
async function readSearchParams(ctx: RequestContext): Promise<SearchParams | Response> {
  if (ctx.request.method === 'GET') {
    const q = ctx.url.searchParams;
    return {
      jql: q.get('jql') ?? '',
      nextPageToken: q.get('nextPageToken') || undefined,
      maxResults: numberParam(q.get('maxResults'), DEFAULT_MAX_RESULTS),
      fields: q.getAll('fields'),
      expand: listParam(q.getAll('expand')),
      properties: listParam(q.getAll('properties')),
      reconcileIssues: listParam(q.getAll('reconcileIssues')),
      startAt: numberParam(q.get('startAt'), 0),
    };
  }
  const body = await readJson(ctx.request);
  const bad = badBody(body);
  if (bad) return bad;
  const b = body as Record<string, unknown>;
  if (b.jql !== undefined && typeof b.jql !== 'string') {
    return errorCollection(400, ['Can not deserialize the value of jql: expected a string']);
  }
  return {
    jql: (b.jql as string | undefined) ?? '',
    nextPageToken:
      typeof b.nextPageToken === 'string' && b.nextPageToken !== '' ? b.nextPageToken : undefined,
    maxResults: typeof b.maxResults === 'number' ? b.maxResults : DEFAULT_MAX_RESULTS,
    fields: listBody(b.fields),
    expand: listBody(b.expand),
    properties: listBody(b.properties),
    reconcileIssues: Array.isArray(b.reconcileIssues) ? b.reconcileIssues.map(String) : [],
    startAt: typeof b.startAt === 'number' ? b.startAt : 0,
  };
}
