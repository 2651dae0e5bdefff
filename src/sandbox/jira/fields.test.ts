import { describe, expect, it } from 'vitest';
import { STORY_POINTS_FIELD, STORY_POINT_ESTIMATE_FIELD, call, createFakeJira, seedTicket } from './index.js';

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';

describe('GET /rest/api/3/field', () => {
  it('lists system fields and the team-managed story points field as a plain array', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const res = await call(service, 'GET', '/rest/api/3/field');
    expect(Array.isArray(res.body)).toBe(true);
    const byId = new Map(res.body.map((f: { id: string }) => [f.id, f]));
    expect(byId.get('summary')).toMatchObject({
      custom: false,
      schema: { type: 'string', system: 'summary' },
    });
    expect(byId.get('customfield_10016')).toEqual({
      id: 'customfield_10016',
      key: 'customfield_10016',
      name: 'Story point estimate',
      untranslatedName: 'Story point estimate',
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: ['cf[10016]', 'Story point estimate'],
      schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
    });
  });

  it('can carry both story points fields, with seeds writing to the chosen one', async () => {
    const { service, state } = createFakeJira({
      flavour: 'cloud',
      customFields: [STORY_POINT_ESTIMATE_FIELD, STORY_POINTS_FIELD],
      storyPointsFieldId: 'customfield_10026',
    });
    state.load([], [seedTicket('OPS-1', { storyPoints: 8 })]);
    const names = (await call(service, 'GET', '/rest/api/3/field')).body.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Story point estimate', 'Story Points']));
    const issue = await call(
      service,
      'GET',
      '/rest/api/3/issue/OPS-1?fields=customfield_10016,customfield_10026',
    );
    expect(issue.body.fields).toEqual({ customfield_10016: null, customfield_10026: 8 });
  });
});

describe('POST /rest/api/3/field', () => {
  it('creates number, text and labels fields with their type and searcher keys and 1xxxx ids', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const make = (name: string, type: string, searcherKey: string) =>
      call(service, 'POST', '/rest/api/3/field', {
        body: { name, type: `${T}${type}`, searcherKey: `${T}${searcherKey}` },
      });
    const score = await make('Alignment Score', 'float', 'exactnumber');
    const goal = await make('Business Goal', 'textfield', 'textsearcher');
    const flags = await make('Alignment Flags', 'labels', 'labelsearcher');
    expect(score.status).toBe(201);
    expect(score.body).toMatchObject({
      id: 'customfield_10100',
      name: 'Alignment Score',
      custom: true,
      searchable: true,
      clauseNames: ['cf[10100]', 'Alignment Score'],
      schema: { type: 'number', custom: `${T}float`, customId: 10100 },
    });
    expect(goal.body.schema).toEqual({ type: 'string', custom: `${T}textfield`, customId: 10101 });
    expect(flags.body.schema).toEqual({
      type: 'array',
      items: 'string',
      custom: `${T}labels`,
      customId: 10102,
    });
    const listed = (await call(service, 'GET', '/rest/api/3/field')).body.map((f: { id: string }) => f.id);
    expect(listed).toEqual(
      expect.arrayContaining(['customfield_10100', 'customfield_10101', 'customfield_10102']),
    );
  });

  it('makes a field without a searcher unsearchable', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const res = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: 'Quiet', type: `${T}float` },
    });
    expect(res.body.searchable).toBe(false);
  });

  it('rejects bad bodies and callers without Administer Jira with 400', async () => {
    const { service, state } = createFakeJira({ flavour: 'cloud' });
    const bad = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: '', type: `${T}nope`, searcherKey: `${T}labelsearcher` },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['name', 'searcherKey', 'type']);
    const mismatched = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: 'Score', type: `${T}float`, searcherKey: `${T}textsearcher` },
    });
    expect(mismatched.body.errors).toHaveProperty('searcherKey');
    expect((await call(service, 'POST', '/rest/api/3/field', { body: 'not json' })).status).toBe(400);
    state.setPermissions(state.accounts[0]?.accountId ?? '', { administerJira: false });
    const denied = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: 'Score', type: `${T}float` },
    });
    expect(denied.status).toBe(400);
  });

  it('gives a new field a global context and no screen until an admin adds it', async () => {
    const { service, state } = createFakeJira({ flavour: 'cloud' });
    const { body: field } = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: 'Business Goal', type: `${T}textfield` },
    });
    const contexts = await call(service, 'GET', `/rest/api/3/field/${field.id}/context`);
    expect(contexts.body).toMatchObject({
      total: 1,
      isLast: true,
      values: [{ isGlobalContext: true, isAnyIssueType: true }],
    });
    expect((await call(service, 'GET', `/rest/api/3/field/${field.id}/screens`)).body.values).toEqual([]);
    state.addFieldToScreen(field.id);
    const screens = await call(service, 'GET', `/rest/api/3/field/${field.id}/screens`);
    expect(screens.body.values).toEqual([
      expect.objectContaining({ name: 'Default Screen', tab: expect.any(Object) }),
    ]);
    expect((await call(service, 'GET', '/rest/api/3/field/summary/context')).status).toBe(404);
  });
});
