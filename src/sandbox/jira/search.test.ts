import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  REMOVED_SEARCH_BODY,
  UNBOUNDED_MESSAGE,
  call,
  createFakeJira,
  manualClock,
  seedPerson,
  seedTicket,
  seedTickets,
  type FakeJiraOptions,
} from './index.js';

function cloud(options: Partial<FakeJiraOptions> = {}) {
  const fake = createFakeJira({ flavour: 'cloud', ...options });
  fake.state.load([seedPerson('p1')], []);
  return fake;
}

const search = (jql: string, extra = ''): string =>
  `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`;

describe('Cloud enhanced search paging', () => {
  it('walks GET pages of at most 100 issues with nextPageToken, isLast on every page and no total', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 250));
    const keys: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    for (;;) {
      const tokenParam = token ? `&nextPageToken=${encodeURIComponent(token)}` : '';
      const page = await call(
        service,
        'GET',
        search('project = OPS ORDER BY key ASC', `&fields=summary&maxResults=1000${tokenParam}`),
      );
      expect(page.status).toBe(200);
      expect(page.body).not.toHaveProperty('total');
      expect(page.body).not.toHaveProperty('startAt');
      expect(typeof page.body.isLast).toBe('boolean');
      sizes.push(page.body.issues.length);
      keys.push(...page.body.issues.map((i: { key: string }) => i.key));
      if (page.body.isLast) {
        expect(page.body).not.toHaveProperty('nextPageToken');
        break;
      }
      token = page.body.nextPageToken;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(keys).toEqual(Array.from({ length: 250 }, (_, i) => `OPS-${i + 1}`));
  });

  it('walks POST pages with the same token semantics and the default page of 50', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 120));
    const seen: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await call(service, 'POST', '/rest/api/3/search/jql', {
        body: { jql: 'project = OPS ORDER BY key ASC', fields: ['summary', 'updated'], nextPageToken },
      });
      seen.push(...page.body.issues.map((i: { key: string }) => i.key));
      nextPageToken = page.body.nextPageToken;
    } while (nextPageToken);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('answers bare ids by default and pages of 5,000 when only ids are asked for', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('BIG', 6000));
    const first = await call(service, 'GET', search('project = BIG', '&maxResults=10000'));
    expect(first.body.issues).toHaveLength(5000);
    expect(first.body.issues[0]).toEqual({ id: expect.any(String) });
    expect(first.body.isLast).toBe(false);
    const second = await call(
      service,
      'GET',
      search(
        'project = BIG',
        `&maxResults=10000&nextPageToken=${encodeURIComponent(first.body.nextPageToken)}`,
      ),
    );
    expect(second.body.issues).toHaveLength(1000);
    expect(second.body.isLast).toBe(true);
    const withKey = await call(service, 'GET', search('project = BIG', '&fields=id,key&maxResults=10000'));
    expect(withKey.body.issues).toHaveLength(5000);
  });

  it('honours a configured content page cap', async () => {
    const { service, state } = cloud({ contentPageCap: 20 });
    state.load([], seedTickets('OPS', 30));
    const page = await call(service, 'GET', search('project = OPS', '&fields=summary&maxResults=100'));
    expect(page.body.issues).toHaveLength(20);
  });

  it('rejects a token that is unknown, belongs to another query, or is older than 7 days', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 20));
    const { service, state } = cloud({ now: clock.now });
    state.load([], seedTickets('OPS', 5));
    const first = await call(service, 'GET', search('project = OPS', '&maxResults=2'));
    const token = encodeURIComponent(first.body.nextPageToken);
    expect((await call(service, 'GET', search('project = OPS', '&nextPageToken=garbage'))).status).toBe(400);
    expect((await call(service, 'GET', search('key = OPS-1', `&nextPageToken=${token}`))).status).toBe(400);
    clock.advance(8 * 86_400_000);
    const expired = await call(
      service,
      'GET',
      search('project = OPS', `&maxResults=2&nextPageToken=${token}`),
    );
    expect(expired.status).toBe(400);
    expect(expired.body.errorMessages[0]).toMatch(/nextPageToken/);
  });

  it('moves an issue edited during a walk ordered by updated to the end, as keyset paging does', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 4));
    const jql = 'project = OPS ORDER BY updated ASC';
    const first = await call(service, 'GET', search(jql, '&fields=updated&maxResults=2'));
    expect(first.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-1', 'OPS-2']);
    state.editAsHuman('OPS-1', { summary: 'touched' });
    const rest = await call(
      service,
      'GET',
      search(
        jql,
        `&fields=updated&maxResults=10&nextPageToken=${encodeURIComponent(first.body.nextPageToken)}`,
      ),
    );
    expect(rest.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-3', 'OPS-4', 'OPS-1']);
  });
});

describe('Cloud search rules', () => {
  it('answers the removed /search endpoints with 410 and the CHANGE-2046 body', async () => {
    const { service } = cloud();
    for (const path of ['/rest/api/3/search?jql=project%3DOPS', '/rest/api/2/search?jql=project%3DOPS']) {
      const res = await call(service, 'GET', path);
      expect(res.status).toBe(410);
      expect(res.body).toEqual(REMOVED_SEARCH_BODY);
    }
    const post = await call(service, 'POST', '/rest/api/3/search', { body: { jql: 'project = OPS' } });
    expect(post.status).toBe(410);
    expect(post.text).toBe(JSON.stringify(REMOVED_SEARCH_BODY));
  });

  it('refuses unbounded JQL with the real message', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 1));
    for (const jql of ['order by key desc', '']) {
      const res = await call(service, 'GET', search(jql));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errorMessages: [UNBOUNDED_MESSAGE], errors: {} });
    }
    const count = await call(service, 'POST', '/rest/api/3/search/approximate-count', {
      body: { jql: 'ORDER BY key' },
    });
    expect(count.status).toBe(400);
  });

  it('answers JQL errors with Jira-style messages', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 2));
    const message = async (jql: string): Promise<string> =>
      (await call(service, 'GET', search(jql))).body.errorMessages[0] as string;
    expect(await message('project = NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(await message('key in (OPS-1, OPS-99)')).toBe(
      "An issue with key 'OPS-99' does not exist for field 'key'.",
    );
    expect(await message('bogus = 1')).toBe(
      "Field 'bogus' does not exist or you do not have permission to view it.",
    );
    expect(await message('project = OPS AND updated >= "2026/13/01"')).toMatch(
      /^Date value '2026\/13\/01' for field 'updated' is invalid/,
    );
    expect(await message('project OPS')).toMatch(/^Error in the JQL Query: Expecting operator but got 'OPS'/);
    expect(await message('project = OPS ORDER BY a, b, c, d, e, f, g, h')).toMatch(/maximum of 7/);
  });

  it('reads date literals in the API user time zone at minute precision', async () => {
    const { service, state } = cloud({ timeZone: 'America/Chicago' });
    state.load(
      [],
      [
        seedTicket('OPS-1', { updated: Date.UTC(2026, 10, 20, 15, 30) }), // 09:30 in Chicago
        seedTicket('OPS-2', { updated: Date.UTC(2026, 10, 20, 14, 0) }), // 08:00 in Chicago
      ],
    );
    const keys = async (jql: string): Promise<string[]> =>
      (await call(service, 'GET', search(jql, '&fields=key'))).body.issues.map((i: { key: string }) => i.key);
    expect(await keys('project = OPS AND updated >= "2026/11/20 09:00" ORDER BY key')).toEqual(['OPS-1']);
    expect(await keys('project = OPS AND updated >= "2026-11-20 08:00" ORDER BY key')).toEqual([
      'OPS-1',
      'OPS-2',
    ]);
    expect(await keys(`project = OPS AND updated < ${Date.UTC(2026, 10, 20, 15, 0)} ORDER BY key`)).toEqual([
      'OPS-2',
    ]);
    const myself = await call(service, 'GET', '/rest/api/3/myself');
    expect(myself.body.timeZone).toBe('America/Chicago');
  });

  it('combines AND, OR, NOT, parentheses, lists and statusCategory', async () => {
    const { service, state } = cloud();
    state.load(
      [],
      [
        seedTicket('OPS-1', { status: 'done' }),
        seedTicket('OPS-2', { status: 'doing', labels: ['vip'] }),
        seedTicket('SHOP-1', { status: 'todo' }),
        seedTicket('HR-1', { status: 'done' }),
      ],
    );
    const keys = async (jql: string): Promise<string[]> =>
      (await call(service, 'GET', search(jql, '&fields=key'))).body.issues
        .map((i: { key: string }) => i.key)
        .sort();
    expect(await keys('project in (OPS, SHOP) AND statusCategory != Done')).toEqual(['OPS-2', 'SHOP-1']);
    expect(await keys('(project = OPS AND labels = vip) OR project = HR')).toEqual(['HR-1', 'OPS-2']);
    expect(await keys('statusCategory in ("To Do", indeterminate) AND NOT project = SHOP')).toEqual([
      'OPS-2',
    ]);
    expect(await keys('key in (OPS-1, hr-1)')).toEqual(['HR-1', 'OPS-1']);
    expect(await keys(`id = ${state.issue('SHOP-1')?.id ?? ''}`)).toEqual(['SHOP-1']);
  });

  it('orders by several fields, dates newest first unless told otherwise', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 3));
    const keys = async (jql: string): Promise<string[]> =>
      (await call(service, 'GET', search(jql, '&fields=key'))).body.issues.map((i: { key: string }) => i.key);
    expect(await keys('project = OPS ORDER BY updated')).toEqual(['OPS-3', 'OPS-2', 'OPS-1']);
    expect(await keys('project = OPS ORDER BY updated ASC, key DESC')).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
  });

  it('counts approximately through POST search/approximate-count', async () => {
    const { service, state } = cloud();
    state.load([], [...seedTickets('OPS', 7), ...seedTickets('HR', 2)]);
    const res = await call(service, 'POST', '/rest/api/3/search/approximate-count', {
      body: { jql: 'project = OPS' },
    });
    expect(res.body).toEqual({ count: 7 });
  });

  it('serves anonymous callers only public projects', async () => {
    const { service, state } = cloud({ publicProjects: ['PUB'] });
    state.load([], [...seedTickets('OPS', 2), ...seedTickets('PUB', 1)]);
    const res = await call(service, 'GET', search('project in (OPS, PUB)', '&fields=key'), {
      headers: ANONYMOUS,
    });
    expect(res.status).toBe(200);
    expect(res.body.issues.map((i: { key: string }) => i.key)).toEqual(['PUB-1']);
  });
});

describe('issue JSON in search results', () => {
  it('renders v3 descriptions as ADF and v2 descriptions as wiki text, with Jira timestamps', async () => {
    const { service, state } = cloud({ timeZone: 'Europe/Berlin' });
    state.load(
      [],
      [
        seedTicket('OPS-1', {
          description: 'First line.\n\n- one\n- two',
          updated: Date.UTC(2026, 10, 20, 9, 14, 55, 123),
        }),
      ],
    );
    const v3 = await call(service, 'GET', search('key = OPS-1', '&fields=description,updated'));
    const issue = v3.body.issues[0];
    expect(issue.id).toEqual(expect.any(String));
    expect(issue.fields.description).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First line.' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
          ],
        },
      ],
    });
    expect(issue.fields.updated).toBe('2026-11-20T10:14:55.123+0100');
    const v2 = await call(service, 'GET', `/rest/api/2/search/jql?jql=key%20%3D%20OPS-1&fields=description`);
    expect(v2.body.issues[0].fields.description).toBe('First line.\r\n\r\n* one\r\n* two');
  });

  it('shapes status, priority, issuetype, people, parent, links and custom fields as §2 says', async () => {
    const { service, state } = cloud();
    state.load(
      [seedPerson('p2', { email: null, name: 'Hidden Mail' })],
      [
        seedTicket('OPS-1', { issueType: 'Epic' }),
        seedTicket('OPS-2', {
          epicKey: 'OPS-1',
          requesterId: 'p2',
          status: 'doing',
          storyPoints: 5,
          duplicateOf: ['OPS-3'],
        }),
        seedTicket('OPS-3', {
          status: 'done',
          resolved: Date.UTC(2026, 10, 2),
          originalEstimateSeconds: 3600 * 12,
        }),
      ],
    );
    const res = await call(service, 'GET', search('project = OPS ORDER BY key', '&fields=*all'));
    const [epic, story, dup] = res.body.issues;
    expect(epic.fields.issuetype).toMatchObject({ name: 'Epic', hierarchyLevel: 1, subtask: false });
    expect(story.fields.parent).toMatchObject({ key: 'OPS-1', fields: { summary: 'Work item OPS-1' } });
    expect(story.fields.status.statusCategory).toMatchObject({
      id: 4,
      key: 'indeterminate',
      name: 'In Progress',
    });
    expect(typeof story.fields.status.id).toBe('string');
    expect(story.fields.priority).toMatchObject({ id: '3', name: 'Medium' });
    expect(story.fields.reporter).toMatchObject({
      accountId: expect.any(String),
      displayName: 'Hidden Mail',
    });
    expect(story.fields.reporter).not.toHaveProperty('emailAddress');
    expect(story.fields.assignee).toBeNull();
    expect(story.fields.customfield_10016).toBe(5);
    expect(story.fields.issuelinks[0]).toMatchObject({
      type: { name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
      outwardIssue: { key: 'OPS-3' },
    });
    expect(dup.fields.issuelinks[0]).toMatchObject({ inwardIssue: { key: 'OPS-2' } });
    expect(dup.fields.customfield_10016).toBeNull();
    expect(dup.fields.timeoriginalestimate).toBe(43200);
    expect(dup.fields.timetracking).toMatchObject({
      originalEstimate: '1d 4h',
      originalEstimateSeconds: 43200,
    });
    expect(dup.fields.resolution).toMatchObject({ name: 'Done' });
    expect(epic.fields.labels).toEqual([]);
    expect(epic.self).toBe(`https://acme.atlassian.net/rest/api/3/issue/${epic.id}`);
  });

  it('returns names and schema maps on the page when expanded', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 1));
    const res = await call(
      service,
      'GET',
      search('project = OPS', '&fields=summary,customfield_10016&expand=names,schema'),
    );
    expect(res.body.names).toEqual({ summary: 'Summary', customfield_10016: 'Story point estimate' });
    expect(res.body.schema.customfield_10016).toMatchObject({ type: 'number', customId: 10016 });
  });

  it('lets a test inject records that violate the schema', async () => {
    const { service, state } = cloud();
    state.load([], seedTickets('OPS', 2));
    state.corrupt('OPS-1', (wire) => {
      wire.id = 12345;
      delete (wire.fields as Record<string, unknown>).summary;
    });
    const res = await call(service, 'GET', search('project = OPS ORDER BY key ASC', '&fields=summary'));
    expect(res.body.issues[0].id).toBe(12345);
    expect(res.body.issues[0].fields).not.toHaveProperty('summary');
    expect(res.body.issues[1].fields.summary).toBe('Work item OPS-2');
  });
});

describe('eventual consistency', () => {
  it('shows a just-edited issue with its old values until the lag passes, unless reconciled', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 20, 12, 0));
    const { service, state } = cloud({ now: clock.now, searchLagMs: 5000 });
    state.load([], seedTickets('OPS', 2));
    state.createField({
      id: 'customfield_10100',
      name: 'Alignment Score',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
    });
    const before = state.issue('OPS-1')?.updated;
    clock.advance(60_000);
    const put = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { customfield_10100: 80 } },
    });
    expect(put.status).toBe(204);
    const id = state.issue('OPS-1')?.id ?? '';
    const query = search('key = OPS-1', '&fields=updated,customfield_10100');
    const lagging = (await call(service, 'GET', query)).body.issues[0];
    expect(lagging.fields.customfield_10100).toBeNull();
    expect(Date.parse(lagging.fields.updated)).toBe(before);
    const reconciled = (await call(service, 'GET', `${query}&reconcileIssues=${id}`)).body.issues[0];
    expect(reconciled.fields.customfield_10100).toBe(80);
    const recent = await call(service, 'GET', search('project = OPS AND updated >= -1m', '&fields=key'));
    expect(recent.body.issues).toEqual([]);
    clock.advance(5000);
    const settled = (await call(service, 'GET', query)).body.issues[0];
    expect(settled.fields.customfield_10100).toBe(80);
    expect(Date.parse(settled.fields.updated)).toBe(clock.now() - 5000);
  });
});
