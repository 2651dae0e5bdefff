import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAuthError } from '../../core/errors.js';
import { unhandledRequestPolicy } from '../../sandbox/http/index.js';
import { BEARING_COLUMNS, person, snTicket } from '../../sandbox/servicenow/index.js';
import type { SeedSnTicket } from '../../sandbox/seed.js';
import { instance } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TABLES = ['incident', 'sc_req_item', 'change_request', 'pm_project', 'dmn_demand'] as const;
const seed = (tables: readonly SeedSnTicket['table'][] = TABLES) => ({
  people: [person('p1'), person('p2')],
  tickets: tables.map((table) => snTicket({ table })),
});

describe('bearing setup on ServiceNow', () => {
  it('reports every table ready when the columns exist on it', async () => {
    const { connector } = instance(server, seed());
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(true);
    expect(report.lines[0]).toContain('checked in sys_dictionary');
    expect(report.lines).toContain(
      'incident: ready (u_alignment_score integer, u_business_goal string, u_alignment_flags string)',
    );
  });

  it('finds columns inherited from task, through sys_db_object', async () => {
    const { connector } = instance(server, seed(), { fake: { customColumns: { task: BEARING_COLUMNS } } });
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(true);
    // pm_project extends planned_task, which extends task.
    expect(report.lines).toContain(
      'pm_project: ready (u_alignment_score integer on task, u_business_goal string on task, u_alignment_flags string on task)',
    );
  });

  it('says exactly which column to create on which table, with its type', async () => {
    const { connector, box } = instance(server, seed());
    box.state.setColumns('pm_project', ['u_alignment_score']);
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(false);
    expect(report.lines).toEqual(
      expect.arrayContaining([
        'pm_project: an admin must create these columns (System Definition > Tables > pm_project):',
        '  - table pm_project, column u_business_goal, type String, max length 100, label "Business Goal"',
        '  - table pm_project, column u_alignment_flags, type String, max length 255, label "Alignment Flags"',
        expect.stringMatching(/^incident: ready/),
      ]),
    );
  });

  it('suggests creating the columns once on task when every table lacks them', async () => {
    const { connector } = instance(server, seed(), { fake: { customColumns: {} } });
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(false);
    expect(report.lines.filter((l) => l.startsWith('  - table '))).toHaveLength(15);
    expect(report.lines.at(-1)).toMatch(
      /^Tip: incident, sc_req_item, change_request, pm_project, dmn_demand all extend task/,
    );
  });

  it('reports a column of the wrong type', async () => {
    const { connector } = instance(server, seed(['incident']), {
      connector: {
        tables: ['incident'],
        fields: { score: 'u_score_text', goal: 'u_business_goal', flags: 'u_alignment_flags' },
      },
      fake: { customColumns: { incident: ['u_score_text', ...BEARING_COLUMNS] } },
    });
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(false);
    expect(report.lines).toContain(
      'incident: u_score_text (on incident) is of type string; bearing needs Integer',
    );
  });

  it('looks at one record per table when sys_dictionary is not readable', async () => {
    const { connector, box } = instance(server, seed(['incident', 'change_request']), {
      connector: { tables: ['incident', 'change_request', 'dmn_demand'] },
    });
    box.state.setAccess('sys_dictionary', { read: false });
    box.state.setAccess('sys_db_object', { read: false });
    box.state.setColumns('change_request', []);
    const report = await connector.setup(AbortSignal.timeout(5000));
    expect(report.ready).toBe(false);
    expect(report.lines[0]).toMatch(/one record per table \(sys_dictionary is not readable/);
    expect(report.lines).toEqual(
      expect.arrayContaining([
        'incident: ready (u_alignment_score, u_business_goal, u_alignment_flags)',
        '  - table change_request, column u_alignment_score, type Integer, label "Alignment Score"',
        expect.stringMatching(/^dmn_demand: could not check \(no record to look at/),
      ]),
    );
  });
});

describe('bearing check on ServiceNow', () => {
  it('signs in and names the account', async () => {
    const { connector, calls } = instance(server, seed(['incident']));
    expect(await connector.check(AbortSignal.timeout(5000))).toBe(
      'ServiceNow https://acme.service-now.com: signed in as bearing',
    );
    expect(calls).toHaveLength(1);
  });

  it('signs in with a token', async () => {
    const { connector } = instance(server, seed(['incident']), {
      connector: { auth: { token: 'tok-123' } },
      fake: { auth: { bearer: [{ token: 'tok-123', user: 'bearing' }] } },
    });
    expect(await connector.check(AbortSignal.timeout(5000))).toMatch(
      /signed in with the token; incident is readable/,
    );
  });

  it('fails on wrong credentials with what to check, without retrying', async () => {
    const { connector, calls } = instance(server, seed(['incident']), {
      connector: { auth: { user: 'bearing', password: 'wrong' } },
    });
    const error = await connector.check(AbortSignal.timeout(5000)).catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /answered 401: .*User Not Authenticated.* — check servicenow\.auth/,
    );
    expect((error as Error).message).not.toContain('wrong');
    expect(calls).toHaveLength(1);
  });

  it('names the table and role when a table is not readable', async () => {
    const { connector, box } = instance(server, seed(['incident']));
    box.state.setAccess('incident', { read: false });
    const pages = connector.pull('incident', {
      cursor: null,
      runStartMs: Date.now(),
      signal: AbortSignal.timeout(5000),
    });
    const error = await (async () => {
      for await (const page of pages) void page;
    })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /answered 403: .* the account needs read access to incident \(the itil role, or a read ACL on incident\)/,
    );
  });
});
