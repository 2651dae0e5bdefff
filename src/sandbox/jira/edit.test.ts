import { describe, expect, it } from 'vitest';
import { call, createFakeJira, manualClock, seedTickets, type FakeJiraOptions } from './index.js';

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const SCORE = 'customfield_10100';
const GOAL = 'customfield_10101';
const FLAGS = 'customfield_10102';

function site(options: Partial<FakeJiraOptions> = {}) {
  const clock = manualClock(Date.UTC(2026, 10, 20, 12, 0));
  const fake = createFakeJira({ flavour: 'cloud', now: clock.now, ...options });
  fake.state.load([], seedTickets('OPS', 3));
  fake.state.createField({ id: SCORE, name: 'Alignment Score', type: `${T}float` });
  fake.state.createField({ id: GOAL, name: 'Business Goal', type: `${T}textfield` });
  fake.state.createField({ id: FLAGS, name: 'Alignment Flags', type: `${T}labels` });
  return { ...fake, clock };
}

describe('PUT /rest/api/3/issue/{key}', () => {
  it('writes the three fields, answers 204, bumps updated and logs old → new', async () => {
    const { service, state, clock } = site();
    clock.advance(1000);
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1?notifyUsers=false', {
      body: { fields: { [SCORE]: 87, [GOAL]: 'digital-revenue', [FLAGS]: ['misaligned', 'duplicate-work'] } },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(state.valueOf('OPS-1', 'Alignment Score')).toBe(87);
    expect(state.issue('OPS-1')?.updated).toBe(clock.now());
    expect(state.writes.map((w) => [w.key, w.field, w.from, w.to, w.via, w.notified])).toEqual([
      ['OPS-1', SCORE, null, 87, 'PUT /rest/api/3/issue', false],
      ['OPS-1', GOAL, null, 'digital-revenue', 'PUT /rest/api/3/issue', false],
      ['OPS-1', FLAGS, null, ['misaligned', 'duplicate-work'], 'PUT /rest/api/3/issue', false],
    ]);
  });

  it('answers an ErrorCollection naming every bad field', async () => {
    const { service, state } = site();
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: {
        fields: {
          [SCORE]: '87',
          [GOAL]: 'x'.repeat(256),
          [FLAGS]: ['request pressure'],
          customfield_99999: 1,
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errorMessages: [],
      errors: {
        [SCORE]: 'Operation value must be a number',
        [GOAL]: 'The entered text is too long. It exceeds the allowed limit of 255 characters.',
        [FLAGS]: "The label 'request pressure' contains spaces which is invalid.",
        customfield_99999:
          "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    expect(state.writes).toEqual([]);
  });

  it('refuses read-only fields and a v3 description that is not ADF', async () => {
    const { service } = site();
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { updated: '2026-01-01', description: 'plain text' } },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['updated', 'description']);
  });

  it('ignores notifyUsers=false without admin rights and still succeeds', async () => {
    const { service, state } = site({ notifyAllowed: false });
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1?notifyUsers=false', {
      body: { fields: { [SCORE]: 5 } },
    });
    expect(res.status).toBe(204);
    expect(state.writes[0]?.notified).toBe(true);
  });

  it('edits labels with update add / remove operations', async () => {
    const { service, state } = site();
    await call(service, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { [FLAGS]: ['a', 'b'] } } });
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { update: { [FLAGS]: [{ add: 'c' }, { remove: 'a' }] } },
    });
    expect(res.status).toBe(204);
    expect(state.valueOf('OPS-1', FLAGS)).toEqual(['b', 'c']);
  });

  it('leaves updated alone and logs nothing when the value is already there', async () => {
    const { service, state, clock } = site();
    await call(service, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { [SCORE]: 40 } } });
    const updated = state.issue('OPS-1')?.updated;
    clock.advance(60_000);
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { [SCORE]: 40 } } });
    expect(res.status).toBe(204);
    expect(state.issue('OPS-1')?.updated).toBe(updated);
    expect(state.writes).toHaveLength(1);
  });

  it('answers 404, 403 for missing edit permission and 403 for override flags', async () => {
    const { service, state } = site();
    const missing = await call(service, 'PUT', '/rest/api/3/issue/OPS-99', {
      body: { fields: { [SCORE]: 1 } },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.errorMessages).toEqual([
      'Issue does not exist or you do not have permission to see it.',
    ]);
    const override = await call(service, 'PUT', '/rest/api/3/issue/OPS-1?overrideScreenSecurity=true', {
      body: { fields: { [SCORE]: 1 } },
    });
    expect(override.status).toBe(403);
    state.setPermissions(state.accounts[0]?.accountId ?? '', { editIssues: ['HR'] });
    const forbidden = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { [SCORE]: 1 } },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errorMessages).toEqual([
      'You do not have permission to edit issues in this project.',
    ]);
  });

  it('rejects fields on no screen when screen checks are on, until an admin adds the field', async () => {
    const { service, state } = site({ screenCheck: true });
    const created = await call(service, 'POST', '/rest/api/3/field', {
      body: { name: 'Business Goal', type: `${T}textfield` },
    });
    const id = created.body.id as string;
    const before = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { [id]: 'run' } },
    });
    expect(before.status).toBe(400);
    state.addFieldToScreen(id);
    const after = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { [id]: 'run' } },
    });
    expect(after.status).toBe(204);
  });

  it('limits writes to one issue to 20 per 2 seconds with a per-issue 429', async () => {
    const { service } = site();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { [SCORE]: i } } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(statuses[20]).toBe(429);
    expect(
      (await call(service, 'PUT', '/rest/api/3/issue/OPS-2', { body: { fields: { [SCORE]: 1 } } })).status,
    ).toBe(204);
  });

  it('returns the edited issue when returnIssue=true', async () => {
    const { service } = site();
    const res = await call(service, 'PUT', '/rest/api/3/issue/OPS-1?returnIssue=true', {
      body: { fields: { [SCORE]: 9 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.fields[SCORE]).toBe(9);
  });
});

describe('edits made by humans', () => {
  it('bump updated, are visible to the bot and are not in the write log', async () => {
    const { service, state, clock } = site();
    await call(service, 'PUT', '/rest/api/3/issue/OPS-1', { body: { fields: { [SCORE]: 80 } } });
    clock.advance(60_000);
    state.editAsHuman('OPS-1', { fields: { 'Alignment Score': 10 }, status: 'done' });
    expect(state.issue('OPS-1')).toMatchObject({
      updated: clock.now(),
      status: 'done',
      resolved: clock.now(),
    });
    expect(state.valueOf('OPS-1', SCORE)).toBe(10);
    expect(state.writes).toHaveLength(1);
    const res = await call(service, 'GET', `/rest/api/3/issue/OPS-1?fields=${SCORE},status`);
    expect(res.body.fields[SCORE]).toBe(10);
    expect(res.body.fields.status.statusCategory.key).toBe('done');
  });

  it('deleted issues disappear from reads', async () => {
    const { service, state } = site();
    state.deleteIssue('OPS-2');
    expect((await call(service, 'GET', '/rest/api/3/issue/OPS-2')).status).toBe(404);
    const res = await call(service, 'GET', '/rest/api/3/search/jql?jql=project%3DOPS&fields=key');
    expect(res.body.issues.map((i: { key: string }) => i.key)).not.toContain('OPS-2');
  });
});
