/**
 * Jira Data Center / Server through the shared axios client (REST v2, api-facts §1.5, §4, §5.4): Bearer
 * PAT, offset-paged search, wiki-markup text. jira.js 6 is Cloud-only (§8). Answers are read with small
 * lenient zod schemas (only what bearing uses).
 */
import { z } from 'zod';
import { BearingError, errorKind } from '../../../core/errors.js';
import type { Clock } from '../../../core/time.js';
import { createHttpClient, type Executor, type HttpAuth } from '../../http/index.js';
import { jiraHint } from './errors.js';
import type {
  DataCenterWire,
  Deployment,
  JiraField,
  JiraMember,
  OffsetPage,
  SearchRequest,
} from './types.js';

/** §1.5: DC search pages are capped at 1,000 (`jira.search.views.max.limit`). Group pages hold 50. */
const KEY_PAGE = 1000;
const GROUP_PAGE = 50;

export interface DataCenterWireOptions {
  url: string;
  auth: HttpAuth;
  executor: Executor;
  clock: Clock;
  rejectUnauthorized: boolean;
  /** Which 401 advice to give: `unknown` while the deployment is being detected. */
  hintFor: Deployment | 'unknown';
}

const myselfSchema = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().nullish(),
  timeZone: z.string().optional(),
});
const serverInfoSchema = z.object({
  baseUrl: z.string().optional(),
  version: z.string().optional(),
  deploymentType: z.string().optional(),
  serverTime: z.string().optional(),
});
const fieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.object({ custom: z.string().optional(), system: z.string().optional() }).optional(),
});
const projectSchema = z.object({ id: z.string(), key: z.string(), name: z.string().optional() });
const memberPageSchema = z.object({
  isLast: z.boolean().optional(),
  values: z.array(
    z.object({ name: z.string().optional(), key: z.string().optional(), emailAddress: z.string().nullish() }),
  ),
});
const searchSchema = z.object({
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  issues: z.array(z.unknown()),
});

export function createDataCenterWire(options: DataCenterWireOptions): DataCenterWire {
  const http = createHttpClient({
    system: 'jira',
    baseUrl: options.url,
    auth: options.auth,
    executor: options.executor,
    rejectUnauthorized: options.rejectUnauthorized,
    hint: (status) => jiraHint(options.hintFor, status),
    now: () => options.clock.now(),
  });

  /** A request whose answer must have a shape; a different one is invalid data, not a crash later. */
  async function get<S extends z.ZodType>(
    endpoint: string,
    path: string,
    schema: S,
    params?: Record<string, string | number | boolean | undefined>,
  ): Promise<z.infer<S>> {
    const response = await http.request({ endpoint, method: 'GET', path, params });
    return parse(schema, response.data, `GET ${path}`);
  }

  function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new BearingError(
      'invalidData',
      `jira: ${what} answered an unexpected body: ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? ''}`,
    );
  }

  async function searchOffset(request: SearchRequest & { startAt: number }): Promise<OffsetPage> {
    // POST: the JQL carries user text and can outgrow a URL; a search is a read, safe to repeat.
    const response = await http.request({
      endpoint: 'search',
      method: 'POST',
      path: '/rest/api/2/search',
      data: {
        jql: request.jql,
        startAt: request.startAt,
        maxResults: request.maxResults,
        fields: request.fields,
      },
      safeToRepeat: true,
    });
    return parse(searchSchema, response.data, 'POST /rest/api/2/search');
  }

  const field = (f: z.infer<typeof fieldSchema>): JiraField => ({
    id: f.id,
    name: f.name,
    custom: f.custom ?? false,
    typeKey: f.schema?.custom ?? f.schema?.system ?? null,
  });

  return {
    deployment: 'datacenter',

    async myself() {
      const me = await get('myself', '/rest/api/2/myself', myselfSchema);
      if (!me.timeZone) {
        throw new BearingError(
          'fatal',
          "jira: GET /rest/api/2/myself did not give the account's time zone, which JQL dates are read in (api-facts §1.1b)",
        );
      }
      return {
        id: me.name,
        displayName: me.displayName ?? me.name,
        email: me.emailAddress ?? null,
        timeZone: me.timeZone,
      };
    },

    async serverInfo() {
      const info = await get('server-info', '/rest/api/2/serverInfo', serverInfoSchema);
      return {
        baseUrl: info.baseUrl ?? options.url,
        version: info.version ?? 'unknown',
        deploymentType: info.deploymentType ?? 'Server',
        serverTimeMs: info.serverTime === undefined ? null : Date.parse(info.serverTime) || null,
      };
    },

    async fields() {
      return (await get('field', '/rest/api/2/field', z.array(fieldSchema))).map(field);
    },

    async createField(spec) {
      const response = await http.request({
        endpoint: 'field-create',
        method: 'POST',
        path: '/rest/api/2/field',
        data: spec,
        safeToRepeat: false,
      });
      return field(parse(fieldSchema, response.data, 'POST /rest/api/2/field'));
    },

    // The DC REST API lists screens only per screen, not per field; bearing cannot tell cheaply.
    fieldScreens: () => Promise.resolve(undefined),

    async projects(keys) {
      // §4: DC has no /project/search; GET /project is every visible project in one answer.
      const all = (await get('project', '/rest/api/2/project', z.array(projectSchema))).map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name ?? p.key,
      }));
      if (!keys) return all;
      const wanted = new Set(keys.map((k) => k.toUpperCase()));
      return all.filter((p) => wanted.has(p.key.toUpperCase()));
    },

    async groupMembers(group) {
      const members: JiraMember[] = [];
      try {
        for (let startAt = 0; ;) {
          const page = await get('group-member', '/rest/api/2/group/member', memberPageSchema, {
            groupname: group,
            startAt,
            maxResults: GROUP_PAGE,
          });
          for (const user of page.values) {
            const ids = [user.key, user.name].filter((v): v is string => v !== undefined);
            if (ids.length > 0) members.push({ ids, email: user.emailAddress ?? null });
          }
          if (page.isLast !== false || page.values.length === 0) return members;
          startAt += page.values.length;
        }
      } catch (error) {
        if (errorKind(error) === 'notFound') return undefined;
        throw error;
      }
    },

    async searchKeys(jql) {
      const page = await searchOffset({ jql, fields: ['key'], maxResults: KEY_PAGE, startAt: 0 });
      return page.issues.flatMap((i) => {
        const key = (i as { key?: unknown }).key;
        return typeof key === 'string' ? [key] : [];
      });
    },

    searchOffset,

    async editIssue(issueId, fields, notify) {
      await http.request({
        endpoint: 'issue-edit',
        method: 'PUT',
        path: `/rest/api/2/issue/${issueId}`,
        params: notify ? undefined : { notifyUsers: false },
        data: { fields },
      });
    },
  };
}
