import { describe, expect, it } from 'vitest';
import { workItemSchema } from '../../model/index.js';
import { createNormalizer, priorityLevel, statusOf, type NormalizeContext } from './normalize.js';

const CONTEXT: NormalizeContext = {
  siteUrl: 'https://acme.atlassian.net',
  scope: 'OPS',
  fields: {
    storyPoints: ['customfield_10016', 'customfield_10026'],
    score: 'customfield_10100',
    goal: 'customfield_10101',
    flags: 'customfield_10102',
  },
  executives: { emails: new Set(['cio@acme.example']), ids: new Set(['5b10-exec']) },
};

/** The §2 example issue, with bearing's fields. */
function cloudIssue(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '10402',
    key: 'OPS-2',
    self: 'https://acme.atlassian.net/rest/api/3/issue/10402',
    fields: {
      summary: 'VPN drops every hour',
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Since Monday the VPN disconnects.' }] },
        ],
      },
      labels: ['network', 'vip'],
      components: [{ id: '10010', name: 'Networking' }],
      priority: { id: '2', name: 'High' },
      issuetype: { id: '10001', name: 'Bug', subtask: false, hierarchyLevel: 0 },
      status: {
        id: '3',
        name: 'In Progress',
        statusCategory: { id: 4, key: 'indeterminate', name: 'In Arbeit' },
      },
      reporter: { accountId: '5b10-exec', displayName: 'Mia Krystof', active: true },
      assignee: { accountId: '5b10-dev', displayName: 'Dev', emailAddress: 'CIO@acme.example' },
      created: '2025-03-03T09:41:58.795+0100',
      updated: '2025-03-04T16:32:05.209+0100',
      resolutiondate: null,
      customfield_10016: null,
      customfield_10026: 5,
      customfield_10100: 80,
      customfield_10101: 'digital-revenue',
      customfield_10102: ['misaligned'],
      timeoriginalestimate: 7200,
      parent: {
        id: '10300',
        key: 'OPS-0',
        fields: { summary: 'Network stability epic', issuetype: { name: 'Epic', hierarchyLevel: 1 } },
      },
      issuelinks: [
        {
          id: '1',
          type: { name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
          outwardIssue: { key: 'OPS-9' },
        },
        { id: '2', type: { name: 'Relates' }, inwardIssue: { key: 'HR-1' } },
        { id: '3', type: { name: 'Cloners' }, inwardIssue: { key: 'OPS-3' } },
      ],
      ...fields,
    },
  };
}

const normalize = createNormalizer(CONTEXT);

function item(raw: unknown) {
  const result = normalize(raw);
  if (!result.ok) throw new Error(`expected an item, got quarantine: ${result.field}: ${result.reason}`);
  return result.item;
}

describe('normalizing a Jira Cloud issue', () => {
  it('maps every field of the normalized model', () => {
    const it0 = item(cloudIssue());
    expect(workItemSchema.parse(it0)).toEqual(it0);
    expect(it0).toMatchObject({
      uid: 'jira:10402',
      source: 'jira',
      id: '10402',
      key: 'OPS-2',
      ref: 'OPS-2',
      url: 'https://acme.atlassian.net/browse/OPS-2',
      kind: 'issue',
      scope: 'OPS',
      container: 'OPS',
      team: 'OPS',
      title: 'VPN drops every hour',
      text: 'Since Monday the VPN disconnects.',
      labels: ['network', 'vip'],
      components: ['Networking'],
      priority: 2,
      status: 'doing',
      created: '2025-03-03T08:41:58.795Z',
      updated: '2025-03-04T15:32:05.209Z',
      resolved: null,
      effort: { value: 5, unit: 'points' },
      parent: 'OPS-0',
      epic: 'OPS-0',
      held: { score: 80, goal: 'digital-revenue', flags: ['misaligned'] },
    });
    expect(it0.links).toEqual([
      { type: 'parent', target: 'OPS-0' },
      { type: 'duplicate', target: 'OPS-9' },
      { type: 'relates', target: 'HR-1' },
    ]);
  });

  it('marks executives by accountId or e-mail (any case) and keeps hidden e-mails out', () => {
    const { requester, assignee } = item(cloudIssue());
    expect(requester).toEqual({ id: '5b10-exec', name: 'Mia Krystof', isExecutive: true });
    expect(assignee).toMatchObject({ id: '5b10-dev', email: 'CIO@acme.example', isExecutive: true });
    const nobody = item(
      cloudIssue({ reporter: { accountId: 'x', displayName: 'X', emailAddress: null }, assignee: null }),
    );
    expect(nobody.requester).toEqual({ id: 'x', name: 'X', isExecutive: false });
    expect(nobody.assignee).toBeNull();
  });

  it('takes effort from story points, then the original estimate in hours, then the default', () => {
    expect(item(cloudIssue({ customfield_10026: null })).effort).toEqual({ value: 2, unit: 'hours' });
    expect(item(cloudIssue({ customfield_10026: null, timeoriginalestimate: null })).effort).toEqual({
      value: 1,
      unit: 'default',
    });
    expect(item(cloudIssue({ customfield_10016: 0 })).effort).toEqual({ value: 0, unit: 'points' });
  });

  it('treats a score a person typed outside 0–100 or with decimals as not held', () => {
    expect(item(cloudIssue({ customfield_10100: 87.5 })).held.score).toBeNull();
    expect(
      item(cloudIssue({ customfield_10100: 120, customfield_10101: '', customfield_10102: null })).held,
    ).toEqual({
      score: null,
      goal: null,
      flags: null,
    });
  });

  it('calls epics epics, and a sub-task under a story has a parent but no epic', () => {
    expect(item(cloudIssue({ issuetype: { name: 'Epic', hierarchyLevel: 1 }, parent: undefined })).kind).toBe(
      'epic',
    );
    const sub = item(
      cloudIssue({
        issuetype: { name: 'Sub-task', hierarchyLevel: -1 },
        parent: { key: 'OPS-1', fields: { issuetype: { name: 'Story', hierarchyLevel: 0 } } },
      }),
    );
    expect(sub).toMatchObject({ kind: 'issue', parent: 'OPS-1', epic: null });
  });

  it('reads a priority that is missing, renamed or custom as medium unless its default id says otherwise', () => {
    expect(item(cloudIssue({ priority: null })).priority).toBe(3);
    expect(priorityLevel({ name: 'Blocker' })).toBe(1);
    expect(priorityLevel({ name: 'Trivial', id: '99' })).toBe(5);
    expect(priorityLevel({ name: 'P1 - urgent', id: '1' })).toBe(1);
    expect(priorityLevel({ name: 'Whenever', id: '10042' })).toBe(3);
    expect(statusOf('new')).toBe('todo');
    expect(statusOf('done')).toBe('done');
    expect(statusOf('undefined')).toBe('todo');
  });

  it('bounds a huge description', () => {
    const huge = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(50_000) }] }],
    };
    expect(item(cloudIssue({ description: huge })).text).toHaveLength(20_000);
  });
});

describe('normalizing a Data Center issue', () => {
  it('reads wiki text, user keys and the Epic Link field', () => {
    const dc = createNormalizer({
      ...CONTEXT,
      fields: { storyPoints: ['customfield_10106'], epicLink: 'customfield_10101' },
    });
    const result = dc({
      id: '97796',
      key: 'OPS-7',
      fields: {
        summary: 'Textfields',
        description: 'h4. Steps\r\n* open *console*',
        issuetype: { name: 'Epic' },
        status: { name: 'Closed', statusCategory: { key: 'done' } },
        priority: { name: 'Major', id: '3' },
        labels: [],
        components: [],
        reporter: { name: 'ceo', key: '5b10-exec', displayName: 'The CEO' },
        created: '2012-07-23T12:36:39.000+0000',
        updated: '2014-01-28T23:48:58.000+0000',
        resolutiondate: '2012-07-23T14:57:51.000+0000',
        customfield_10101: 'OPS-1',
        customfield_10106: 3,
      },
    });
    expect(result.ok && result.item).toMatchObject({
      kind: 'epic',
      text: 'Steps\n- open console',
      status: 'done',
      resolved: '2012-07-23T14:57:51.000Z',
      requester: { id: '5b10-exec', name: 'The CEO', isExecutive: true },
      parent: 'OPS-1',
      epic: 'OPS-1',
      effort: { value: 3, unit: 'points' },
      held: { score: null, goal: null, flags: null },
    });
  });
});

describe('a malformed issue', () => {
  it('is reported with its key, the path of the bad field and the reason', () => {
    const noSummary = cloudIssue();
    delete (noSummary.fields as Record<string, unknown>).summary;
    expect(normalize(noSummary)).toMatchObject({
      ok: false,
      id: '10402',
      recordRef: 'OPS-2',
      field: 'fields.summary',
      updatedMs: Date.parse('2025-03-04T16:32:05.209+0100'),
    });
    expect(normalize({ ...cloudIssue(), id: 10402 })).toMatchObject({
      ok: false,
      recordRef: 'OPS-2',
      field: 'id',
    });
    expect(normalize({ id: '5', key: 'OPS-5' })).toMatchObject({
      ok: false,
      field: 'fields',
      updatedMs: null,
    });
    expect(normalize(cloudIssue({ customfield_10102: 'not-a-list' }))).toMatchObject({
      field: 'fields.customfield_10102',
    });
    expect(normalize(null)).toMatchObject({ ok: false, recordRef: '(unknown issue)' });
  });
});
