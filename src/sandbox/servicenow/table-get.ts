/** `GET /api/now/table/{table}` and `GET /api/now/table/{table}/{sys_id}` (api-facts §6.1, §6.2). */
import { jsonResponse, noRecord, readDenied, resultListResponse } from './errors.js';
import { tableParams, type TableParams } from './params.js';
import { parseEncodedQuery } from './query.js';
import { recordRenderer, renderRecords, type RenderContext } from './render.js';
import { compileQuery, select } from './select.js';
import type { ServiceNowState } from './state.js';

/** What every API handler gets: the instance, the origin for links, and who is calling. */
export interface ApiContext {
  state: ServiceNowState;
  origin: string;
  user: string;
  via: 'table' | 'batch';
}

export function renderContext(ctx: ApiContext): RenderContext {
  return {
    catalog: ctx.state,
    journal: (sysId) => ctx.state.journal(sysId),
    timeZone: ctx.state.config.userTimeZone,
    origin: ctx.origin,
  };
}

export function listRecords(ctx: ApiContext, table: string, url: URL): Response {
  const { state } = ctx;
  if (!state.accessOf(table).read) return readDenied();
  const params = tableParams(url, state.config);
  const query = compileQuery(state, table, parseEncodedQuery(params.query), state.config.userTimeZone);
  const { rows, total } =
    query.ignoredParts && state.config.invalidQueryReturnsNoRows
      ? { rows: [], total: params.noCount ? undefined : 0 }
      : select(state.storeOf(table), query, {
          offset: params.offset,
          limit: params.limit,
          count: !params.noCount,
        });
  const headers: Record<string, string> = {};
  // §6.1: X-Total-Count is the number of all matching records; sysparm_no_count skips it.
  if (total !== undefined) headers['X-Total-Count'] = String(total);
  const link = params.suppressPaginationHeader
    ? undefined
    : linkHeader(ctx.origin, url, params, total, rows.length);
  if (link) headers.Link = link;
  const render = recordRenderer(renderContext(ctx), table, {
    mode: params.displayValue,
    excludeReferenceLink: params.excludeReferenceLink,
    fields: params.fields,
  });
  return resultListResponse(
    rows.map((row) => JSON.stringify(render(row))),
    headers,
  );
}

export function getRecord(ctx: ApiContext, table: string, sysId: string, url: URL): Response {
  const { state } = ctx;
  const row = state.storeOf(table).get(sysId);
  // An ACL that hides a record looks exactly like a missing record (§6.5).
  if (!row || !state.accessOf(table).read) return noRecord();
  const params = tableParams(url, state.config);
  const [result] = renderRecords(renderContext(ctx), table, [row], {
    mode: params.displayValue,
    excludeReferenceLink: params.excludeReferenceLink,
    fields: params.fields,
  });
  return jsonResponse({ result });
}

/**
 * §6.1 (real headers in ANS15): `<url>;rel="first",<url>;rel="prev",<url>;rel="next",<url>;rel="last"`,
 * each URL repeating the request's parameters with its own sysparm_limit and sysparm_offset; prev
 * and next only when they exist; no header at all when everything fits in one page. Without a
 * count (sysparm_no_count) there is no `last`, and `next` follows a full page (UNCONFIRMED).
 */
function linkHeader(
  origin: string,
  url: URL,
  params: TableParams,
  total: number | undefined,
  pageSize: number,
): string | undefined {
  const { offset, limit } = params;
  if (total !== undefined && offset === 0 && total <= limit) return undefined;
  const kept = [...url.searchParams].filter(([k]) => k !== 'sysparm_limit' && k !== 'sysparm_offset');
  const at = (o: number): string => {
    const query = [...kept, ['sysparm_limit', String(limit)], ['sysparm_offset', String(o)]]
      .map(([k, v]) => `${encodeURIComponent(k as string)}=${encodeURIComponent(v as string)}`)
      .join('&');
    return `<${origin}${url.pathname}?${query}>`;
  };
  const links = [`${at(0)};rel="first"`];
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))};rel="prev"`);
  const hasNext = total === undefined ? pageSize === limit : offset + limit < total;
  if (hasNext) links.push(`${at(offset + limit)};rel="next"`);
  if (total !== undefined)
    links.push(`${at(Math.max(0, Math.floor((total - 1) / limit) * limit))};rel="last"`);
  return links.join(',');
}
