import { describe, expect, it } from 'vitest';
import {
  DC_BASE,
  DC_BOT_AUTH,
  basicAuth,
  call,
  createFakeJira,
  seedPerson,
  seedTicket,
  seedTickets,
} from './index.js';

function dc(options: { dcPageCap?: number; basicAuthEnabled?: boolean } = {}) {
  const fake = createFakeJira({ flavour: 'datacenter', ...options });
  fake.state.load([seedPerson('p1', { email: 'mia@acme.example', name: 'Mia Krystof' })], []);
  return fake;
}
const get = (
  service: ReturnType<typeof dc>['service'],
  path: string,
  headers: Record<string, string> = DC_BOT_AUTH,
) => call(service, 'GET', path, { base: DC_BASE, headers });

describe('Data Center search', () => {
  it('pages with startAt, echoes the capped maxResults and reports total', async () => {
    const { service, state } = dc({ dcPageCap: 40 });
    state.load([], seedTickets('OPS', 95));
    const keys: string[] = [];
    let startAt = 0;
    for (;;) {
      const page = await get(
        service,
        `/rest/api/2/search?jql=project%3DOPS%20ORDER%20BY%20key%20ASC&startAt=${startAt}&maxResults=1000`,
      );
      expect(page.body).toMatchObject({ startAt, maxResults: 40, total: 95 });
      keys.push(...page.body.issues.map((i: { key: string }) => i.key));
      startAt += page.body.maxResults;
      if (startAt >= page.body.total) break;
    }
    expect(keys).toEqual(Array.from({ length: 95 }, (_, i) => `OPS-${i + 1}`));
  });

  it('pages by POST body too and allows a query without restriction', async () => {
    const { service, state } = dc();
    state.load([], seedTickets('OPS', 3));
    const res = await call(service, 'POST', '/rest/api/2/search', {
      base: DC_BASE,
      headers: DC_BOT_AUTH,
      body: { jql: 'ORDER BY key ASC', startAt: 1, maxResults: 1, fields: ['summary'] },
    });
    expect(res.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3, issues: [{ key: 'OPS-2' }] });
  });

  it('fails paging beyond the max result window', async () => {
    const { service, state } = createFakeJira({ flavour: 'datacenter', dcMaxResultWindow: 10 });
    state.load([], seedTickets('OPS', 20));
    const res = await get(service, '/rest/api/2/search?jql=project%3DOPS&startAt=10');
    expect(res.status).toBe(500);
  });

  it('renders wiki descriptions, DC users with name and key, and the Epic Link field', async () => {
    const { service, state } = dc();
    state.load(
      [],
      [
        seedTicket('OPS-1', { issueType: 'Epic' }),
        seedTicket('OPS-2', { description: 'One.\n\nTwo.', epicKey: 'OPS-1', storyPoints: 3 }),
      ],
    );
    const res = await get(service, '/rest/api/2/search?jql=key%3DOPS-2');
    const fields = res.body.issues[0].fields;
    expect(fields.description).toBe('One.\r\n\r\nTwo.');
    expect(fields.reporter).toMatchObject({
      name: 'mia',
      key: expect.stringMatching(/^JIRAUSER/),
      emailAddress: 'mia@acme.example',
    });
    expect(fields.reporter).not.toHaveProperty('accountId');
    expect(fields.customfield_10101).toBe('OPS-1');
    expect(fields.customfield_10106).toBe(3);
    expect(fields).not.toHaveProperty('parent');
    expect(fields.issuetype).not.toHaveProperty('hierarchyLevel');
    expect(res.body.issues[0].self).toBe(`${DC_BASE}/rest/api/2/issue/${res.body.issues[0].id}`);
  });
});

describe('Data Center API surface', () => {
  it('has no search/jql and no REST v3', async () => {
    const { service } = dc();
    const jql = await get(service, '/rest/api/2/search/jql?jql=project%3DOPS');
    expect(jql.status).toBe(404);
    expect(jql.body['status-code']).toBe(404);
    expect((await get(service, '/rest/api/3/myself')).status).toBe(404);
  });

  it('reports its deployment type and the caller, and edits issues through v2 PUT', async () => {
    const { service, state } = dc();
    state.load([], seedTickets('OPS', 1));
    state.createField({
      id: 'customfield_10300',
      name: 'Alignment Score',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
    });
    expect((await get(service, '/rest/api/2/serverInfo')).body.deploymentType).toBe('DataCenter');
    expect((await get(service, '/rest/api/2/myself')).body).toMatchObject({
      name: 'bearing-bot',
      timeZone: 'Europe/Berlin',
    });
    const put = await call(service, 'PUT', '/rest/api/2/issue/OPS-1', {
      base: DC_BASE,
      headers: DC_BOT_AUTH,
      body: { fields: { customfield_10300: 70, description: 'h1. Wiki' } },
    });
    expect(put.status).toBe(204);
    expect(state.writes.map((w) => [w.field, w.via, w.by])).toEqual([
      ['customfield_10300', 'PUT /rest/api/2/issue', 'bearing-bot'],
      ['description', 'PUT /rest/api/2/issue', 'bearing-bot'],
    ]);
    const projects = await get(service, '/rest/api/2/project');
    expect(Array.isArray(projects.body)).toBe(true);
    expect(projects.body[0]).toMatchObject({ key: 'OPS' });
  });

  it('takes a PAT as Bearer and refuses Basic unless an admin enabled it', async () => {
    const basic = { authorization: basicAuth('bearing-bot', 'bot-password') };
    expect((await get(dc().service, '/rest/api/2/myself', basic)).status).toBe(401);
    expect((await get(dc().service, '/rest/api/2/myself', { authorization: 'Bearer nope' })).status).toBe(
      401,
    );
    expect((await get(dc({ basicAuthEnabled: true }).service, '/rest/api/2/myself', basic)).status).toBe(200);
  });
});
