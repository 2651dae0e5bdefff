import { describe, expect, it } from 'vitest';
import { ANONYMOUS, call, createFakeJira, seedPerson, seedTicket } from './index.js';

function site() {
  const fake = createFakeJira({
    flavour: 'cloud',
    projects: [
      {
        key: 'OPS',
        name: 'Operations',
        leadId: 'lead',
        category: { id: '10000', name: 'IT' },
        description: 'Ops work',
      },
      { key: 'HR', name: 'People', projectTypeKey: 'business', simplified: true },
    ],
  });
  const people = [
    seedPerson('lead', { name: 'Ana Ops' }),
    ...Array.from({ length: 60 }, (_, i) =>
      seedPerson(`e${String(i).padStart(2, '0')}`, { jiraGroups: ['leadership'] }),
    ),
  ];
  const projects = Array.from({ length: 130 }, (_, i) => seedTicket(`P${String(i).padStart(3, '0')}-1`));
  fake.state.load(people, projects);
  return fake;
}

describe('GET /rest/api/3/project/search', () => {
  it('pages with startAt, treats maxResults over 100 as 100, and links the next page', async () => {
    const { service } = site();
    const first = await call(service, 'GET', '/rest/api/3/project/search?maxResults=500');
    expect(first.body).toMatchObject({ startAt: 0, maxResults: 100, total: 132, isLast: false });
    expect(first.body.values).toHaveLength(100);
    const next = new URL(first.body.nextPage as string);
    expect(next.origin).toBe('https://acme.atlassian.net');
    const second = await call(service, 'GET', `${next.pathname}${next.search}`);
    expect(second.body).toMatchObject({ startAt: 100, total: 132, isLast: true });
    expect(second.body).not.toHaveProperty('nextPage');
    expect(second.body.values).toHaveLength(32);
  });

  it('adds lead and description only when expanded, and leaves out an absent category', async () => {
    const { service } = site();
    const plain = await call(service, 'GET', '/rest/api/3/project/search?keys=OPS&keys=HR');
    const [hr, ops] = plain.body.values;
    expect(ops).toMatchObject({
      key: 'OPS',
      id: expect.any(String),
      style: 'classic',
      projectCategory: { name: 'IT' },
    });
    expect(ops).not.toHaveProperty('lead');
    expect(hr).toMatchObject({ key: 'HR', simplified: true, style: 'next-gen', projectTypeKey: 'business' });
    expect(hr).not.toHaveProperty('projectCategory');
    const expanded = await call(
      service,
      'GET',
      '/rest/api/3/project/search?keys=OPS&expand=lead,description,insight',
    );
    expect(expanded.body.values[0]).toMatchObject({
      description: 'Ops work',
      lead: { displayName: 'Ana Ops', accountId: expect.any(String) },
      insight: { totalIssueCount: 0 },
    });
  });

  it('shows anonymous callers no private projects', async () => {
    const { service } = site();
    const res = await call(service, 'GET', '/rest/api/3/project/search', { headers: ANONYMOUS });
    expect(res.body).toMatchObject({ total: 0, values: [], isLast: true });
  });
});

describe('users', () => {
  it('pages group members 50 at a time', async () => {
    const { service } = site();
    const first = await call(service, 'GET', '/rest/api/3/group/member?groupname=leadership&maxResults=100');
    expect(first.body).toMatchObject({ maxResults: 50, total: 60, isLast: false });
    expect(first.body.values[0]).toMatchObject({
      accountId: expect.any(String),
      emailAddress: expect.any(String),
    });
    const second = await call(service, 'GET', '/rest/api/3/group/member?groupname=leadership&startAt=50');
    expect(second.body.values).toHaveLength(10);
    expect(second.body.isLast).toBe(true);
    expect((await call(service, 'GET', '/rest/api/3/group/member?groupname=nobody')).status).toBe(404);
  });

  it('tells the caller who it is and which time zone its JQL dates are read in', async () => {
    const { service } = createFakeJira({ flavour: 'cloud', timeZone: 'Asia/Kolkata' });
    const res = await call(service, 'GET', '/rest/api/3/myself');
    expect(res.body).toMatchObject({
      accountId: '712020:bearing-bot-0001',
      emailAddress: 'bot@acme.example',
      timeZone: 'Asia/Kolkata',
      accountType: 'atlassian',
      active: true,
    });
  });

  it('reports a Cloud deployment in serverInfo', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const res = await call(service, 'GET', '/rest/api/3/serverInfo', { headers: ANONYMOUS });
    expect(res.body).toMatchObject({ deploymentType: 'Cloud', baseUrl: 'https://acme.atlassian.net' });
  });
});
