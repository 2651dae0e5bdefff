/**
 * One table of routes: method, path, flavour, whether anonymous callers are served, the endpoint class
 * used for call counts and fault rules, and the handler. Paths are matched from `/rest/` on, so the same
 * table serves the site URL, the Cloud gateway (`/ex/jira/{cloudId}/rest/…`) and a Data Center context path.
 */
import { bulkEditableFields, bulkProgress, submitBulkEdit } from './bulk.js';
import type { RequestContext } from './context.js';
import { deleteIssue, editIssue } from './edit.js';
import { createField, fieldContexts, fieldScreens, listFields } from './field-api.js';
import { bulkfetch, getIssue } from './issues.js';
import { listProjects, searchProjects } from './projects.js';
import { REMOVED_SEARCH_BODY, type SearchEngine } from './search.js';
import { serverInfo, tenantInfo } from './site.js';
import type { JiraFlavour } from './types.js';
import { groupMembers, myself } from './users.js';
import { json, unauthenticated } from './wire.js';

export interface Route {
  /** Endpoint class for call counts and per-endpoint faults (FakeService.endpointOf). */
  endpoint: string;
  method: string;
  path: RegExp;
  flavours: JiraFlavour[];
  /** Whether a request without credentials is served (else 401). */
  anonymous: boolean;
  handle(ctx: RequestContext): Response | Promise<Response>;
}

const CLOUD: JiraFlavour[] = ['cloud'];
const DC: JiraFlavour[] = ['datacenter'];
const BOTH: JiraFlavour[] = ['cloud', 'datacenter'];

const withAccount =
  (handler: (ctx: RequestContext, account: NonNullable<RequestContext['account']>) => Response) =>
  (ctx: RequestContext): Response =>
    ctx.account ? handler(ctx, ctx.account) : unauthenticated();

export function routes(search: SearchEngine): Route[] {
  const route = (
    endpoint: string,
    method: string,
    path: RegExp,
    flavours: JiraFlavour[],
    anonymous: boolean,
    handle: Route['handle'],
  ): Route => ({ endpoint, method, path, flavours, anonymous, handle });
  return [
    // §1.2: the enhanced search "can be accessed anonymously"; the v2 flavour answers wiki text (§1.1).
    route('search', 'GET', /^\/rest\/api\/[23]\/search\/jql$/, CLOUD, true, (c) => search.searchJql(c)),
    route('search', 'POST', /^\/rest\/api\/[23]\/search\/jql$/, CLOUD, true, (c) => search.searchJql(c)),
    route('search-count', 'POST', /^\/rest\/api\/3\/search\/approximate-count$/, CLOUD, true, (c) =>
      search.approximateCount(c),
    ),
    // §1.1: the removed search answers 410 with the CHANGE-2046 body, credentials or not.
    route('search-removed', 'GET', /^\/rest\/api\/[23]\/search$/, CLOUD, true, () =>
      json(REMOVED_SEARCH_BODY, 410),
    ),
    route('search-removed', 'POST', /^\/rest\/api\/[23]\/search$/, CLOUD, true, () =>
      json(REMOVED_SEARCH_BODY, 410),
    ),
    route('search', 'GET', /^\/rest\/api\/2\/search$/, DC, true, (c) => search.searchDataCenter(c)),
    route('search', 'POST', /^\/rest\/api\/2\/search$/, DC, true, (c) => search.searchDataCenter(c)),
    route('issue-bulkfetch', 'POST', /^\/rest\/api\/3\/issue\/bulkfetch$/, CLOUD, true, bulkfetch),
    route('bulk-edit', 'POST', /^\/rest\/api\/3\/bulk\/issues\/fields$/, CLOUD, false, submitBulkEdit),
    route('bulk-fields', 'GET', /^\/rest\/api\/3\/bulk\/issues\/fields$/, CLOUD, false, bulkEditableFields),
    route('bulk-queue', 'GET', /^\/rest\/api\/3\/bulk\/queue\/([^/]+)$/, CLOUD, false, bulkProgress),
    route('issue', 'GET', /^\/rest\/api\/[23]\/issue\/([^/]+)$/, BOTH, true, getIssue),
    route('issue-edit', 'PUT', /^\/rest\/api\/[23]\/issue\/([^/]+)$/, BOTH, false, editIssue),
    route('issue-delete', 'DELETE', /^\/rest\/api\/[23]\/issue\/([^/]+)$/, BOTH, false, deleteIssue),
    route('field', 'GET', /^\/rest\/api\/[23]\/field$/, BOTH, false, listFields),
    route('field-create', 'POST', /^\/rest\/api\/[23]\/field$/, BOTH, false, createField),
    route('field-context', 'GET', /^\/rest\/api\/3\/field\/([^/]+)\/context$/, CLOUD, false, fieldContexts),
    route('field-screens', 'GET', /^\/rest\/api\/3\/field\/([^/]+)\/screens$/, CLOUD, false, fieldScreens),
    route('project-search', 'GET', /^\/rest\/api\/[23]\/project\/search$/, CLOUD, true, searchProjects),
    route('project', 'GET', /^\/rest\/api\/2\/project$/, DC, true, listProjects),
    route('group-member', 'GET', /^\/rest\/api\/[23]\/group\/member$/, BOTH, false, groupMembers),
    route('myself', 'GET', /^\/rest\/api\/[23]\/myself$/, BOTH, false, withAccount(myself)),
    route('server-info', 'GET', /^\/rest\/api\/[23]\/serverInfo$/, BOTH, true, serverInfo),
    route('tenant-info', 'GET', /^\/_edge\/tenant_info$/, CLOUD, true, tenantInfo),
  ];
}
