import { describe, expect, it } from 'vitest';
import {
  BULK_MUTE_FORBIDDEN,
  call,
  createFakeJira,
  manualClock,
  seedTickets,
  type FakeJiraOptions,
} from './index.js';

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const SCORE = 'customfield_10100';
const GOAL = 'customfield_10101';
const FLAGS = 'customfield_10102';

function site(options: Partial<FakeJiraOptions> = {}) {
  const clock = manualClock(Date.UTC(2026, 10, 20, 12, 0));
  const fake = createFakeJira({
    flavour: 'cloud',
    now: clock.now,
    bulkTask: { startAfterMs: 100, completeAfterMs: 1000 },
    ...options,
  });
  fake.state.load([], [...seedTickets('OPS', 5), ...seedTickets('HR', 1)]);
  fake.state.createField({ id: SCORE, name: 'Alignment Score', type: `${T}float` });
  fake.state.createField({ id: GOAL, name: 'Business Goal', type: `${T}textfield` });
  fake.state.createField({ id: FLAGS, name: 'Alignment Flags', type: `${T}labels` });
  return { ...fake, clock };
}

const edit = (keys: string[], extra: Record<string, unknown> = {}) => ({
  selectedIssueIdsOrKeys: keys,
  selectedActions: [SCORE, GOAL, FLAGS],
  editedFieldsInput: {
    clearableNumberFields: [{ fieldId: SCORE, value: 80 }],
    singleLineTextFields: [{ fieldId: GOAL, text: 'customer-360' }],
    labelsFields: [
      { fieldId: FLAGS, labels: [{ name: 'request-pressure' }], bulkEditMultiSelectFieldOption: 'REPLACE' },
    ],
  },
  sendBulkNotification: false,
  ...extra,
});

describe('bulk edit', () => {
  it('runs as a task: ENQUEUED, RUNNING, then COMPLETE with numeric processed ids, and only then edits', async () => {
    const { service, state, clock } = site();
    const submit = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', {
      body: edit(['OPS-1', 'ops-2', 'NOPE-1']),
    });
    expect(submit.status).toBe(201);
    expect(submit.body).toEqual({ taskId: expect.any(String) });
    const poll = async () =>
      (await call(service, 'GET', `/rest/api/3/bulk/queue/${submit.body.taskId}`)).body;

    expect(await poll()).toMatchObject({ status: 'ENQUEUED', progressPercent: 0 });
    clock.advance(500);
    const running = await poll();
    expect(running).toMatchObject({ status: 'RUNNING', started: expect.any(Number) });
    expect(running).not.toHaveProperty('processedAccessibleIssues');
    expect(state.valueOf('OPS-1', SCORE)).toBeNull();

    clock.advance(500);
    const done = await poll();
    expect(done).toMatchObject({
      status: 'COMPLETE',
      progressPercent: 100,
      totalIssueCount: 3,
      processedAccessibleIssues: [Number(state.issue('OPS-1')?.id), Number(state.issue('OPS-2')?.id)],
      failedAccessibleIssues: {},
      invalidOrInaccessibleIssueCount: 1,
      submittedBy: { accountId: state.accounts[0]?.accountId },
    });
    expect(state.valueOf('OPS-2', 'Alignment Flags')).toEqual(['request-pressure']);
    expect(state.issue('OPS-1')?.updated).toBe(Date.UTC(2026, 10, 20, 12, 0) + 1000);
    expect(state.writes.filter((w) => w.via === 'bulk' && !w.notified)).toHaveLength(6);
  });

  it('lands due edits on any later request, even without polling', async () => {
    const { service, state, clock } = site();
    await call(service, 'POST', '/rest/api/3/bulk/issues/fields', { body: edit(['OPS-3']) });
    clock.advance(2000);
    const res = await call(service, 'GET', `/rest/api/3/issue/OPS-3?fields=${SCORE}`);
    expect(res.body.fields[SCORE]).toBe(80);
    expect(state.writes).toHaveLength(3);
  });

  it('fails single issues inside the task for bad values and missing edit rights', async () => {
    const { service, state, clock } = site();
    state.setPermissions(state.accounts[0]?.accountId ?? '', { editIssues: ['OPS'] });
    const body = edit(['OPS-1', 'HR-1'], {
      selectedActions: [FLAGS],
      editedFieldsInput: {
        labelsFields: [
          { fieldId: FLAGS, labels: [{ name: 'two words' }], bulkEditMultiSelectFieldOption: 'ADD' },
        ],
      },
    });
    const submit = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', { body });
    clock.advance(5000);
    const done = (await call(service, 'GET', `/rest/api/3/bulk/queue/${submit.body.taskId}`)).body;
    expect(done.processedAccessibleIssues).toEqual([]);
    expect(done.failedAccessibleIssues).toEqual({
      [state.issue('OPS-1')?.id ?? '']: ["The label 'two words' contains spaces which is invalid."],
      [state.issue('HR-1')?.id ?? '']: ['You do not have permission to edit issues in this project.'],
    });
  });

  it('refuses sendBulkNotification:false without admin rights with the exact 403 body and edits nothing', async () => {
    const { service, state, clock } = site({ notifyAllowed: false });
    const res = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', { body: edit(['OPS-1']) });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: [{ message: BULK_MUTE_FORBIDDEN }] });
    clock.advance(5000);
    expect(state.valueOf('OPS-1', SCORE)).toBeNull();
    const notifying = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', {
      body: edit(['OPS-1'], { sendBulkNotification: true }),
    });
    expect(notifying.status).toBe(201);
  });

  it('without the bulk permission refuses bulk calls while single PUTs still work', async () => {
    const { service } = site({ bulkAllowed: false });
    const res = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', { body: edit(['OPS-1']) });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].message).toEqual(expect.any(String));
    expect((await call(service, 'GET', '/rest/api/3/bulk/queue/1')).status).toBe(403);
    const single = await call(service, 'PUT', '/rest/api/3/issue/OPS-1', {
      body: { fields: { [SCORE]: 80 } },
    });
    expect(single.status).toBe(204);
  });

  it('checks the request: limits, selectedActions, unknown inputs', async () => {
    const { service } = site();
    const tooMany = Array.from({ length: 1001 }, (_, i) => `OPS-${i + 1}`);
    expect(
      (await call(service, 'POST', '/rest/api/3/bulk/issues/fields', { body: edit(tooMany) })).status,
    ).toBe(400);
    const unlisted = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', {
      body: edit(['OPS-1'], { selectedActions: [SCORE, GOAL] }),
    });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body).toEqual({
      errors: [
        { message: `The following editedFieldInput values are not listed as selectedActions : ${FLAGS}` },
      ],
    });
    const unknown = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', {
      body: edit(['OPS-1'], { editedFieldsInput: { numberCustomFields: [{ fieldId: SCORE, value: 1 }] } }),
    });
    expect(unknown.status).toBe(400);
    const wrongKind = await call(service, 'POST', '/rest/api/3/bulk/issues/fields', {
      body: edit(['OPS-1'], {
        selectedActions: [GOAL],
        editedFieldsInput: { clearableNumberFields: [{ fieldId: GOAL, value: 1 }] },
      }),
    });
    expect(wrongKind.status).toBe(400);
  });

  it('lists bulk-editable fields for some issues', async () => {
    const { service } = site();
    const res = await call(
      service,
      'GET',
      '/rest/api/3/bulk/issues/fields?issueIdsOrKeys=OPS-1,OPS-2&searchText=alignment',
    );
    expect(res.body.fields.map((f: { id: string }) => f.id)).toEqual([SCORE, FLAGS]);
    expect(res.body.fields[1]).toMatchObject({
      type: `${T}labels`,
      multiSelectFieldOptions: ['ADD', 'REMOVE', 'REPLACE', 'REMOVE_ALL'],
    });
  });
});

describe('bulkfetch', () => {
  it('returns up to 1,000 issues for a short positive field list, in ascending id order', async () => {
    const { service, state } = createFakeJira({ flavour: 'cloud' });
    state.load([], seedTickets('BIG', 1200));
    const keys = Array.from({ length: 1000 }, (_, i) => `big-${1000 - i}`);
    const res = await call(service, 'POST', '/rest/api/3/issue/bulkfetch', {
      body: { issueIdsOrKeys: [...keys.slice(0, 999), 'NOPE-1'], fields: ['summary', 'updated'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.issueErrors).toEqual([]);
    const ids = res.body.issues.map((i: { id: string }) => Number(i.id));
    expect(ids).toHaveLength(999);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(Object.keys(res.body.issues[0].fields)).toEqual(['summary', 'updated']);
  });

  it('caps at 100 for the default fields, multi-valued fields or heavy expands', async () => {
    const { service, state } = createFakeJira({ flavour: 'cloud' });
    state.load([], seedTickets('BIG', 150));
    const ids = Array.from({ length: 101 }, (_, i) => `BIG-${i + 1}`);
    const status = async (body: Record<string, unknown>) =>
      (await call(service, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: ids, ...body } }))
        .status;
    expect(await status({})).toBe(400);
    expect(await status({ fields: ['*all'] })).toBe(400);
    expect(await status({ fields: ['summary', 'comment'] })).toBe(400);
    expect(await status({ fields: ['summary', 'labels'] })).toBe(400);
    expect(await status({ fields: ['summary'], expand: ['changelog'] })).toBe(400);
    expect(await status({ fields: ['summary'] })).toBe(200);
    expect(
      (await call(service, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [] } })).status,
    ).toBe(400);
  });
});
