import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log.js';
import type { WorkItem } from '../../model/index.js';
import { unhandledRequestPolicy } from '../../sandbox/http/index.js';
import { person, snTicket } from '../../sandbox/servicenow/index.js';
import type { Connector, PlannedWrite } from '../connector.js';
import { BASE, callsTo, instance, NOW, pullAll } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
});
afterAll(() => server.close());

const people = [person('p1'), person('p2')];
const signal = () => AbortSignal.timeout(10_000);

function seed(perTable: number) {
  const tickets = (['incident', 'change_request'] as const).flatMap((table) =>
    Array.from({ length: perTable }, () => snTicket({ table })),
  );
  return { people, tickets };
}

async function itemsOf(connector: Connector, table: string): Promise<WorkItem[]> {
  return (await pullAll(connector, table, null, NOW)).flatMap((p) => p.items.map((i) => i.item));
}

const write = (
  item: WorkItem,
  fields: PlannedWrite['fields'] = ['score', 'goal', 'flags'],
): PlannedWrite => ({
  item,
  values: { score: 80, goal: 'digital-revenue', flags: ['duplicate-tool', 'misaligned'] },
  fields,
});

/** Log lines at error level, parsed. */
function capturingLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = createLogger({
    level: 'info',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { log, errors: () => lines.filter((l) => l.level >= 50).map((l) => l.msg) };
}

describe('reading back bearing’s columns', () => {
  it('asks for the records by sys_id, one call per table, so records inside the settle window are seen', async () => {
    const { connector, box, calls } = instance(server, seed(3));
    const incidents = await itemsOf(connector, 'incident');
    const changes = await itemsOf(connector, 'change_request');
    await connector.writer.write([write(incidents[0] as WorkItem), write(changes[1] as WorkItem)], signal());
    box.state.deleteRecord('incident', incidents[2]?.id as string);
    calls.length = 0;
    const held = await connector.writer.readHeld([...incidents, ...changes], signal());
    const written = { score: 80, goal: 'digital-revenue', flags: ['duplicate-tool', 'misaligned'] };
    const empty = { score: null, goal: null, flags: null };
    expect([...incidents, ...changes].map((i) => held.get(i.uid) ?? 'absent')).toEqual([
      written,
      empty,
      'absent',
      empty,
      written,
      empty,
    ]);
    expect(callsTo(calls, 'table:incident')).toHaveLength(1);
    expect(callsTo(calls, 'table:change_request')).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });
});

describe('writing bearing’s columns one PATCH per record', () => {
  it('sends only the changed columns, asks only for them back, and checks they landed', async () => {
    const { connector, box } = instance(server, seed(2));
    const [a, b] = await itemsOf(connector, 'incident');
    const urls: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PATCH') urls.push(request.url);
    });
    const outcomes = await connector.writer.write(
      [write(a as WorkItem, ['score']), write(b as WorkItem, ['goal', 'flags'])],
      signal(),
    );
    expect(outcomes).toEqual([
      { uid: a?.uid, ok: true },
      { uid: b?.uid, ok: true },
    ]);
    expect(box.state.writes.map((w) => w.body)).toEqual(
      expect.arrayContaining([
        { u_alignment_score: 80 },
        { u_business_goal: 'digital-revenue', u_alignment_flags: 'duplicate-tool,misaligned' },
      ]),
    );
    expect(box.state.record('incident', a?.id as string)?.u_alignment_score).toBe('80');
    expect(urls.map((u) => new URL(u).searchParams.get('sysparm_fields')).sort()).toEqual([
      'sys_id,u_alignment_score',
      'sys_id,u_business_goal,u_alignment_flags',
    ]);
  });

  it('fails a write whose answer holds another value, naming both', async () => {
    const { connector } = instance(server, seed(1));
    const [item] = await itemsOf(connector, 'incident');
    server.use(
      http.patch(`${BASE}/api/now/table/incident/:id`, ({ params }) =>
        HttpResponse.json({ result: { sys_id: params.id, u_alignment_score: '8' } }),
      ),
    );
    const [outcome] = await connector.writer.write([write(item as WorkItem, ['score'])], signal());
    expect(outcome).toMatchObject({ ok: false, retry: false });
    expect(outcome?.ok === false && outcome.reason).toContain(
      'wrote u_alignment_score = "80" but the record holds "8"',
    );
  });

  it('fails a write to a column that disappeared, instead of believing the silent 200', async () => {
    const { connector, box } = instance(server, seed(2));
    const [a, b] = await itemsOf(connector, 'incident');
    expect((await connector.writer.write([write(a as WorkItem)], signal()))[0]?.ok).toBe(true);
    box.state.setColumns('incident', ['u_alignment_score', 'u_business_goal']);
    const [outcome] = await connector.writer.write([write(b as WorkItem)], signal());
    expect(outcome).toMatchObject({ ok: false, retry: false });
    expect(outcome?.ok === false && outcome.reason).toMatch(
      /incident has no column u_alignment_flags .* run bearing setup/,
    );
  });

  it('refuses a table whose columns are missing, once per table, without sending its writes', async () => {
    const { log, errors } = capturingLog();
    const { connector, box } = instance(server, seed(3), { connector: { log } });
    box.state.setColumns('change_request', ['u_alignment_score']);
    const writes = [
      ...(await itemsOf(connector, 'incident')).map((i) => write(i)),
      ...(await itemsOf(connector, 'change_request')).map((i) => write(i)),
    ];
    const outcomes = await connector.writer.write(writes, signal());
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused).toHaveLength(3);
    for (const o of refused) {
      expect(o.ok === false && o.reason).toMatch(
        /change_request: an admin must create these columns .* table change_request, column u_business_goal, type String, max length 100/,
      );
    }
    expect(box.injector.count('table:change_request:write')).toBe(0);
    expect(errors().filter((m) => m.includes('change_request'))).toHaveLength(1);
  });

  it('names the table and the role or ACL on a 403, and writes the other tables', async () => {
    const { connector, box } = instance(server, seed(20));
    box.state.setAccess('change_request', { write: false });
    const writes = [
      ...(await itemsOf(connector, 'change_request')).map((i) => write(i)),
      ...(await itemsOf(connector, 'incident')).map((i) => write(i)),
    ];
    const outcomes = await connector.writer.write(writes, signal());
    expect(outcomes.slice(20).every((o) => o.ok)).toBe(true);
    for (const o of outcomes.slice(0, 20)) {
      expect(o).toMatchObject({ ok: false, retry: true });
      expect(o.ok === false && o.reason).toMatch(
        /change_request.*itil role.*write ACLs on change_request\.u_alignment_score/,
      );
    }
    // After a few refusals with no success, the rest of the table is not tried (the first ones are
    // already in flight together).
    expect(box.injector.count('table:change_request:write')).toBeLessThan(20);
  });

  it('fails a write to a record that is gone, and writes the others', async () => {
    const { connector, box } = instance(server, seed(2));
    const [gone, kept] = await itemsOf(connector, 'incident');
    box.state.deleteRecord('incident', gone?.id as string);
    const outcomes = await connector.writer.write(
      [write(gone as WorkItem), write(kept as WorkItem)],
      signal(),
    );
    expect(outcomes[0]).toMatchObject({ ok: false, retry: false });
    expect(outcomes[0]?.ok === false && outcomes[0].reason).toContain(
      'the record is gone, or an ACL hides it',
    );
    expect(outcomes[1]?.ok).toBe(true);
  });

  it('stops sending on a 401 and fails the rest with the credentials hint', async () => {
    const { connector, box } = instance(server, seed(20));
    const writes = (await itemsOf(connector, 'incident')).map((i) => write(i));
    await connector.writer.write(writes.slice(0, 1), signal()); // the columns are known from here on
    server.use(
      http.patch(`${BASE}/api/now/table/incident/:id`, () =>
        HttpResponse.json(
          { error: { message: 'User Not Authenticated', detail: null }, status: 'failure' },
          { status: 401 },
        ),
      ),
    );
    const patches: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PATCH') patches.push(request.url);
    });
    const outcomes = await connector.writer.write(writes.slice(1), signal());
    expect(outcomes.every((o) => !o.ok && o.reason.includes('check servicenow.auth'))).toBe(true);
    expect(patches.length).toBeLessThan(19);
    expect(box.state.writes).toHaveLength(1);
  });
});

describe('writing through the Batch API', () => {
  it('packs up to 50 PATCHes per call and checks every item', async () => {
    const { connector, box } = instance(server, seed(60), { connector: { batch: true } });
    const writes = [
      ...(await itemsOf(connector, 'incident')).map((i) => write(i)),
      ...(await itemsOf(connector, 'change_request')).map((i) => write(i, ['score'])),
    ];
    const outcomes = await connector.writer.write(writes, signal());
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(box.injector.count('batch')).toBe(3); // ceil(120 / 50)
    expect(box.state.writes).toHaveLength(120);
    expect(box.state.writes.every((w) => w.via === 'batch')).toBe(true);
    expect(
      box.state.writes.filter((w) => w.table === 'change_request').map((w) => Object.keys(w.body)),
    ).toEqual(Array.from({ length: 60 }, () => ['u_alignment_score']));
  });

  it('handles item failures per item: a 403 table and a gone record fail, the rest land', async () => {
    const { connector, box } = instance(server, seed(4), { connector: { batch: true } });
    const incidents = await itemsOf(connector, 'incident');
    const changes = await itemsOf(connector, 'change_request');
    box.state.setAccess('change_request', { write: false });
    box.state.deleteRecord('incident', incidents[0]?.id as string);
    const outcomes = await connector.writer.write(
      [...incidents, ...changes].map((i) => write(i)),
      signal(),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([false, true, true, true, false, false, false, false]);
    expect(outcomes[0]?.ok === false && outcomes[0].reason).toMatch(/the record is gone/);
    expect(outcomes[4]?.ok === false && outcomes[4].reason).toMatch(
      /PATCH .*\/api\/now\/table\/change_request\/.* \(in a batch\) answered 403: .*ACL Exception Update Failed.*itil role/,
    );
    expect(box.state.writes.filter((w) => w.table === 'incident')).toHaveLength(3);
  });

  it('sends again the items a batch left unserviced', async () => {
    const { connector, box } = instance(server, seed(50), {
      connector: { batch: true },
      fake: { batchServicedLimit: 20 },
    });
    const writes = (await itemsOf(connector, 'incident')).map((i) => write(i));
    const outcomes = await connector.writer.write(writes, signal());
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(box.state.writes).toHaveLength(50);
    expect(box.injector.count('batch')).toBe(3); // 20 + 20 + 10 serviced
  });
});

describe('writes bearing cannot make', () => {
  it('are refused without a call: items of other systems or tables; items with nothing to write succeed', async () => {
    const { connector, calls } = instance(server, seed(1));
    const [item] = await itemsOf(connector, 'incident');
    calls.length = 0;
    const outcomes = await connector.writer.write(
      [
        write({ ...(item as WorkItem), source: 'jira', uid: 'jira:1' }),
        write({ ...(item as WorkItem), scope: 'sc_task', uid: 'servicenow:x' }),
        write(item as WorkItem, []),
      ],
      signal(),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
    expect(callsTo(calls, 'table:incident:write')).toHaveLength(0);
  });
});
