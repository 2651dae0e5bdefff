/**
 * Jira Cloud through jira.js 6 (REST v3, api-facts §8). Every call goes through the shared executor (lane,
 * per-attempt timeout, retry, 429 pause, call records); jira.js's own retry stays off. jira.js takes no
 * AbortSignal (its transport builds the fetch without one), so a timed-out attempt is abandoned, not
 * cancelled: the executor moves on and the socket closes when the server answers.
 */
import {
  bulkFetchIssues,
  createCustomField,
  editIssue,
  getBulkOperationProgress,
  getCurrentUser,
  getFields,
  getScreensForField,
  getServerInfo,
  getUsersFromGroup,
  searchAndReconsileIssuesUsingJqlPost,
  searchProjects,
  submitBulkEdit,
  type JiraIssueFields,
} from 'jira.js/cloud';
import { createClient, type Client } from 'jira.js/core';
import { z } from 'zod';
import { BearingError, errorKind } from '../../../core/errors.js';
import type { Logger } from '../../../core/log.js';
import type { Clock } from '../../../core/time.js';
import type { Executor } from '../../http/index.js';
import { fromJiraJs } from './errors.js';
import type { BulkFieldEdit, CloudWire, JiraField, JiraMember, JiraProject } from './types.js';

/** §1.2: the id/key-only page cap; §4: project pages hold at most 100; group pages 50. */
const KEY_PAGE = 5000;
const PROJECT_PAGE = 100;
const PROJECT_KEYS_PER_CALL = 50;
const GROUP_PAGE = 50;

export interface CloudWireOptions {
  url: string;
  auth: { type: 'basic'; email: string; apiToken: string } | { type: 'bearer'; token: string };
  executor: Executor;
  clock: Clock;
  log: Logger;
  /** jira.js response validation: `throw` in tests (fake drift fails loudly), `warn` (logged) in production. */
  schemaMismatch: 'throw' | 'warn';
}

/** Rejects when the signal aborts (jira.js cannot be told to stop). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

export function createCloudWire(options: CloudWireOptions): CloudWire {
  const host = options.url.replace(/\/+$/, '');
  const client: Client = createClient({
    host,
    auth: options.auth,
    onSchemaMismatch:
      options.schemaMismatch === 'throw'
        ? 'throw'
        : (report) =>
            options.log.warn(
              { endpoint: report.endpoint, issues: report.issues.slice(0, 5) },
              'jira: an answer differs from the schema jira.js knows; using it as it is',
            ),
  });

  /** One jira.js call through the executor, its failures mapped to BearingErrors. */
  const call = <T>(
    endpoint: string,
    method: string,
    path: string,
    run: () => Promise<T>,
    opts: { status?: number; safeToRepeat?: boolean } = {},
  ): Promise<T> => {
    const url = `${host}${path}`;
    return options.executor.call({
      endpoint,
      method,
      url,
      safeToRepeat: opts.safeToRepeat,
      attempt: async (signal) => {
        try {
          return { value: await abortable(run(), signal), status: opts.status ?? 200 };
        } catch (error) {
          throw fromJiraJs(error, method, url, options.clock.now());
        }
      },
    });
  };

  const notFoundAsUndefined = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      if (errorKind(error) === 'notFound') return undefined;
      throw error;
    }
  };

  const field = (f: {
    id?: string;
    name?: string;
    custom?: boolean;
    schema?: { custom?: string; system?: string };
  }): JiraField => ({
    id: f.id ?? '',
    name: f.name ?? '',
    custom: f.custom ?? false,
    typeKey: f.schema?.custom ?? f.schema?.system ?? null,
  });

  const project = (p: { id?: string; key?: string; name?: string }): JiraProject => ({
    id: p.id ?? '',
    key: p.key ?? '',
    name: p.name ?? '',
  });

  /** What the project search must answer; jira.js only warns about drift outside tests. */
  const projectPage = z
    .object({
      values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() }).loose()),
      isLast: z.boolean().optional(),
    })
    .loose();

  async function pagedProjects(keys?: readonly string[]): Promise<JiraProject[]> {
    const out: JiraProject[] = [];
    for (let startAt = 0; ;) {
      const answer: unknown = await call('project-search', 'GET', '/rest/api/3/project/search', () =>
        searchProjects(client, { startAt, maxResults: PROJECT_PAGE, ...(keys ? { keys: [...keys] } : {}) }),
      );
      const parsed = projectPage.safeParse(answer);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BearingError(
          'transient',
          `jira: GET /rest/api/3/project/search answered something that is not a page of projects (${issue?.path.join('.') || 'the body'}: ${issue?.message ?? 'unreadable'}); the projects are listed again next cycle`,
        );
      }
      const page = parsed.data;
      out.push(...page.values.map(project));
      // §4: values over 100 are treated as 100; page on what came back.
      if (page.isLast || page.values.length === 0) return out;
      startAt += page.values.length;
    }
  }

  return {
    deployment: 'cloud',

    async myself() {
      const me = await call('myself', 'GET', '/rest/api/3/myself', () => getCurrentUser(client));
      if (!me.timeZone) {
        throw new BearingError(
          'fatal',
          "jira: GET /rest/api/3/myself did not give the account's time zone, which JQL dates are read in (api-facts §1.1b)",
        );
      }
      return {
        id: me.accountId ?? '',
        displayName: me.displayName ?? me.accountId ?? '',
        email: me.emailAddress ?? null,
        timeZone: me.timeZone,
      };
    },

    async serverInfo() {
      const info = await call('server-info', 'GET', '/rest/api/3/serverInfo', () => getServerInfo(client));
      return {
        baseUrl: info.baseUrl ?? host,
        version: info.version ?? 'unknown',
        deploymentType: info.deploymentType ?? 'Cloud',
        serverTimeMs: info.serverTime?.getTime() ?? null,
      };
    },

    async fields() {
      return (await call('field', 'GET', '/rest/api/3/field', () => getFields(client))).map(field);
    },

    async createField(spec) {
      // Creating is not safe to repeat: a retried POST after a lost answer would make a second field.
      const created = await call(
        'field-create',
        'POST',
        '/rest/api/3/field',
        () => createCustomField(client, spec),
        {
          status: 201,
          safeToRepeat: false,
        },
      );
      return field(created);
    },

    async fieldScreens(fieldId) {
      try {
        const page = await call('field-screens', 'GET', `/rest/api/3/field/${fieldId}/screens`, () =>
          getScreensForField(client, { fieldId, maxResults: 100 }),
        );
        return page.values.map((s) => s.name ?? String(s.id));
      } catch (error) {
        // Reading screens needs Administer Jira; without it bearing cannot tell.
        if (errorKind(error) === 'auth' || errorKind(error) === 'notFound') return undefined;
        throw error;
      }
    },

    async projects(keys) {
      if (!keys) return pagedProjects();
      const out: JiraProject[] = [];
      for (let i = 0; i < keys.length; i += PROJECT_KEYS_PER_CALL) {
        out.push(...(await pagedProjects(keys.slice(i, i + PROJECT_KEYS_PER_CALL))));
      }
      return out;
    },

    async groupMembers(group) {
      return notFoundAsUndefined(async () => {
        const members: JiraMember[] = [];
        for (let startAt = 0; ;) {
          const page = await call('group-member', 'GET', '/rest/api/3/group/member', () =>
            getUsersFromGroup(client, { groupname: group, startAt, maxResults: GROUP_PAGE }),
          );
          for (const user of page.values) {
            if (user.accountId) members.push({ ids: [user.accountId], email: user.emailAddress ?? null });
          }
          if (page.isLast || page.values.length === 0) return members;
          startAt += page.values.length;
        }
      });
    },

    async searchKeys(jql) {
      const page = await call(
        'search',
        'POST',
        '/rest/api/3/search/jql',
        () => searchAndReconsileIssuesUsingJqlPost(client, { jql, fields: ['key'], maxResults: KEY_PAGE }),
        { safeToRepeat: true },
      );
      return (page.issues ?? []).flatMap((i) => (i.key ? [i.key] : []));
    },

    async searchPage(request) {
      // POST: the scope JQL carries user text and can outgrow a URL (§1.2). A search is a read, safe to repeat.
      const page = await call(
        'search',
        'POST',
        '/rest/api/3/search/jql',
        () =>
          searchAndReconsileIssuesUsingJqlPost(client, {
            jql: request.jql,
            fields: request.fields,
            maxResults: request.maxResults,
            ...(request.nextPageToken ? { nextPageToken: request.nextPageToken } : {}),
          }),
        { safeToRepeat: true },
      );
      return {
        issues: page.issues ?? [],
        // §1.3: no token (or null) on the last page; isLast is on every page.
        nextPageToken: page.isLast === true ? undefined : (page.nextPageToken ?? undefined),
        isLast: page.isLast,
      };
    },

    async bulkFetch(issueIds, fields) {
      const answer = await call(
        'issue-bulkfetch',
        'POST',
        '/rest/api/3/issue/bulkfetch',
        () => bulkFetchIssues(client, { issueIdsOrKeys: [...issueIds], fields: [...fields] }),
        { safeToRepeat: true },
      );
      return answer.issues ?? [];
    },

    async editIssue(issueId, fields, notify) {
      await call(
        'issue-edit',
        'PUT',
        `/rest/api/3/issue/${issueId}`,
        () => editIssue(client, { issueIdOrKey: issueId, fields, ...(notify ? {} : { notifyUsers: false }) }),
        { status: 204 },
      );
    },

    async submitBulkEdit(issueIds, edit, notify) {
      const submitted = await call(
        'bulk-edit',
        'POST',
        '/rest/api/3/bulk/issues/fields',
        () =>
          submitBulkEdit(client, {
            selectedIssueIdsOrKeys: [...issueIds],
            selectedActions: [edit.fieldId],
            editedFieldsInput: editedFieldsInput(edit),
            // §10.1: omitted means true (watchers are mailed).
            ...(notify ? {} : { sendBulkNotification: false }),
          }),
        // A write: after a lost answer the task may exist, so it is not submitted again (executor.ts).
        { status: 201 },
      );
      if (!submitted.taskId)
        throw new BearingError('invalidData', 'jira: a bulk edit was accepted without a task id');
      return submitted.taskId;
    },

    async bulkProgress(taskId) {
      const progress = await call('bulk-queue', 'GET', `/rest/api/3/bulk/queue/${taskId}`, () =>
        getBulkOperationProgress(client, { taskId }),
      );
      const failed: Record<string, string[]> = {};
      for (const [id, reasons] of Object.entries(progress.failedAccessibleIssues ?? {})) {
        failed[id] = Array.isArray(reasons) ? reasons.map(String) : [String(reasons)];
      }
      return {
        status: progress.status ?? 'ENQUEUED',
        // §10.1: numeric issue ids, not keys.
        processed: (progress.processedAccessibleIssues ?? []).map(String),
        failed,
        ...(progress.progressPercent === undefined ? {} : { progressPercent: progress.progressPercent }),
        ...epochMs({ created: progress.created, started: progress.started, updated: progress.updated }),
      };
    },
  };
}

/**
 * §10.1: timestamps come as epoch ms in every example, date-time strings in the schema; jira.js coerces both
 * to Dates. Unreadable ones are left out (they only time the polls).
 */
function epochMs(
  stamps: Record<'created' | 'started' | 'updated', Date | undefined>,
): Partial<Record<'created' | 'started' | 'updated', number>> {
  const out: Partial<Record<'created' | 'started' | 'updated', number>> = {};
  for (const [key, value] of Object.entries(stamps) as ['created' | 'started' | 'updated', unknown][]) {
    const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : NaN;
    if (Number.isFinite(ms)) out[key] = ms;
  }
  return out;
}

/** §10.1: one `editedFieldsInput` bean per field type; labels replace the whole list (or clear it). */
function editedFieldsInput(edit: BulkFieldEdit): JiraIssueFields {
  switch (edit.kind) {
    case 'number':
      return { clearableNumberFields: [{ fieldId: edit.fieldId, value: edit.value }] };
    case 'text':
      return { singleLineTextFields: [{ fieldId: edit.fieldId, text: edit.text }] };
    case 'labels':
      return {
        labelsFields: [
          {
            fieldId: edit.fieldId,
            labels: edit.labels.map((name) => ({ name })),
            bulkEditMultiSelectFieldOption: edit.labels.length > 0 ? 'REPLACE' : 'REMOVE_ALL',
          },
        ],
      };
  }
}
