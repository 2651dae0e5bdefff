import { describe, expect, it } from 'vitest';
import { workItemSchema, type WorkItem } from '../../model/index.js';
import { createNormalizer, type ExecutiveRules, type Normalized } from './normalize.js';
import type { RawRecord, ServiceNowRaw } from './raw.js';
import { COLUMNS } from './testing.js';

const SYS_ID = '9d385017c611228701d22104cc95c371';
const CALLER = '62826bf03710200044e0bfc8bcbe5df1';

/** A record as `sysparm_display_value=all` sends it: a string is value and display; a pair is [value, display]. */
function record(fields: Record<string, string | [string, string]>): RawRecord {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      typeof v === 'string' ? { display_value: v, value: v } : { display_value: v[1], value: v[0] },
    ]),
  );
}

const incident = (extra: Record<string, string | [string, string]> = {}): RawRecord =>
  record({
    sys_id: SYS_ID,
    number: 'INC0010012',
    short_description: 'Checkout  times out',
    description: 'First paragraph.\r\n\r\n\r\nSecond paragraph.',
    priority: ['2', '2 - High'],
    impact: ['1', '1 - High'],
    urgency: ['2', '2 - Medium'],
    state: ['2', 'In Progress'],
    active: 'true',
    assignment_group: ['8a5055c9c61122780043563ef53438e3', 'Web Commerce'],
    business_service: ['b1', 'Online Store'],
    category: ['software', 'Software'],
    caller_id: [CALLER, 'Beth Anglin'],
    assigned_to: ['', ''],
    sys_created_on: ['2026-11-02 09:00:00', '2026-11-02 01:00:00'],
    sys_updated_on: ['2026-11-03 10:30:00', '2026-11-03 02:30:00'],
    time_worked: ['1970-01-01 01:30:00', '1 Hour 30 Minutes'],
    comments: ['', '2026-11-03 02:00:00 - Beth Anglin (Additional comments)\nStill broken.\n\n'],
    u_alignment_score: '',
    u_business_goal: '',
    u_alignment_flags: '',
    ...extra,
  });

const beth = record({
  sys_id: CALLER,
  name: 'Beth Anglin',
  email: 'Beth.Anglin@acme.example',
  title: 'Store manager',
  department: ['d1', 'Retail'],
  vip: 'false',
});

const rules = (over: Partial<ExecutiveRules> = {}): ExecutiveRules => ({
  emails: new Set<string>(),
  vip: true,
  title: /^(Chief|VP)/i,
  ...over,
});

const normalizer = (over: Partial<ExecutiveRules> = {}) =>
  createNormalizer({ baseUrl: 'https://acme.service-now.com', columns: COLUMNS, executives: rules(over) });

function item(result: Normalized): WorkItem {
  if (!result.ok) throw new Error(`quarantined: ${result.quarantine.reason}`);
  return workItemSchema.parse(result.item);
}

const raw = (
  table: string,
  rec: RawRecord,
  users: Record<string, RawRecord> = { [CALLER]: beth },
): ServiceNowRaw => ({
  table,
  record: rec,
  users,
});

describe('normalizing a ServiceNow record', () => {
  it('produces a valid work item with names, labels, plain text, hours and links', () => {
    const it = item(normalizer()(raw('incident', incident())));
    expect(it).toMatchObject({
      uid: `servicenow:${SYS_ID}`,
      source: 'servicenow',
      id: SYS_ID,
      key: 'INC0010012',
      ref: 'SN:INC0010012',
      url: `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${SYS_ID}`,
      kind: 'incident',
      scope: 'incident',
      container: 'Web Commerce',
      team: 'Web Commerce',
      title: 'Checkout times out',
      text: 'First paragraph.\n\nSecond paragraph.\n\nStill broken.',
      category: 'Software',
      businessService: 'Online Store',
      priority: 2,
      impact: 1,
      status: 'doing',
      requester: {
        id: CALLER,
        name: 'Beth Anglin',
        email: 'Beth.Anglin@acme.example',
        title: 'Store manager',
        department: 'Retail',
        isExecutive: false,
      },
      assignee: null,
      created: '2026-11-02T09:00:00.000Z',
      updated: '2026-11-03T10:30:00.000Z',
      resolved: null,
      effort: { value: 1.5, unit: 'hours' },
      parent: null,
      held: { score: null, goal: null, flags: null },
    });
  });

  it('reads what bearing’s columns hold, and a score nobody could have written as empty', () => {
    const held = (score: string) =>
      item(
        normalizer()(
          raw(
            'incident',
            incident({
              u_alignment_score: score,
              u_business_goal: 'run',
              u_alignment_flags: 'misaligned, duplicate-work,',
            }),
          ),
        ),
      ).held;
    expect(held('80')).toEqual({ score: 80, goal: 'run', flags: ['misaligned', 'duplicate-work'] });
    expect(held('150').score).toBeNull();
    expect(held('87.5').score).toBeNull();
  });

  it('derives priority from impact × urgency when none is stated, and defaults to 4', () => {
    const priority = (p: string, i: string, u: string) =>
      item(normalizer()(raw('incident', incident({ priority: p, impact: i, urgency: u })))).priority;
    expect(priority('', '1', '1')).toBe(1);
    expect(priority('', '2', '3')).toBe(4);
    expect(priority('', '3', '3')).toBe(5);
    expect(priority('', '', '')).toBe(4);
  });

  it('maps each table’s states, and unknown states by label, then by active', () => {
    const status = (table: string, state: [string, string], active = 'true') =>
      item(normalizer()(raw(table, incident({ state, active })))).status;
    expect(status('incident', ['1', 'New'])).toBe('todo');
    expect(status('incident', ['3', 'On Hold'])).toBe('doing');
    expect(status('incident', ['8', 'Canceled'])).toBe('done');
    expect(status('change_request', ['-3', 'Authorize'])).toBe('todo');
    expect(status('change_request', ['-1', 'Implement'])).toBe('doing');
    expect(status('change_request', ['4', 'Canceled'])).toBe('done');
    expect(status('sc_req_item', ['4', 'Closed Incomplete'])).toBe('done');
    expect(status('dmn_demand', ['5', 'Approved'])).toBe('doing');
    expect(status('incident', ['20', 'Closed - Duplicate'])).toBe('done');
    expect(status('incident', ['21', 'Awaiting Vendor'])).toBe('doing');
    expect(status('incident', ['22', 'Awaiting Vendor'], 'false')).toBe('done');
  });

  it('sets the resolution time only on done items', () => {
    const resolved = (state: [string, string]) =>
      item(
        normalizer()(
          raw(
            'incident',
            incident({ state, resolved_at: '2026-11-04 08:00:00', closed_at: '2026-11-05 08:00:00' }),
          ),
        ),
      ).resolved;
    expect(resolved(['6', 'Resolved'])).toBe('2026-11-04T08:00:00.000Z');
    expect(resolved(['2', 'In Progress'])).toBeNull();
  });

  it('takes a project’s actual effort once done, its planned effort before, and its demand as parent', () => {
    const project = (state: [string, string]) =>
      item(
        normalizer()(
          raw(
            'pm_project',
            incident({
              number: 'PRJ0010001',
              state,
              effort: '1970-01-02 16:00:00',
              work_effort: '1970-01-03 00:00:00',
              demand: ['e1', 'DMND0010001'],
              project_manager: [CALLER, 'Beth Anglin'],
            }),
          ),
        ),
      );
    expect(project(['2', 'Work in Progress'])).toMatchObject({
      kind: 'project',
      effort: { value: 40, unit: 'hours' },
      parent: 'SN:DMND0010001',
      requester: { id: CALLER, name: 'Beth Anglin' },
      category: null,
    });
    expect(project(['3', 'Closed Complete']).effort).toEqual({ value: 48, unit: 'hours' });
  });

  it('falls back to the next requester column and to the default effort', () => {
    const ritm = item(
      normalizer()(
        raw(
          'sc_req_item',
          incident({
            number: 'RITM0010001',
            requested_for: '',
            opened_by: [CALLER, 'Beth Anglin'],
            time_worked: '',
            request: ['r1', 'REQ0010001'],
            cat_item: ['c1', 'Zoom licence'],
          }),
        ),
      ),
    );
    expect(ritm).toMatchObject({
      kind: 'request',
      requester: { id: CALLER, email: 'Beth.Anglin@acme.example' },
      effort: { value: 1, unit: 'default' },
      parent: 'SN:REQ0010001',
      category: 'Zoom licence',
    });
  });

  it('flattens a demand’s HTML business case into the text', () => {
    const demand = item(
      normalizer()(
        raw(
          'dmn_demand',
          incident({ description: '', business_case: '<p>Grow &amp; retain</p><p>Second</p>' }),
        ),
      ),
    );
    expect(demand.text).toBe('Grow & retain\n\nSecond\n\nStill broken.');
  });

  it('names executives by vip flag, title pattern and e-mail, case-insensitively', () => {
    const requester = (user: Record<string, string>, over: Partial<ExecutiveRules> = {}) =>
      item(normalizer(over)(raw('incident', incident(), { [CALLER]: record({ ...user, sys_id: CALLER }) })))
        .requester;
    expect(requester({ vip: 'true' })?.isExecutive).toBe(true);
    expect(requester({ vip: 'true' }, { vip: false })?.isExecutive).toBe(false);
    expect(requester({ title: 'chief information officer' })?.isExecutive).toBe(true);
    expect(
      requester({ email: 'CIO@Acme.Example' }, { emails: new Set(['cio@acme.example']) })?.isExecutive,
    ).toBe(true);
    expect(requester({ title: 'Engineer', email: 'dev@acme.example' })?.isExecutive).toBe(false);
  });

  it('keeps the shown name of a requester whose sys_user record could not be read', () => {
    expect(item(normalizer()(raw('incident', incident(), {}))).requester).toEqual({
      id: CALLER,
      name: 'Beth Anglin',
      isExecutive: false,
    });
  });

  it('quarantines a malformed record with table, number, column and reason', () => {
    const result = normalizer()(
      raw('incident', incident({ priority: 'banana', sys_updated_on: 'yesterday' })),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.quarantine).toMatchObject({
      system: 'servicenow',
      scope: 'incident',
      recordRef: 'SN:INC0010012',
      field: 'sys_updated_on',
    });
    expect(result.quarantine.reason).toContain(
      'sys_updated_on expected a time "YYYY-MM-DD HH:mm:ss", got "yesterday"',
    );
    expect(result.quarantine.reason).toContain('priority expected empty or an integer 1–5, got "banana"');
  });

  it('names a record without a number by its sys_id', () => {
    const rec = incident();
    delete rec.number;
    const result = normalizer()(raw('incident', rec));
    expect(result.ok ? undefined : result.quarantine).toMatchObject({ recordRef: SYS_ID, field: 'number' });
  });

  it('rejects a date that does not exist', () => {
    const result = normalizer()(raw('incident', incident({ closed_at: '2026-02-30 10:00:00' })));
    expect(result.ok ? undefined : result.quarantine.field).toBe('closed_at');
  });
});
