import { describe, expect, it } from 'vitest';
import { formatServiceNowTime } from '../../core/index.js';
import { BASIC, person, snTicket } from './fixtures.js';
import { createFakeServiceNow, derivedSysId, type FakeServiceNow } from './index.js';

const ORIGIN = 'https://acme.service-now.com';

async function get(fake: FakeServiceNow, path: string) {
  const response = await fake.service.handle(
    new Request(`${ORIGIN}${path}`, { headers: { Authorization: BASIC } }),
  );
  return { status: response.status, body: (await response.json()) as { result: Record<string, unknown>[] } };
}

describe('loading the neutral seed', () => {
  const people = [
    person('p1', {
      name: 'Ada Chief',
      title: 'Chief Information Officer',
      vip: true,
      department: 'Executive',
    }),
    person('p2', { name: 'Bo Hidden', email: null }),
  ];

  it('turns people into sys_user records with departments as references', () => {
    const fake = createFakeServiceNow();
    fake.state.load(people, []);
    expect(fake.state.record('sys_user', people[0]?.snSysId as string)).toMatchObject({
      name: 'Ada Chief',
      first_name: 'Ada',
      last_name: 'Chief',
      user_name: 'p1',
      email: 'p1@acme.example',
      title: 'Chief Information Officer',
      vip: 'true',
      active: 'true',
      department: derivedSysId('cmn_department', 'Executive'),
    });
    expect(fake.state.record('sys_user', people[1]?.snSysId as string)).toMatchObject({
      email: '',
      user_name: 'bo.hidden',
    });
  });

  it('puts each ticket in its table with its references, states and effort', () => {
    const fake = createFakeServiceNow();
    const demand = snTicket({ table: 'dmn_demand', number: 'DMND0001001', status: 'todo', hours: 80 });
    const project = snTicket({
      table: 'pm_project',
      number: 'PRJ0001001',
      parentNumber: 'DMND0001001',
      hours: 40,
    });
    const item = snTicket({
      table: 'sc_req_item',
      parentNumber: 'REQ0001001',
      status: 'done',
      resolved: Date.UTC(2026, 10, 5),
    });
    const change = snTicket({ table: 'change_request', status: 'todo' });
    fake.state.load(people, [demand, project, item, change]);

    expect(fake.state.record('dmn_demand', demand.sysId)).toMatchObject({
      number: 'DMND0001001',
      state: '2',
      submitter: people[0]?.snSysId,
      effort: '1970-01-04 08:00:00',
      business_case: '<p>First paragraph.</p><p>Second paragraph.</p>',
      sys_class_name: 'dmn_demand',
    });
    expect(fake.state.record('pm_project', project.sysId)).toMatchObject({
      demand: demand.sysId,
      project_manager: people[0]?.snSysId,
      effort: '1970-01-02 16:00:00',
      state: '2',
    });
    const ritm = fake.state.record('sc_req_item', item.sysId);
    expect(ritm).toMatchObject({ state: '3', active: 'false', closed_at: '2026-11-05 00:00:00' });
    expect(fake.state.record('sc_request', ritm?.request as string)).toMatchObject({ number: 'REQ0001001' });
    expect(fake.state.record('change_request', change.sysId)).toMatchObject({
      state: '-5',
      requested_by: people[0]?.snSysId,
    });
    expect(fake.state.count('sys_user_group')).toBe(1);
    expect(fake.state.count('cmdb_ci_service')).toBe(1);
  });

  it('links a project to a demand loaded earlier', () => {
    const fake = createFakeServiceNow();
    const demand = snTicket({ table: 'dmn_demand', number: 'DMND0002001' });
    fake.state.load(people, [demand]);
    const project = snTicket({ table: 'pm_project', parentNumber: 'DMND0002001' });
    fake.state.load([], [project]);
    expect(fake.state.record('pm_project', project.sysId)?.demand).toBe(demand.sysId);
  });
});

describe('records that break the schema', () => {
  it('serves them as stored, leaving out columns set to null', async () => {
    const fake = createFakeServiceNow();
    const sysId = fake.state.insert('incident', {
      number: null,
      priority: 'banana',
      sys_updated_on: '20/11/2026 10:00',
      short_description: 'Broken',
    });
    const { body } = await get(fake, `/api/now/table/incident?sysparm_display_value=all`);
    const record = body.result[0] as Record<string, unknown>;
    expect(record).not.toHaveProperty('number');
    expect(record).toMatchObject({
      sys_id: { value: sysId },
      priority: { display_value: 'banana', value: 'banana' },
      sys_updated_on: { display_value: '20/11/2026 10:00', value: '20/11/2026 10:00' },
    });
  });

  it('forgets a deleted record', async () => {
    const fake = createFakeServiceNow();
    const sysId = fake.state.insert('incident', { number: 'INC0000001' });
    expect(fake.state.deleteRecord('incident', sysId)).toBe(true);
    expect((await get(fake, `/api/now/table/incident/${sysId}`)).status).toBe(404);
  });

  it('refuses a human edit of a column the table lacks (a mistake in the test)', () => {
    const fake = createFakeServiceNow();
    const sysId = fake.state.insert('incident', { number: 'INC0000001' });
    expect(() => fake.state.editAsHuman('incident', sysId, { no_such_column: 'x' })).toThrow(/no column/);
  });
});

describe('a table of 100,000 records', () => {
  it('walks every record exactly once by keyset pages of 10,000', async () => {
    const fake = createFakeServiceNow();
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 100_000; i++) {
      // Ten records share each second, in an order unrelated to sys_id.
      const sysId = ((i * 7919) % 100_000).toString(16).padStart(32, '0');
      fake.state.insert('incident', {
        sys_id: sysId,
        number: `INC${String(i).padStart(7, '0')}`,
        sys_updated_on: formatServiceNowTime(base + Math.floor(i / 10) * 1000),
      });
    }
    const seen = new Set<string>();
    let previous = '';
    let inOrder = true;
    let cursor: { updated: string; sysId: string } | undefined;
    for (let page = 0; page < 20; page++) {
      const where = cursor
        ? `sys_updated_on>${cursor.updated}^ORDERBYsys_updated_on^ORDERBYsys_id^NQsys_updated_on=${cursor.updated}^sys_id>${cursor.sysId}`
        : 'ORDERBYsys_updated_on^ORDERBYsys_id';
      const { body } = await get(
        fake,
        `/api/now/table/incident?sysparm_query=${encodeURIComponent(where)}&sysparm_fields=sys_id,sys_updated_on&sysparm_limit=10000&sysparm_no_count=true`,
      );
      for (const r of body.result) {
        const key = `${r.sys_updated_on as string}|${r.sys_id as string}`;
        inOrder &&= key > previous;
        previous = key;
        seen.add(r.sys_id as string);
      }
      const last = body.result[body.result.length - 1];
      if (!last || body.result.length < 10_000) break;
      cursor = { updated: last.sys_updated_on as string, sysId: last.sys_id as string };
    }
    expect(inOrder).toBe(true);
    expect(seen.size).toBe(100_000);
  });
});
