/**
 * The puller: one scope's changed issues since its cursor, as pages, each with the cursor after it (the
 * pipeline stores page and cursor in one transaction).
 *
 * Window: `updated >= <the cursor's safe edge, rounded down to the minute>`, written in the API user's time
 * zone (§1.1b), ordered by `updated ASC, key ASC`. A first run (no cursor) has no lower edge: a full pull.
 * The edge sits `overlapMs` before the last finished run started (cursor.ts says why), because JQL dates
 * have minute precision and search lags edits (§1.2); versions already processed (id, updated) are
 * skipped, so nothing is missed and nothing processed twice. With nothing changed, that is one search.
 *
 * Upper edge: none. The walk is ordered by `updated`, so an issue edited while it runs moves to the end
 * and is read again there (a newer version, processed once more on purpose); what changes after the last
 * page waits for the next run. The pipeline's `runStartMs` is not used: the run's start is read from Jira's
 * own clock (session.ts), so a skew between the two clocks cannot move the edge.
 *
 * Cloud pages the enhanced search with `nextPageToken` (§1.2), 100 issues a page (the observed cap with
 * real fields). That is the cheaper of the two real strategies for bearing: ids-only pages (5,000) plus
 * bulkfetch would need only N/5,000 + N/1,000 calls, but bearing reads labels, components, issue links and
 * a labels field, which count as multi-valued for bulkfetch (the fake's reading of an UNCONFIRMED rule,
 * §10.1) and keep it at 100 ids a call: N/5,000 + N/100 > N/100.
 *
 * Data Center pages `/rest/api/2/search` by offset (§1.5) with the page size the server answers. Offsets
 * shift when issues change during the walk, and fail past `max_result_window`, so each page restarts the
 * query at the minute of the newest issue it read (a keyset on `updated`), using an offset only to get
 * through a single minute holding more than a page.
 */
import { BearingError } from '../../core/errors.js';
import type { QuarantineRecord } from '../../store/store.js';
import type { PullContext, PulledPage } from '../connector.js';
import {
  advance,
  alreadySeen,
  jqlLowerEdge,
  readCursor,
  safeEdge,
  toCursor,
  windowStartMs,
  type WindowState,
} from './cursor.js';
import { scopeJql } from './jql.js';
import { createNormalizer } from './normalize.js';
import type { CustomFieldIds } from './raw.js';
import type { Session } from './session.js';
import type { AnyWire, CloudWire, DataCenterWire, OffsetPage, TokenPage } from './wire/types.js';

/** §1.2 / §9.2: content pages hold at most 100 issues on Cloud. */
const CLOUD_PAGE = 100;
/** §1.5: DC pages are capped at 1,000 by default; the server's answer decides. */
const DC_PAGE = 1000;
/** §1.5: DC's default `max_result_window`. */
const DC_RESULT_WINDOW = 10_000;
const MINUTE = 60_000;

/** System fields bearing reads (api-facts §2); custom ones are added per site. */
const SYSTEM_FIELDS = [
  'summary',
  'description',
  'issuetype',
  'status',
  'priority',
  'labels',
  'components',
  'reporter',
  'assignee',
  'created',
  'updated',
  'resolutiondate',
  'parent',
  'issuelinks',
  'timeoriginalestimate',
];

function requestedFields(ids: CustomFieldIds): string[] {
  const custom = [...ids.storyPoints, ids.score, ids.goal, ids.flags, ids.epicLink];
  return [...SYSTEM_FIELDS, ...custom.filter((id): id is string => id !== undefined)];
}

export interface PullOptions {
  wire: AnyWire;
  session: Session;
  /** The checked configuration JQL. */
  jql: string;
  overlapMs: number;
}

export async function* pullScope(
  options: PullOptions,
  scope: string,
  context: PullContext,
): AsyncGenerator<PulledPage> {
  const { session, overlapMs } = options;
  const normalize = createNormalizer({
    siteUrl: session.siteUrl,
    scope,
    fields: session.fields,
    executives: session.executives,
  });
  let state: WindowState | null = readCursor(context.cursor, overlapMs);
  const fromMs = state === null ? null : windowStartMs(state);
  const jqlFrom = (ms: number | null): string =>
    scopeJql(options.jql, scope, ms === null ? null : jqlLowerEdge(ms, session.account.timeZone));
  const fields = requestedFields(session.fields);
  const pages =
    options.wire.deployment === 'cloud'
      ? cloudPages(options.wire, jqlFrom(fromMs), fields, context.signal)
      : dataCenterPages(options.wire, jqlFrom, fromMs, fields, scope, context.signal);

  // The newest `updated` the walk has read (pages come in ascending `updated`), seen versions included.
  let walkedToMs: number | null = null;
  for await (const { issues, last } of pages) {
    const items: PulledPage['items'] = [];
    const quarantined: QuarantineRecord[] = [];
    const versions: { id: string; updatedMs: number }[] = [];
    for (const raw of issues) {
      const result = normalize(raw);
      if (result.updatedMs !== null) walkedToMs = Math.max(walkedToMs ?? result.updatedMs, result.updatedMs);
      const version =
        result.id !== null && result.updatedMs !== null
          ? { id: result.id, updatedMs: result.updatedMs }
          : null;
      if (version && alreadySeen(state, version.id, version.updatedMs)) continue;
      if (version) versions.push(version);
      if (result.ok) items.push({ item: result.item, raw });
      else {
        quarantined.push({
          system: 'jira',
          scope,
          recordRef: result.recordRef,
          field: result.field,
          reason: result.reason,
          raw,
        });
      }
    }
    const safeFromMs = safeEdge(state, {
      startedAtMs: session.startedAtMs,
      overlapMs,
      walkedToMs,
      complete: last,
    });
    // A page that brings nothing is stored only to record where a finished walk leaves the edge.
    if (items.length === 0 && quarantined.length === 0 && !(last && safeFromMs !== state?.safeFromMs))
      continue;
    state = advance(state, versions, safeFromMs);
    yield { items, quarantined, cursor: toCursor(state) };
  }
}

/** Raw issues of one search page, and whether the walk ends with it. */
interface RawPage {
  issues: unknown[];
  last: boolean;
}

/**
 * Search pages in order. The next page is asked for as soon as a page arrives — its token is known then —
 * so the round trip overlaps the normalizing and storing of this one; a read-ahead never moves the cursor.
 */
async function* cloudPages(
  wire: CloudWire,
  jql: string,
  fields: string[],
  signal: AbortSignal,
): AsyncGenerator<RawPage> {
  if (signal.aborted) return;
  const read = (nextPageToken?: string): Promise<TokenPage> => {
    const page = wire.searchPage({ jql, fields, maxResults: CLOUD_PAGE, nextPageToken });
    // Awaited below; this only keeps a read-ahead the consumer abandons from an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let pending = read();
  for (;;) {
    const page = await pending;
    const token = page.nextPageToken;
    const more = token !== undefined && !signal.aborted;
    if (more) pending = read(token);
    yield { issues: page.issues, last: token === undefined };
    if (!more) return;
  }
}

/** The newest `updated` among raw issues (unparseable ones are skipped). */
function newestUpdated(issues: readonly unknown[]): number | null {
  let newest: number | null = null;
  for (const issue of issues) {
    const updated = (issue as { fields?: { updated?: unknown } } | null)?.fields?.updated;
    const ms = typeof updated === 'string' ? Date.parse(updated) : Number.NaN;
    if (!Number.isNaN(ms) && (newest === null || ms > newest)) newest = ms;
  }
  return newest;
}

async function* dataCenterPages(
  wire: DataCenterWire,
  jqlFrom: (ms: number | null) => string,
  fromMs: number | null,
  fields: string[],
  scope: string,
  signal: AbortSignal,
): AsyncGenerator<RawPage> {
  let pageSize = DC_PAGE;
  const read = (sliceFrom: number | null, startAt: number): Promise<OffsetPage> => {
    if (startAt > 0 && startAt + pageSize > DC_RESULT_WINDOW) {
      return Promise.reject(
        new BearingError(
          'fatal',
          `jira: more than ${DC_RESULT_WINDOW} issues of ${scope} share one minute of "updated"; Data Center cannot page past its max_result_window (api-facts §1.5)`,
        ),
      );
    }
    const page = wire.searchOffset({ jql: jqlFrom(sliceFrom), fields, maxResults: pageSize, startAt });
    // Awaited below; this only keeps a read-ahead the consumer abandons from an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  if (signal.aborted) return;
  let sliceFrom = fromMs;
  let pending = read(sliceFrom, 0);
  for (;;) {
    const page = await pending;
    // §1.5: the server may cap maxResults silently; page with the value it used.
    if (page.maxResults > 0) pageSize = page.maxResults;
    const end = page.startAt + page.issues.length;
    const last = page.issues.length === 0 || end >= page.total;
    // The next page's query is known from this one, so it is asked for before this one is handed over.
    const more = !last && !signal.aborted;
    if (more) {
      const newest = newestUpdated(page.issues);
      const minute = newest === null ? null : Math.floor(newest / MINUTE) * MINUTE;
      const nextSlice = minute !== null && (sliceFrom === null || minute > sliceFrom);
      if (nextSlice) sliceFrom = minute;
      pending = read(sliceFrom, nextSlice ? 0 : end);
    }
    yield { issues: page.issues, last };
    if (!more) return;
  }
}
