import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isConfigError } from '../../core/errors.js';
import { formatServiceNowTime } from '../../core/time.js';
import { workItemSchema, type WorkItem } from '../../model/index.js';
import { unhandledRequestPolicy } from '../../sandbox/http/index.js';
import type { SeedSnTicket } from '../../sandbox/seed.js';
import { person, snTicket } from '../../sandbox/servicenow/index.js';
import type { PulledPage } from '../connector.js';
import { createServiceNowConnector } from './connector.js';
import { createNormalizer } from './normalize.js';
import type { ServiceNowRaw } from './raw.js';
import { BASE, callsTo, COLUMNS, connectorOptions, instance, lastCursor, NOW, pullAll } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const HOUR = 3_600_000;
const people = [person('p1', { name: 'Beth Anglin' }), person('p2', { name: 'Fred Luddy' })];
const items = (pages: readonly PulledPage[]): WorkItem[] => pages.flatMap((p) => p.items.map((i) => i.item));
const keys = (pages: readonly PulledPage[]): string[] => items(pages).map((i) => i.key);

/** `n` incidents; `sameSecond` of them in a row share one sys_updated_on, so page edges fall inside such runs. */
function incidents(n: number, sameSecond = 1, over: Partial<SeedSnTicket> = {}): SeedSnTicket[] {
  return Array.from({ length: n }, (_, i) =>
    snTicket({
      sysId: (0xa000 + ((i * 7) % n)).toString(16).padStart(32, '0'),
      number: `INC${String(20_000 + i).padStart(7, '0')}`,
      created: Date.UTC(2026, 10, 2, 9, 0, 0),
      updated: Date.UTC(2026, 10, 3, 9, 0, 0) + Math.floor(i / sameSecond) * 1000,
      ...over,
    }),
  );
}

describe('pulling a table', () => {
  it('pulls everything on the first run, then only changes, then makes one call when nothing changed', async () => {
    const { connector, calls, box, clock } = instance(
      server,
      { people, tickets: incidents(25) },
      {
        connector: { pageSize: 10 },
      },
    );
    const full = await pullAll(connector, 'incident', null, NOW);
    expect(full.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(new Set(keys(full)).size).toBe(25);
    expect(callsTo(calls, 'table:incident')).toHaveLength(3); // ceil(25 / 10)
    expect(callsTo(calls, 'table:sys_user')).toHaveLength(0); // users come dot-walked in the rows
    const cursors = full.map((p) => p.cursor.updatedMs);
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);

    const edited = items(full)[7] as WorkItem;
    clock.now = NOW + 60_000;
    box.state.editAsHuman('incident', edited.id, { short_description: 'Now about payments' });
    calls.length = 0;
    const incremental = await pullAll(connector, 'incident', lastCursor(full, null), NOW + HOUR);
    expect(items(incremental).map((i) => [i.key, i.title])).toEqual([[edited.key, 'Now about payments']]);
    expect(lastCursor(incremental, null)).toEqual({ updatedMs: NOW + 60_000, lastId: edited.id });

    calls.length = 0;
    const quiet = await pullAll(connector, 'incident', lastCursor(incremental, null), NOW + 2 * HOUR);
    expect(quiet).toEqual([]);
    expect(calls.map((c) => c.endpoint)).toEqual(['table:incident']);
  });

  it('pages by keyset while records change between pages: nothing skipped or repeated, edits come next run', async () => {
    // Runs of three records share a second, so page edges (every 2 records) fall inside them.
    const { connector, box, clock } = instance(
      server,
      { people, tickets: incidents(9, 3) },
      {
        connector: { pageSize: 2 },
      },
    );
    const all = box.state
      .records('incident')
      .sort((a, b) => (`${a.sys_updated_on}${a.sys_id}` < `${b.sys_updated_on}${b.sys_id}` ? -1 : 1));
    const readLater = all[6]?.sys_id as string;
    const seen: string[] = [];
    const pages: PulledPage[] = [];
    for await (const page of connector.pull('incident', {
      cursor: null,
      runStartMs: NOW,
      signal: AbortSignal.timeout(10_000),
    })) {
      pages.push(page);
      seen.push(...page.items.map((i) => i.item.id));
      if (pages.length === 1) {
        // A person edits one record already read and one not read yet, while bearing walks the table.
        clock.now = NOW + 5_000;
        box.state.editAsHuman('incident', seen[0] as string, {
          short_description: 'Edited after it was read',
        });
        box.state.editAsHuman('incident', readLater, { short_description: 'Edited before it was read' });
      }
    }
    expect(seen).toHaveLength(new Set(seen).size);
    expect(new Set(seen)).toEqual(new Set(all.map((r) => r.sys_id).filter((id) => id !== readLater)));

    const next = await pullAll(connector, 'incident', lastCursor(pages, null), NOW + HOUR);
    expect(
      items(next)
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Edited after it was read', 'Edited before it was read']);
  });

  it('ANDs the configured query into every keyset branch', async () => {
    // Priorities 1, 2, 3 in turn, three records a second: a query only in the first ^NQ branch would
    // let priority 3 records in through the sys_updated_on=X^sys_id>Y branch.
    const tickets = incidents(12, 3).map((t, i) => ({ ...t, priority: (i % 3) + 1 }));
    const { connector } = instance(
      server,
      { people, tickets },
      {
        connector: { pageSize: 2, query: 'priority=1^ORpriority=2' },
      },
    );
    const pulled = items(await pullAll(connector, 'incident', null, NOW));
    expect(pulled.map((i) => i.priority).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('refuses a configured query that would escape the window or reorder the pages', () => {
    for (const query of ['active=true^NQactive=false', 'active=true^ORDERBYnumber', 'ORactive=true']) {
      let caught: unknown;
      try {
        createServiceNowConnector(connectorOptions({ query }));
      } catch (error) {
        caught = error;
      }
      expect(isConfigError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/^servicenow\.query must not/);
    }
  });

  it('leaves out records updated at or after the window’s upper edge', async () => {
    const tickets = incidents(3);
    const { connector } = instance(server, { people, tickets }, { connector: { settleMs: 0 } });
    const edge = tickets[1]?.updated as number;
    expect(keys(await pullAll(connector, 'incident', null, edge))).toEqual([tickets[0]?.number]);
  });

  it('waits out a 429 for the time Retry-After names, then goes on', async () => {
    const { connector, box, calls } = instance(
      server,
      { people, tickets: incidents(6) },
      {
        connector: { pageSize: 2 },
      },
    );
    box.injector.setFaults([
      { endpoint: 'table:incident', knobs: { ratePerSecond: 1, retryAfterSeconds: 1, times: 1 } },
    ]);
    const pulled = await pullAll(connector, 'incident', null, NOW);
    expect(keys(pulled)).toHaveLength(6);
    expect(callsTo(calls, 'table:incident').map((c) => c.status)).toEqual([200, 429, 200, 200]);
  });

  it('recovers from 5xx answers and dropped connections', async () => {
    const { connector, box, calls } = instance(
      server,
      { people, tickets: incidents(4) },
      {
        connector: { pageSize: 2 },
      },
    );
    box.injector.setFaults([
      { endpoint: 'table:incident', knobs: { errorRate: 1, errorStatuses: [503, 500], times: 2 } },
    ]);
    expect(keys(await pullAll(connector, 'incident', null, NOW))).toHaveLength(4);
    box.injector.setFaults([{ endpoint: 'table:incident', knobs: { dropRate: 1, times: 1 } }]);
    expect(keys(await pullAll(connector, 'incident', null, NOW))).toHaveLength(4);
    const statuses = callsTo(calls, 'table:incident').map((c) => c.status);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(2);
    expect(statuses.filter((s) => s === 0)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
  });

  it('quarantines a malformed record with table, number, field and reason, and goes on', async () => {
    const { connector, box } = instance(server, { people, tickets: incidents(3) });
    box.state.insert('incident', {
      number: 'INC0099999',
      short_description: 'Broken record',
      priority: 'banana',
      sys_created_on: '2026-11-03 09:00:00',
      sys_updated_on: '2026-11-03 09:00:01',
    });
    const pages = await pullAll(connector, 'incident', null, NOW);
    expect(keys(pages)).toHaveLength(3);
    expect(pages.flatMap((p) => p.quarantined)).toEqual([
      expect.objectContaining({
        system: 'servicenow',
        scope: 'incident',
        recordRef: 'SN:INC0099999',
        field: 'priority',
        reason: 'priority expected empty or an integer 1–5, got "banana"',
      }),
    ]);
    expect(lastCursor(pages, null)?.updatedMs).toBe(Date.UTC(2026, 10, 3, 9, 0, 2));
  });
});

describe('answers the puller cannot trust', () => {
  it('stop the table when a page does not advance, instead of reading it for ever', async () => {
    const { connector } = instance(server, { people, tickets: incidents(3) }, { connector: { pageSize: 2 } });
    const same = await pullAll(connector, 'incident', null, NOW);
    const rows = same.flatMap((p) => p.items.map((i) => (i.raw as { record: unknown }).record));
    // An instance that ignores the keyset part of the query answers the first page again and again.
    server.use(http.get(`${BASE}/api/now/table/incident`, () => HttpResponse.json({ result: rows })));
    await expect(pullAll(connector, 'incident', null, NOW)).rejects.toThrow(
      /incident answered a page that does not advance past 2026-11-03 09:00:01/,
    );
  });

  it('fail the table on a 200 whose body is not a result list', async () => {
    const { connector } = instance(server, { people, tickets: incidents(1) });
    server.use(http.get(`${BASE}/api/now/table/incident`, () => HttpResponse.json({ result: 'oops' })));
    await expect(pullAll(connector, 'incident', null, NOW)).rejects.toThrow(
      /GET https:\/\/acme\.service-now\.com\/api\/now\/table\/incident answered 200 with an unexpected body/,
    );
  });
});

describe('what a pulled item says', () => {
  const done = { status: 'done' as const, resolved: Date.UTC(2026, 10, 4, 15, 0, 0) };
  const tickets = [
    snTicket({ table: 'incident', number: 'INC0030001', ...done }),
    snTicket({ table: 'sc_req_item', number: 'RITM0030001', parentNumber: 'REQ0030001', category: null }),
    snTicket({ table: 'change_request', number: 'CHG0030001', status: 'todo', category: 'network' }),
    snTicket({ table: 'dmn_demand', number: 'DMND0030001', hours: 80, category: 'strategic' }),
    snTicket({ table: 'pm_project', number: 'PRJ0030001', parentNumber: 'DMND0030001', hours: 400 }),
  ];

  it('names references and choices (display values), and links items to their parents', async () => {
    const { connector, box } = instance(server, { people, tickets });
    const incident = box.state.records('incident')[0]?.sys_id as string;
    box.state.editAsHuman('incident', incident, {
      u_alignment_score: 80,
      u_business_goal: 'digital-revenue',
      u_alignment_flags: 'misaligned,duplicate-work',
      comments: 'Still failing at checkout.',
    });
    const byKey = new Map<string, WorkItem>();
    for (const table of await connector.scopes(AbortSignal.timeout(1000))) {
      for (const it of items(await pullAll(connector, table, null, NOW + HOUR)))
        byKey.set(it.key, workItemSchema.parse(it));
    }
    expect([...byKey.keys()].sort()).toEqual([
      'CHG0030001',
      'DMND0030001',
      'INC0030001',
      'PRJ0030001',
      'RITM0030001',
    ]);
    expect(byKey.get('INC0030001')).toMatchObject({
      kind: 'incident',
      status: 'done',
      resolved: '2026-11-04T15:00:00.000Z',
      container: 'Web Commerce',
      team: 'Web Commerce',
      businessService: 'Online Store',
      category: 'Software',
      text: 'First paragraph.\n\nSecond paragraph.\n\nStill failing at checkout.',
      requester: { name: 'Beth Anglin', email: 'p1@acme.example', department: 'IT', title: 'Engineer' },
      assignee: { name: 'Fred Luddy' },
      effort: { value: 1.5, unit: 'hours' },
      held: { score: 80, goal: 'digital-revenue', flags: ['misaligned', 'duplicate-work'] },
    });
    expect(byKey.get('RITM0030001')).toMatchObject({
      kind: 'request',
      parent: 'SN:REQ0030001',
      status: 'doing',
    });
    expect(byKey.get('CHG0030001')).toMatchObject({ kind: 'change', status: 'todo', category: 'network' });
    expect(byKey.get('DMND0030001')).toMatchObject({
      kind: 'demand',
      category: 'Strategic',
      effort: { value: 80, unit: 'hours' },
      requester: { name: 'Beth Anglin' },
    });
    expect(byKey.get('PRJ0030001')).toMatchObject({
      kind: 'project',
      parent: 'SN:DMND0030001',
      effort: { value: 400, unit: 'hours' },
      requester: { name: 'Beth Anglin' },
    });
  });

  it('keeps the record and the users it references as the raw payload', async () => {
    const { connector } = instance(server, { people, tickets: [snTicket({ number: 'INC0030002' })] });
    const [page] = await pullAll(connector, 'incident', null, NOW);
    const raw = page?.items[0]?.raw as {
      table: string;
      record: Record<string, unknown>;
      users: Record<string, unknown>;
    };
    expect(raw.table).toBe('incident');
    expect(Object.keys(raw.users).sort()).toEqual([people[0]?.snSysId, people[1]?.snSysId].sort());
    // A field whose display is its value is kept once; a reference keeps both.
    expect(raw.record.number).toBe('INC0030002');
    expect(raw.record.caller_id).toEqual({ display_value: 'Beth Anglin', value: people[0]?.snSysId });
  });

  it('replays normalization from the stored raw payload to the same item', async () => {
    const { connector } = instance(server, {
      people,
      tickets: [snTicket({ number: 'INC0030003', description: 'Checkout fails', category: 'network' })],
    });
    const [page] = await pullAll(connector, 'incident', null, NOW);
    const pulled = page?.items[0];
    const normalize = createNormalizer({
      baseUrl: BASE,
      columns: COLUMNS,
      executives: { vip: true, emails: new Set(), title: undefined },
    });
    const replayed = normalize(JSON.parse(JSON.stringify(pulled?.raw)) as ServiceNowRaw);
    expect(replayed.ok && replayed.item).toEqual(pulled?.item);
  });
});

describe('requesters', () => {
  it('come in the page itself, with no look-ups, and are named executives by vip, title and e-mail', async () => {
    // Distinct sys_ids (the fixture's default pads with hex digits, so p10 and p170 would collide).
    const user = (n: number, over: Parameters<typeof person>[1] = {}) =>
      person(`p${n}`, { snSysId: n.toString(16).padStart(32, '0'), ...over });
    const requesters = Array.from({ length: 250 }, (_, i) => user(i + 1));
    requesters[0] = user(1, { vip: true });
    requesters[1] = user(2, { title: 'Chief Information Officer' });
    requesters[2] = user(3, { email: 'CIO@Acme.example' });
    requesters[3] = user(4, { email: 'cfo@acme.example' });
    const assignee = user(999);
    const tickets = requesters.map((p, i) =>
      snTicket({ requesterId: p.id, assigneeId: assignee.id, updated: Date.UTC(2026, 10, 3) + i * 1000 }),
    );
    const { connector, calls } = instance(
      server,
      { people: [...requesters, assignee], tickets },
      {
        connector: {
          pageSize: 150,
          executives: {
            emails: ['cio@acme.EXAMPLE'],
            servicenow: { vip: true, titlePattern: '^(Chief|VP)' },
          },
          sponsorEmails: ['CFO@acme.example'],
        },
      },
    );
    const pulled = items(await pullAll(connector, 'incident', null, NOW));
    expect(pulled).toHaveLength(250);
    expect(callsTo(calls, 'table:sys_user')).toHaveLength(0);
    expect(callsTo(calls, 'table:incident')).toHaveLength(2);
    const executives = pulled.filter((i) => i.requester?.isExecutive).map((i) => i.requester?.email);
    expect(executives.sort()).toEqual([
      'CIO@Acme.example',
      'cfo@acme.example',
      'p1@acme.example',
      'p2@acme.example',
    ]);
    expect(pulled.every((i) => i.assignee?.id === assignee.snSysId && !i.assignee.isExecutive)).toBe(true);
    expect(pulled.find((i) => i.requester?.id === requesters[4]?.snSysId)?.requester).toEqual({
      id: requesters[4]?.snSysId,
      name: 'Person p5',
      email: 'p5@acme.example',
      title: 'Engineer',
      department: 'IT',
      isExecutive: false,
    });
  });
});

describe('the page size', () => {
  it('is one more row than a page per request, so the last page needs no extra call', async () => {
    const { connector, calls } = instance(
      server,
      { people, tickets: incidents(20) },
      {
        connector: { pageSize: 10 },
      },
    );
    const pages = await pullAll(connector, 'incident', null, NOW);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10]);
    expect(callsTo(calls, 'table:incident')).toHaveLength(2);
  });

  it('asks for the window in UTC literals, sent with %20 rather than +', async () => {
    const urls: string[] = [];
    server.events.on('request:start', ({ request }) => {
      urls.push(request.url);
    });
    const { connector } = instance(server, { people, tickets: incidents(1) });
    await pullAll(connector, 'incident', null, NOW);
    server.events.removeAllListeners();
    const page = urls.find((u) => u.includes('/table/incident')) as string;
    expect(page).toContain(encodeURIComponent(`sys_updated_on<${formatServiceNowTime(NOW - 10_000)}`));
    expect(page).not.toContain('+');
    expect(new URL(page).searchParams.get('sysparm_display_value')).toBe('all');
    expect(new URL(page).searchParams.get('sysparm_fields')?.split(',')).toEqual(
      expect.arrayContaining([
        'sys_id',
        'caller_id',
        'u_alignment_score',
        'u_business_goal',
        'u_alignment_flags',
      ]),
    );
  });
});
