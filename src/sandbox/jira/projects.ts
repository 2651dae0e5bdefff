/**
 * Projects (§4): Cloud `GET /rest/api/{2,3}/project/search` (a PageBean with `self`, `nextPage` only when
 * there is one, `total`, `isLast`; `maxResults` over 100 treated as 100; `lead`, `description`, `insight`
 * only when expanded) and Data Center `GET /rest/api/2/project` (a plain array of every visible project).
 */
import type { RequestContext } from './context.js';
import { formatJiraTime } from './jira-time.js';
import type { ProjectRecord } from './state.js';
import { renderPerson } from './users.js';
import { json } from './wire.js';

const MAX_PAGE = 100; // §4
const DEFAULT_PAGE = 50; // §4

function visibleProjects(ctx: RequestContext): ProjectRecord[] {
  const all = [...ctx.state.projects.values()];
  return ctx.account ? all : all.filter((p) => ctx.state.options.publicProjects.includes(p.key));
}

function projectJson(ctx: RequestContext, p: ProjectRecord, expand: string[]): Record<string, unknown> {
  const cloud = ctx.state.options.flavour === 'cloud';
  const lead = ctx.state.personById(p.leadId);
  const out: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${ctx.base}/rest/api/${ctx.apiVersion}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: { '48x48': `${ctx.base}/secure/projectavatar?pid=${p.id}&size=large` },
    projectTypeKey: p.projectTypeKey,
    ...(cloud
      ? {
          simplified: p.simplified,
          style: p.simplified ? 'next-gen' : 'classic',
          isPrivate: false,
          properties: {},
        }
      : { archived: false }),
    // §4: projectCategory is absent when the project has none.
    ...(p.category
      ? {
          projectCategory: {
            self: `${ctx.base}/rest/api/${ctx.apiVersion}/projectCategory/${p.category.id}`,
            id: p.category.id,
            name: p.category.name,
            description: p.category.description ?? '',
          },
        }
      : {}),
  };
  if (expand.includes('description')) out.description = p.description;
  if (expand.includes('lead') && lead) out.lead = renderPerson(ctx, lead);
  if (expand.includes('insight') && cloud) out.insight = insight(ctx, p.key);
  return out;
}

function insight(ctx: RequestContext, key: string): Record<string, unknown> {
  let total = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const id of ctx.state.ids([key])) {
    const r = ctx.state.peek(id);
    if (!r) continue;
    total++;
    last = Math.max(last, r.updated);
  }
  return {
    totalIssueCount: total,
    ...(total > 0 ? { lastIssueUpdateTime: formatJiraTime(last, ctx.timeZone) } : {}),
  };
}

const list = (values: string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** Cloud `GET /rest/api/{2,3}/project/search`. */
export function searchProjects(ctx: RequestContext): Response {
  const q = ctx.url.searchParams;
  const startAt = Math.max(0, Math.floor(Number(q.get('startAt') ?? 0)) || 0);
  const requested = Math.floor(Number(q.get('maxResults') ?? DEFAULT_PAGE)) || DEFAULT_PAGE;
  const maxResults = Math.min(MAX_PAGE, Math.max(1, requested));
  const expand = list(q.getAll('expand'));
  const keys = new Set(list(q.getAll('keys')).map((k) => k.toUpperCase()));
  const ids = new Set(list(q.getAll('id')));
  const query = (q.get('query') ?? '').toLowerCase();
  const typeKey = q.get('typeKey');
  const orderBy = q.get('orderBy') ?? 'key';
  const descending = orderBy.startsWith('-');
  const by = orderBy.replace(/^[-+]/, '') === 'name' ? 'name' : 'key';

  const matching = visibleProjects(ctx)
    .filter((p) => keys.size === 0 || keys.has(p.key))
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
    .filter((p) => !typeKey || list([typeKey]).includes(p.projectTypeKey))
    .sort((a, b) => (descending ? -1 : 1) * a[by].localeCompare(b[by]));

  const values = matching.slice(startAt, startAt + maxResults).map((p) => projectJson(ctx, p, expand));
  const isLast = startAt + maxResults >= matching.length;
  const pageUrl = (at: number): string => {
    const params = new URLSearchParams(q);
    params.set('startAt', String(at));
    params.set('maxResults', String(maxResults));
    return `${ctx.base}/rest/api/${ctx.apiVersion}/project/search?${params.toString()}`;
  };
  return json({
    self: pageUrl(startAt),
    ...(isLast ? {} : { nextPage: pageUrl(startAt + maxResults) }),
    maxResults,
    startAt,
    total: matching.length,
    isLast,
    values,
  });
}

/** Data Center `GET /rest/api/2/project`: every visible project, no paging (§4). */
export function listProjects(ctx: RequestContext): Response {
  const expand = list(ctx.url.searchParams.getAll('expand'));
  return json(
    visibleProjects(ctx)
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((p) => projectJson(ctx, p, expand)),
  );
}
