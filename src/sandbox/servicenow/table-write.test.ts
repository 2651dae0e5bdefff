import { describe, expect, it } from 'vitest';
import { BASIC, person, snTicket } from './fixtures.js';
import { createFakeServiceNow, type FakeServiceNow } from './index.js';

const ORIGIN = 'https://acme.service-now.com';
const SYS_ID = 'a'.repeat(32);

async function send(fake: FakeServiceNow, method: string, path: string, body: unknown) {
  const response = await fake.service.handle(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: { Authorization: BASIC, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as { result: Record<string, unknown> } };
}

function oneIncident(clock: { now: number }): FakeServiceNow {
  const fake = createFakeServiceNow({ now: () => clock.now });
  fake.state.load(
    [person('p1'), person('p2')],
    [snTicket({ sysId: SYS_ID, number: 'INC0010012', updated: Date.UTC(2026, 10, 10, 8, 0, 0) })],
  );
  return fake;
}

describe('Table API PATCH / PUT', () => {
  it('writes known columns, ignores unknown ones, and answers with the whole record', async () => {
    const clock = { now: Date.UTC(2026, 10, 20, 9, 30, 0) };
    const fake = oneIncident(clock);
    const before = fake.state.record('incident', SYS_ID);
    const { status, body } = await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, {
      u_alignment_score: 80,
      u_business_goal: 'digital-revenue',
      u_not_a_column: 'x',
    });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      sys_id: SYS_ID,
      number: 'INC0010012',
      short_description: expect.any(String),
      u_alignment_score: '80',
      u_business_goal: 'digital-revenue',
      u_alignment_flags: '',
      sys_updated_on: '2026-11-20 09:30:00',
      sys_updated_by: 'bearing',
      sys_mod_count: String(Number(before?.sys_mod_count) + 1),
    });
    expect(body.result).not.toHaveProperty('u_not_a_column');
    expect(fake.state.writes).toEqual([
      expect.objectContaining({
        table: 'incident',
        sysId: SYS_ID,
        method: 'PATCH',
        via: 'table',
        applied: { u_alignment_score: '80', u_business_goal: 'digital-revenue' },
        ignored: ['u_not_a_column'],
      }),
    ]);
  });

  it('honours sysparm_fields and display values in the answer', async () => {
    const fake = oneIncident({ now: Date.UTC(2026, 10, 20, 9, 30, 0) });
    const { body } = await send(
      fake,
      'PUT',
      `/api/now/table/incident/${SYS_ID}?sysparm_fields=sys_id,u_alignment_score,priority&sysparm_display_value=all`,
      { u_alignment_score: '1234' },
    );
    expect(body.result).toEqual({
      sys_id: { display_value: SYS_ID, value: SYS_ID },
      u_alignment_score: { display_value: '1,234', value: '1234' },
      priority: { display_value: '3 - Moderate', value: '3' },
    });
  });

  it('silently drops a write to a column the table does not have', async () => {
    const fake = oneIncident({ now: Date.UTC(2026, 10, 20, 9, 30, 0) });
    fake.state.setColumns('incident', ['u_alignment_score', 'u_business_goal']);
    const { status, body } = await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, {
      u_alignment_flags: 'misaligned',
    });
    expect(status).toBe(200);
    expect(body.result).not.toHaveProperty('u_alignment_flags');
    expect(fake.state.writes[0]?.ignored).toEqual(['u_alignment_flags']);
  });

  it('leaves sys_updated_on alone when nothing changes or sys fields are suppressed', async () => {
    const clock = { now: Date.UTC(2026, 10, 20, 9, 30, 0) };
    const fake = oneIncident(clock);
    await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, { u_alignment_score: 80 });
    clock.now += 60_000;
    const same = await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, { u_alignment_score: '80' });
    expect(same.body.result.sys_updated_on).toBe('2026-11-20 09:30:00');
    const quiet = await send(
      fake,
      'PATCH',
      `/api/now/table/incident/${SYS_ID}?sysparm_suppress_auto_sys_field=true`,
      { u_alignment_score: 81 },
    );
    expect(quiet.body.result).toMatchObject({
      u_alignment_score: '81',
      sys_updated_on: '2026-11-20 09:30:00',
    });
  });

  it('appends work notes to the journal instead of storing them', async () => {
    const clock = { now: Date.UTC(2026, 10, 20, 9, 30, 0) };
    const fake = oneIncident(clock);
    await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, { work_notes: 'Scored by bearing' });
    clock.now += 60_000;
    fake.state.editAsHuman('incident', SYS_ID, { comments: 'Any news?' }, { user: 'p1' });
    const raw = await send(
      fake,
      'PATCH',
      `/api/now/table/incident/${SYS_ID}?sysparm_fields=work_notes,comments`,
      {},
    );
    expect(raw.body.result).toEqual({ work_notes: '', comments: '' });
    const shown = await send(
      fake,
      'PATCH',
      `/api/now/table/incident/${SYS_ID}?sysparm_fields=work_notes,comments&sysparm_display_value=true`,
      {},
    );
    expect(shown.body.result).toEqual({
      work_notes: '2026-11-20 01:30:00 - bearing (Work notes)\nScored by bearing\n\n',
      comments: '2026-11-20 01:31:00 - Person p1 (Additional comments)\nAny news?\n\n',
    });
  });

  it('answers 404 for an unknown sys_id and 403 for a table the bot may only read', async () => {
    const fake = oneIncident({ now: Date.UTC(2026, 10, 20, 9, 30, 0) });
    const missing = await send(fake, 'PATCH', `/api/now/table/incident/${'f'.repeat(32)}`, {
      u_alignment_score: 1,
    });
    expect(missing.status).toBe(404);
    fake.state.setAccess('incident', { write: false });
    const denied = await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, { u_alignment_score: 1 });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        message: 'Operation Failed',
        detail: 'ACL Exception Update Failed due to security constraints',
      },
      status: 'failure',
    });
    expect(fake.state.record('incident', SYS_ID)?.u_alignment_score).toBeUndefined();
  });

  it('answers 400 in the envelope for a body that is not JSON', async () => {
    const fake = oneIncident({ now: Date.UTC(2026, 10, 20, 9, 30, 0) });
    const { status, body } = await send(fake, 'PATCH', `/api/now/table/incident/${SYS_ID}`, '{"u_alignment');
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: 'failure', error: { message: expect.any(String) } });
  });
});
