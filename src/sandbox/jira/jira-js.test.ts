/**
 * jira.js 6.2 (bearing's Cloud client, api-facts §8) against the fake, through msw. Every response is
 * validated with `onSchemaMismatch: 'throw'`, and jira.js's schema audit (`AUDIT_SCHEMAS=true`, which makes
 * its response schemas strict) records any key the fake sends that Atlassian's spec does not describe, so a
 * fake that drifts from the real shapes fails here.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { mswHandlers, unhandledRequestPolicy } from '../http/index.js';
import {
  CLOUD_BASE,
  DEFAULT_BOT,
  createFakeJiraInjector,
  manualClock,
  seedPerson,
  seedTicket,
  seedTickets,
} from './index.js';

// jira.js builds its schemas when imported, so the audit switch must be set before the import.
process.env.AUDIT_SCHEMAS = 'true';
const { createCloudClient, isRateLimitError, isApiError, isAuthError } = await import('jira.js');

interface Drift {
  endpoint: string;
  keys?: string[];
}
/**
 * Keys real Jira sends beyond the spec, which the fake sends on purpose (§10.1): `ended: null` on a completed
 * bulk task (observed live) and the top-level `expand` of a bulkfetch answer (Atlassian's own example).
 */
const KNOWN_DRIFT = [
  /^GET \/rest\/api\/3\/bulk\/queue\/.*:ended$/,
  /^POST \/rest\/api\/3\/issue\/bulkfetch:expand$/,
];
const drift = (): string[] =>
  ((globalThis as Record<symbol, Drift[] | undefined>)[Symbol.for('apis-code-gen.schemaAudit')] ?? [])
    .flatMap((d) => (d.keys ?? ['<value>']).map((key) => `${d.endpoint}:${key}`))
    .filter((entry) => !KNOWN_DRIFT.some((known) => known.test(entry)));

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const clock = manualClock(Date.UTC(2026, 10, 20, 12, 0));
const { state, injector } = createFakeJiraInjector({
  flavour: 'cloud',
  now: clock.now,
  projects: [{ key: 'OPS', name: 'Operations', leadId: 'p1', category: { id: '10000', name: 'IT' } }],
});
state.load(
  [seedPerson('p1', { jiraGroups: ['leadership'] }), seedPerson('p2', { email: null })],
  [
    seedTicket('OPS-1', { issueType: 'Epic', description: 'Epic text.' }),
    ...seedTickets('OPS', 130)
      .slice(1)
      .map((t) => ({ ...t, epicKey: 'OPS-1', requesterId: 'p2', storyPoints: 3 })),
    seedTicket('HR-1', {
      status: 'done',
      resolved: Date.UTC(2026, 10, 5),
      duplicateOf: ['OPS-2'],
      labels: ['vip'],
    }),
  ],
);

const msw = setupServer(...mswHandlers(injector, CLOUD_BASE));
const jira = createCloudClient({
  host: CLOUD_BASE,
  auth: { type: 'basic', email: DEFAULT_BOT.email ?? '', apiToken: DEFAULT_BOT.apiToken ?? '' },
  onSchemaMismatch: 'throw',
});

beforeAll(() => msw.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => {
  injector.setFaults([]);
  expect(drift()).toEqual([]);
});
afterAll(() => {
  msw.close();
  delete process.env.AUDIT_SCHEMAS;
});

describe('jira.js 6.2 against the fake Jira Cloud', () => {
  it('walks the enhanced search with GET and POST and counts', async () => {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await jira.issueSearch.searchAndReconsileIssuesUsingJql({
        jql: 'project in (OPS, HR) ORDER BY key ASC',
        fields: [
          'summary',
          'status',
          'description',
          'reporter',
          'parent',
          'issuelinks',
          'customfield_10016',
          'updated',
        ],
        maxResults: 500,
        nextPageToken,
      });
      keys.push(...(page.issues ?? []).map((i) => i.key ?? ''));
      nextPageToken = page.nextPageToken ?? undefined;
      if (!nextPageToken) expect(page.isLast).toBe(true);
    } while (nextPageToken);
    expect(keys).toHaveLength(131);
    expect(keys[0]).toBe('HR-1');

    const posted = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
      jql: 'project = OPS AND statusCategory = "To Do"',
      fields: ['id'],
      maxResults: 5000,
    });
    expect(posted.issues).toHaveLength(130);
    expect(posted.issues?.[0]).toEqual({ id: expect.any(String) });
    expect(await jira.issueSearch.countIssues({ jql: 'project = OPS' })).toEqual({ count: 130 });
  });

  it('reads fields, creates a custom field, and reads its contexts', async () => {
    const fields = await jira.issueFields.getFields();
    expect(fields.find((f) => f.id === 'customfield_10016')?.name).toBe('Story point estimate');
    const created = await jira.issueFields.createCustomField({
      name: 'Alignment Score',
      type: `${T}float`,
      searcherKey: `${T}exactnumber`,
    });
    expect(created.id).toMatch(/^customfield_1\d{4}$/);
    const contexts = await jira.issueCustomFieldContexts.getContextsForField({ fieldId: created.id ?? '' });
    expect(contexts.values[0]?.isGlobalContext).toBe(true);
    const screens = await jira.screens.getScreensForField({ fieldId: created.id ?? '' });
    expect(screens.values).toEqual([]);
  });

  it('searches projects, reads the caller, group members and server info', async () => {
    const projects = await jira.projects.searchProjects({
      maxResults: 1,
      expand: 'lead,description,insight',
    });
    expect(projects).toMatchObject({ total: 2, isLast: false, maxResults: 1 });
    expect(projects.values[0]?.key).toBe('HR');
    const me = await jira.myself.getCurrentUser();
    expect(me.timeZone).toBe('Europe/Berlin');
    const members = await jira.groups.getUsersFromGroup({ groupname: 'leadership' });
    expect(members.values).toHaveLength(1);
    const info = await jira.serverInfo.getServerInfo();
    expect(info.deploymentType).toBe('Cloud');
  });

  it('edits an issue, bulk edits others, and fetches them in bulk', async () => {
    const score = (await jira.issueFields.getFields()).find((f) => f.name === 'Alignment Score')?.id ?? '';
    await expect(
      jira.issues.editIssue({ issueIdOrKey: 'OPS-2', fields: { [score]: 91 }, notifyUsers: false }),
    ).resolves.toBeUndefined();
    expect(state.valueOf('OPS-2', score)).toBe(91);

    const { taskId } = await jira.issueBulkOperations.submitBulkEdit({
      selectedIssueIdsOrKeys: ['OPS-3', 'OPS-4'],
      selectedActions: [score],
      editedFieldsInput: { clearableNumberFields: [{ fieldId: score, value: 12 }] },
      sendBulkNotification: false,
    });
    clock.advance(1000);
    const progress = await jira.issueBulkOperations.getBulkOperationProgress({ taskId: taskId ?? '' });
    expect(progress.status).toBe('COMPLETE');
    expect(progress.processedAccessibleIssues).toHaveLength(2);

    const fetched = await jira.issues.bulkFetchIssues({
      issueIdsOrKeys: ['OPS-4', 'OPS-3', 'NOPE-1'],
      fields: [score],
    });
    expect(fetched.issues?.map((i) => i.fields?.[score])).toEqual([12, 12]);
  });

  it('surfaces the fake answers as jira.js error kinds', async () => {
    const unbounded = await jira.issueSearch
      .searchAndReconsileIssuesUsingJql({ jql: 'order by key' })
      .catch((e: unknown) => e);
    expect(isApiError(unbounded) && unbounded.status).toBe(400);

    injector.setFaults([{ endpoint: 'search', knobs: { ratePerSecond: 0, retryAfterSeconds: 3 } }]);
    const limited = await jira.issueSearch
      .searchAndReconsileIssuesUsingJql({ jql: 'project = OPS' })
      .catch((e: unknown) => e);
    expect(isRateLimitError(limited) && limited.retryAfterMs).toBe(3000);

    const stranger = createCloudClient({
      host: CLOUD_BASE,
      auth: { type: 'basic', email: 'someone@acme.example', apiToken: 'no' },
    });
    expect(isAuthError(await stranger.myself.getCurrentUser().catch((e: unknown) => e))).toBe(true);
  });
});
