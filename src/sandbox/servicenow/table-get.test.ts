import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatServiceNowTime } from '../../core/index.js';
import { BASIC, person, snTicket } from './fixtures.js';
import { createFakeServiceNow, type FakeServiceNow } from './index.js';

const ORIGIN = 'https://acme.service-now.com';

async function get(fake: FakeServiceNow, path: string) {
  const response = await fake.service.handle(
    new Request(`${ORIGIN}${path}`, { headers: { Authorization: BASIC } }),
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { result: Record<string, unknown>[] } & Record<string, unknown>,
  };
}

const q = (query: string): string => encodeURIComponent(query);
const numbers = (body: { result: Record<string, unknown>[] }): unknown[] => body.result.map((r) => r.number);

/** Five incidents updated one minute apart, INC…1 oldest. */
function fiveIncidents(): FakeServiceNow {
  const fake = createFakeServiceNow({ now: () => Date.UTC(2026, 10, 20, 12, 0, 0) });
  const base = Date.UTC(2026, 10, 10, 8, 0, 0);
  fake.state.load(
    [person('p1', { name: 'Beth Anglin', vip: true }), person('p2', { name: 'Fred Luddy' })],
    [1, 2, 3, 4, 5].map((i) =>
      snTicket({
        sysId: String(i).padStart(32, '0'),
        number: `INC000000${i}`,
        priority: i,
        created: base,
        updated: base + i * 60_000,
        assigneeId: i === 5 ? null : 'p2',
      }),
    ),
  );
  return fake;
}

describe('Table API GET: paging', () => {
  it('pages by offset with X-Total-Count and first/prev/next/last links repeating the parameters', async () => {
    const fake = fiveIncidents();
    const page = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q('ORDERBYnumber')}&sysparm_fields=number&sysparm_limit=2&sysparm_offset=2`,
    );
    expect(numbers(page.body)).toEqual(['INC0000003', 'INC0000004']);
    expect(page.headers.get('x-total-count')).toBe('5');
    const at = (o: number) =>
      `<${ORIGIN}/api/now/table/incident?sysparm_query=ORDERBYnumber&sysparm_fields=number&sysparm_limit=2&sysparm_offset=${o}>`;
    expect(page.headers.get('link')).toBe(
      `${at(0)};rel="first",${at(0)};rel="prev",${at(4)};rel="next",${at(4)};rel="last"`,
    );
  });

  it('leaves out prev on the first page, next on the last, and the whole Link when one page holds everything', async () => {
    const fake = fiveIncidents();
    const first = await get(fake, '/api/now/table/incident?sysparm_limit=2');
    expect(first.headers.get('link')).not.toContain('rel="prev"');
    expect(first.headers.get('link')).toContain('rel="next"');
    const last = await get(fake, '/api/now/table/incident?sysparm_limit=2&sysparm_offset=4');
    expect(last.body.result).toHaveLength(1);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const all = await get(fake, '/api/now/table/incident?sysparm_limit=5');
    expect(all.headers.get('link')).toBeNull();
    expect(all.headers.get('x-total-count')).toBe('5');
  });

  it('omits X-Total-Count with sysparm_no_count and Link with sysparm_suppress_pagination_header', async () => {
    const fake = fiveIncidents();
    const noCount = await get(fake, '/api/now/table/incident?sysparm_limit=2&sysparm_no_count=true');
    expect(noCount.headers.get('x-total-count')).toBeNull();
    expect(noCount.headers.get('link')).toContain('rel="next"');
    expect(noCount.headers.get('link')).not.toContain('rel="last"');
    const quiet = await get(
      fake,
      '/api/now/table/incident?sysparm_limit=2&sysparm_suppress_pagination_header=true',
    );
    expect(quiet.headers.get('link')).toBeNull();
  });

  it('answers an empty page as {"result": []} with 200', async () => {
    const fake = fiveIncidents();
    const page = await get(fake, '/api/now/table/incident?sysparm_offset=50');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ result: [] });
  });

  it('serves 10,000 rows without sysparm_limit and caps the page only when a cap is configured', async () => {
    const fake = createFakeServiceNow({ maxLimit: 3 });
    for (let i = 0; i < 10_001; i++) fake.state.insert('sys_user_group', { name: `Group ${i}` });
    fake.state.config.maxLimit = undefined;
    const page = await get(fake, '/api/now/table/sys_user_group?sysparm_fields=name');
    expect(page.body.result).toHaveLength(10_000);
    fake.state.config.maxLimit = 3;
    const capped = await get(fake, '/api/now/table/sys_user_group?sysparm_fields=name&sysparm_limit=100');
    expect(capped.body.result).toHaveLength(3);
    expect(capped.headers.get('link')).toContain('sysparm_limit=3&sysparm_offset=3>;rel="next"');
  });

  it('pages by keyset on (sys_updated_on, sys_id) without losing a record a person edits between pages', async () => {
    let clock = Date.UTC(2026, 10, 20, 12, 0, 0);
    const fake = createFakeServiceNow({ now: () => clock });
    const same = Date.UTC(2026, 10, 10, 8, 0, 0);
    // Six incidents, four sharing one sys_updated_on second: offset paging by time alone would skip some.
    fake.state.load(
      [person('p1'), person('p2')],
      [1, 2, 3, 4, 5, 6].map((i) =>
        snTicket({
          sysId: String(i).padStart(32, '0'),
          number: `INC000000${i}`,
          created: same,
          updated: i <= 4 ? same : same + i * 1000,
        }),
      ),
    );
    const seen: string[] = [];
    let cursor: { updated: string; sysId: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const where = cursor
        ? `sys_updated_on>${cursor.updated}^NQsys_updated_on=${cursor.updated}^sys_id>${cursor.sysId}`
        : '';
      const query = `${where}${where ? '^' : ''}ORDERBYsys_updated_on^ORDERBYsys_id`;
      const { body } = await get(
        fake,
        `/api/now/table/incident?sysparm_query=${q(query)}&sysparm_fields=number,sys_id,sys_updated_on&sysparm_limit=2`,
      );
      if (page === 0) {
        // A person edits INC0000001 (already read) and INC0000004 (not yet read) after the first page.
        clock += 60_000;
        fake.state.editAsHuman('incident', '1'.padStart(32, '0'), { short_description: 'edited' });
        fake.state.editAsHuman('incident', '4'.padStart(32, '0'), { short_description: 'edited' });
      }
      for (const r of body.result) seen.push(r.number as string);
      const last = body.result[body.result.length - 1];
      if (body.result.length < 2 || !last) break;
      cursor = { updated: last.sys_updated_on as string, sysId: last.sys_id as string };
    }
    expect(seen).toEqual([
      'INC0000001',
      'INC0000002',
      'INC0000003',
      'INC0000005',
      'INC0000006',
      'INC0000001',
      'INC0000004',
    ]);
  });
  it('reads a keyset condition written with ^OR as (a OR b) AND c, as the platform does: only ^NQ keeps later rows', async () => {
    const fake = fiveIncidents();
    // After (08:02:00, sys_id …2): rows updated later but with a smaller sys_id must still come.
    fake.state.editAsHuman('incident', '1'.padStart(32, '0'), { short_description: 'later' });
    const after = (where: string) =>
      get(
        fake,
        `/api/now/table/incident?sysparm_query=${q(`${where}^ORDERBYsys_updated_on^ORDERBYsys_id`)}&sysparm_fields=number`,
      );
    const x = '2026-11-10 08:02:00';
    const y = '2'.padStart(32, '0');
    const withOr = await after(`sys_updated_on>${x}^ORsys_updated_on=${x}^sys_id>${y}`);
    expect(numbers(withOr.body)).toEqual(['INC0000003', 'INC0000004', 'INC0000005']);
    const withNq = await after(`sys_updated_on>${x}^NQsys_updated_on=${x}^sys_id>${y}`);
    expect(numbers(withNq.body)).toEqual(['INC0000003', 'INC0000004', 'INC0000005', 'INC0000001']);
  });

  it('serves the newest first with ORDERBYDESCsys_updated_on', async () => {
    const { body } = await get(
      fiveIncidents(),
      `/api/now/table/incident?sysparm_query=${q('priority>1^ORDERBYDESCsys_updated_on')}&sysparm_fields=number&sysparm_limit=2`,
    );
    expect(numbers(body)).toEqual(['INC0000005', 'INC0000004']);
  });
});

describe('Table API GET: encoded queries', () => {
  const cases: [string, string, string[]][] = [
    ['=', 'priority=2', ['INC0000002']],
    ['!=', 'priority!=2', ['INC0000001', 'INC0000003', 'INC0000004', 'INC0000005']],
    ['> on integers compares numbers', 'priority>3', ['INC0000004', 'INC0000005']],
    ['>= and <=', 'priority>=2^priority<=3', ['INC0000002', 'INC0000003']],
    ['<', 'priority<2', ['INC0000001']],
    ['IN', 'numberININC0000001,INC0000005', ['INC0000001', 'INC0000005']],
    ['NOT IN', 'priorityNOT IN1,2,3', ['INC0000004', 'INC0000005']],
    [
      'STARTSWITH ignores case',
      'numberSTARTSWITHinc000000',
      ['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004', 'INC0000005'],
    ],
    ['LIKE', 'numberLIKE0003', ['INC0000003']],
    ['ISEMPTY', 'assigned_toISEMPTY', ['INC0000005']],
    ['ISNOTEMPTY', 'assigned_toISNOTEMPTY^priority>3', ['INC0000004']],
    ['^OR binds to the term before it', 'priority=1^ORpriority=5^active=true', ['INC0000001', 'INC0000005']],
    ['^NQ ORs whole queries', 'priority=1^active=false^NQpriority=4', ['INC0000004']],
    ['dot-walks references', 'caller_id.name=Beth Anglin^priority=1', ['INC0000001']],
    [
      '!= leaves out empty values, as SQL does',
      'assigned_to!=nobody',
      ['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004'],
    ],
  ];
  it.each(cases)('%s', async (_name, query, expected) => {
    const { body } = await get(
      fiveIncidents(),
      `/api/now/table/incident?sysparm_query=${q(`${query}^ORDERBYnumber`)}`,
    );
    expect(numbers(body)).toEqual(expected);
  });

  it('sorts by several ORDERBY / ORDERBYDESC keys', async () => {
    const fake = fiveIncidents();
    fake.state.editAsHuman('incident', '2'.padStart(32, '0'), { priority: '4' });
    const { body } = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q('ORDERBYDESCpriority^ORDERBYnumber')}&sysparm_fields=number`,
    );
    expect(numbers(body)).toEqual(['INC0000005', 'INC0000002', 'INC0000004', 'INC0000003', 'INC0000001']);
  });

  it('silently ignores a condition on an unknown field, or answers nothing when the instance says so', async () => {
    const fake = fiveIncidents();
    const ignored = await get(fake, `/api/now/table/incident?sysparm_query=${q('u_typo=1^priority=1')}`);
    expect(numbers(ignored.body)).toEqual(['INC0000001']);
    const typoOnly = await get(fake, `/api/now/table/incident?sysparm_query=${q('prioritty=1')}`);
    expect(typoOnly.body.result).toHaveLength(5);
    fake.state.config.invalidQueryReturnsNoRows = true;
    const none = await get(fake, `/api/now/table/incident?sysparm_query=${q('prioritty=1')}`);
    expect(none.body.result).toEqual([]);
    expect(none.headers.get('x-total-count')).toBe('0');
  });

  it('decodes + in the query string as a space (axios sends spaces that way)', async () => {
    const { body } = await get(
      fiveIncidents(),
      '/api/now/table/incident?sysparm_query=caller_id.name%3DBeth+Anglin%5Epriority%3D2&sysparm_fields=number',
    );
    expect(numbers(body)).toEqual(['INC0000002']);
  });
});

describe('Table API GET: date-times in UTC under a non-UTC process time zone', () => {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata';
  });
  afterAll(() => {
    process.env.TZ = previous;
  });

  it('runs in a zone where local time is not UTC', () => {
    expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(-330);
  });

  it('compares a plain literal as UTC and stores sys_updated_on in UTC', async () => {
    const fake = fiveIncidents();
    // INC0000002 was updated at 08:02:00 UTC (13:32 in Kolkata).
    const { body } = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q('sys_updated_on>=2026-11-10 08:02:00^sys_updated_on<2026-11-10 08:04:00^ORDERBYnumber')}&sysparm_fields=number,sys_updated_on`,
    );
    expect(body.result).toEqual([
      { number: 'INC0000002', sys_updated_on: '2026-11-10 08:02:00' },
      { number: 'INC0000003', sys_updated_on: '2026-11-10 08:03:00' },
    ]);
  });

  it("reads gs.dateGenerate literals in the API user's time zone", async () => {
    const fake = fiveIncidents();
    fake.state.config.userTimeZone = 'America/New_York';
    // 03:03:00 in New York (EST, UTC-5) is 08:03:00 UTC.
    const literal = "javascript:gs.dateGenerate('2026-11-10','03:03:00')";
    const { body } = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q(`sys_updated_on>=${literal}^ORDERBYnumber`)}&sysparm_fields=number`,
    );
    expect(numbers(body)).toEqual(['INC0000003', 'INC0000004', 'INC0000005']);
  });

  it("shows display values in the API user's time zone, raw values in UTC", async () => {
    const fake = fiveIncidents();
    fake.state.config.userTimeZone = 'America/Los_Angeles';
    const { body } = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q('number=INC0000001')}&sysparm_fields=sys_updated_on&sysparm_display_value=all`,
    );
    expect(body.result[0]).toEqual({
      sys_updated_on: { display_value: '2026-11-10 00:01:00', value: '2026-11-10 08:01:00' },
    });
    expect(formatServiceNowTime(Date.UTC(2026, 10, 10, 8, 1, 0))).toBe('2026-11-10 08:01:00');
  });

  it('shows display times on both sides of a daylight-saving change, in each zone asked for', async () => {
    const updated = {
      // Europe/Berlin leaves summer time at 01:00 UTC on 2026-10-25.
      INC0000001: ['2026-10-24 12:00:00', '2026-10-24 14:00:00'],
      INC0000002: ['2026-10-25 00:59:59', '2026-10-25 02:59:59'],
      INC0000003: ['2026-10-25 01:00:00', '2026-10-25 02:00:00'],
      INC0000004: ['2026-10-25 23:00:00', '2026-10-26 00:00:00'],
      // America/New_York enters summer time at 07:00 UTC on 2026-03-08.
      INC0000005: ['2026-03-07 12:00:00', '2026-03-07 07:00:00'],
      INC0000006: ['2026-03-08 06:59:59', '2026-03-08 01:59:59'],
      INC0000007: ['2026-03-08 07:00:00', '2026-03-08 03:00:00'],
      INC0000008: ['2026-03-09 03:59:59', '2026-03-08 23:59:59'],
    };
    const fake = createFakeServiceNow({ now: () => Date.UTC(2026, 11, 1) });
    fake.state.load(
      [person('p1'), person('p2')],
      Object.entries(updated).map(([number, [utc]]) => {
        const at = Date.parse(`${(utc as string).replace(' ', 'T')}Z`);
        return snTicket({ number, created: at, updated: at });
      }),
    );
    const shown = async (timeZone: string, numbers: string[]) => {
      fake.state.config.userTimeZone = timeZone;
      const query = q(`numberIN${numbers.join(',')}^ORDERBYnumber`);
      const { body } = await get(
        fake,
        `/api/now/table/incident?sysparm_query=${query}&sysparm_fields=sys_updated_on&sysparm_display_value=all`,
      );
      return body.result.map((r) => r.sys_updated_on);
    };
    const expected = (numbers: string[]) =>
      numbers.map((n) => {
        const [value, display] = updated[n as keyof typeof updated];
        return { display_value: display, value };
      });
    const berlin = ['INC0000001', 'INC0000002', 'INC0000003', 'INC0000004'];
    const newYork = ['INC0000005', 'INC0000006', 'INC0000007', 'INC0000008'];
    expect(await shown('Europe/Berlin', berlin)).toEqual(expected(berlin));
    expect(await shown('America/New_York', newYork)).toEqual(expected(newYork));
    // Asked again after the other zone: nothing one zone learnt leaks into the other.
    expect(await shown('Europe/Berlin', berlin)).toEqual(expected(berlin));
  });
});

describe('Table API GET: values and display values', () => {
  const path = (params: string) =>
    `/api/now/table/incident/${'1'.padStart(32, '0')}?sysparm_fields=number,priority,caller_id,assigned_to,assignment_group,vip_missing,time_worked&${params}`;

  it('sends every value as a string and references as {link, value} by default', async () => {
    const fake = fiveIncidents();
    const { body } = await get(fake, path(''));
    const caller = person('p1').snSysId;
    expect(body.result).toMatchObject({
      number: 'INC0000001',
      priority: '1',
      time_worked: '1970-01-01 01:30:00',
      caller_id: { link: `${ORIGIN}/api/now/table/sys_user/${caller}`, value: caller },
    });
    expect(Object.keys(body.result)).not.toContain('vip_missing');
  });

  it('renders references as {display_value, link} with display values and all three with all', async () => {
    const fake = fiveIncidents();
    const caller = person('p1').snSysId;
    const link = `${ORIGIN}/api/now/table/sys_user/${caller}`;
    const shown = await get(fake, path('sysparm_display_value=true'));
    expect(shown.body.result).toMatchObject({
      priority: '1 - Critical',
      time_worked: '1 Hour 30 Minutes',
      caller_id: { display_value: 'Beth Anglin', link },
    });
    const all = await get(fake, path('sysparm_display_value=all'));
    expect(all.body.result).toMatchObject({
      priority: { display_value: '1 - Critical', value: '1' },
      caller_id: { display_value: 'Beth Anglin', link, value: caller },
      assignment_group: { display_value: 'Web Commerce' },
    });
  });

  it('drops the link with sysparm_exclude_reference_link: bare sys_id, bare display value, or {display_value, value}', async () => {
    const fake = fiveIncidents();
    const caller = person('p1').snSysId;
    const raw = await get(fake, path('sysparm_exclude_reference_link=true'));
    expect(raw.body.result).toMatchObject({ caller_id: caller });
    const shown = await get(fake, path('sysparm_exclude_reference_link=true&sysparm_display_value=true'));
    expect(shown.body.result).toMatchObject({ caller_id: 'Beth Anglin' });
    const all = await get(fake, path('sysparm_exclude_reference_link=true&sysparm_display_value=all'));
    expect(all.body.result).toMatchObject({ caller_id: { display_value: 'Beth Anglin', value: caller } });
  });

  it('sends an empty reference as "" (an object only with display_value=all)', async () => {
    const fake = fiveIncidents();
    const empty = `/api/now/table/incident/${'5'.padStart(32, '0')}?sysparm_fields=assigned_to`;
    expect((await get(fake, empty)).body.result).toEqual({ assigned_to: '' });
    expect((await get(fake, `${empty}&sysparm_display_value=true`)).body.result).toEqual({ assigned_to: '' });
    expect((await get(fake, `${empty}&sysparm_display_value=all`)).body.result).toEqual({
      assigned_to: { display_value: '', value: '' },
    });
  });

  it('returns dot-walked fields under their dotted names', async () => {
    const fake = fiveIncidents();
    const { body } = await get(
      fake,
      `/api/now/table/incident/${'1'.padStart(32, '0')}?sysparm_fields=number,caller_id.email,caller_id.vip,caller_id.department.name`,
    );
    expect(body.result).toEqual({
      number: 'INC0000001',
      'caller_id.email': 'p1@acme.example',
      'caller_id.vip': 'true',
      'caller_id.department.name': 'IT',
    });
  });

  it('follows each dot-walk from its own record on every row of a page', async () => {
    const fake = fiveIncidents();
    const { body } = await get(
      fake,
      `/api/now/table/incident?sysparm_query=${q('ORDERBYnumber')}&sysparm_fields=number,assigned_to.name,assigned_to.email,caller_id.name`,
    );
    const fred = { 'assigned_to.name': 'Fred Luddy', 'assigned_to.email': 'p2@acme.example' };
    const unassigned = { 'assigned_to.name': '', 'assigned_to.email': '' };
    expect(body.result).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({
        number: `INC000000${i}`,
        ...(i === 5 ? unassigned : fred),
        'caller_id.name': 'Beth Anglin',
      })),
    );
  });

  it('matches the shapes of the recorded PDI incident (display_value=false)', async () => {
    const fake = fiveIncidents();
    const { body } = await get(fake, `/api/now/table/incident/${'1'.padStart(32, '0')}`);
    const record = body.result as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      const ok =
        typeof value === 'string' ||
        (typeof value === 'object' &&
          value !== null &&
          Object.keys(value).sort().join() === 'link,value' &&
          /\/api\/now\/table\/\w+\/[0-9a-f]{32}$/.test((value as { link: string }).link));
      expect(ok, key).toBe(true);
    }
    expect(record.business_service).toMatchObject({
      link: expect.stringContaining('/api/now/table/cmdb_ci_service/'),
    });
    expect(record).toMatchObject({ state: '2', active: 'true', sys_class_name: 'incident', comments: '' });
  });
});

describe('Table API GET: sys_dictionary and errors', () => {
  const check = (table: string) =>
    `/api/now/table/sys_dictionary?sysparm_query=${q(`name=${table}^elementINu_alignment_score,u_business_goal,u_alignment_flags`)}&sysparm_fields=name,element,internal_type&sysparm_exclude_reference_link=true`;

  it("lists bearing's columns where they exist and nothing where they are missing", async () => {
    const fake = createFakeServiceNow();
    fake.state.setColumns('change_request', ['u_alignment_score']);
    const incident = await get(fake, check('incident'));
    expect(incident.body.result).toEqual([
      { name: 'incident', element: 'u_alignment_score', internal_type: 'integer' },
      { name: 'incident', element: 'u_business_goal', internal_type: 'string' },
      { name: 'incident', element: 'u_alignment_flags', internal_type: 'string' },
    ]);
    expect((await get(fake, check('change_request'))).body.result).toEqual([
      { name: 'change_request', element: 'u_alignment_score', internal_type: 'integer' },
    ]);
  });

  it('lists an inherited column under the table that defines it (task), not under the child', async () => {
    const fake = createFakeServiceNow({ customColumns: { task: ['u_alignment_score'] } });
    expect((await get(fake, check('incident'))).body.result).toEqual([]);
    expect((await get(fake, check('task'))).body.result).toHaveLength(1);
    const inherited = await get(
      fake,
      `/api/now/table/incident?sysparm_fields=u_alignment_score&sysparm_limit=1`,
    );
    expect(inherited.status).toBe(200);
    const parent = await get(
      fake,
      `/api/now/table/sys_db_object?sysparm_query=name=incident&sysparm_fields=super_class.name`,
    );
    expect(parent.body.result).toEqual([{ 'super_class.name': 'task' }]);
  });

  it('answers 400 for an unknown table and 404 for an unknown sys_id, in the error envelope', async () => {
    const fake = fiveIncidents();
    const table = await get(fake, '/api/now/table/bogus_table');
    expect(table.status).toBe(400);
    expect(table.body).toEqual({
      error: { message: 'Invalid table bogus_table', detail: null },
      status: 'failure',
    });
    const record = await get(fake, `/api/now/table/incident/${'f'.repeat(32)}`);
    expect(record.status).toBe(404);
    expect(record.body).toEqual({
      error: {
        message: 'No Record found',
        detail: "Record doesn't exist or ACL restricts the record retrieval",
      },
      status: 'failure',
    });
  });

  it('answers 403 to a list read an ACL forbids, and 404 to a single read', async () => {
    const fake = fiveIncidents();
    fake.state.setAccess('incident', { read: false });
    const list = await get(fake, '/api/now/table/incident');
    expect(list.status).toBe(403);
    expect(list.body).toEqual({
      error: { message: 'Insufficient rights to query records', detail: null },
      status: 'failure',
    });
    expect((await get(fake, `/api/now/table/incident/${'1'.padStart(32, '0')}`)).status).toBe(404);
  });

  it('serves the versioned paths too', async () => {
    const fake = fiveIncidents();
    for (const version of ['v1', 'v2']) {
      const { body } = await get(
        fake,
        `/api/now/${version}/table/incident?sysparm_fields=number&sysparm_limit=1`,
      );
      expect(body.result).toHaveLength(1);
    }
  });
});
