import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../model/index.js';
import { startLoopbackServer, type LoopbackServer } from '../../sandbox/http/index.js';
import { createServiceNowSandbox, person, snTicket } from '../../sandbox/servicenow/index.js';
import type { Cursor } from '../../store/store.js';
import type { CallRecord } from '../http/index.js';
import { createServiceNowConnector } from './connector.js';
import { connectorOptions, lastCursor, NOW, pullAll } from './testing.js';

const HOUR = 3_600_000;
const clock = { now: NOW };
const box = createServiceNowSandbox({
  now: () => clock.now,
  auth: { basic: [{ user: 'bearing', password: 'loop-pass' }] },
});
box.state.load(
  [person('p1', { vip: true }), person('p2')],
  (['incident', 'sc_req_item', 'change_request', 'pm_project', 'dmn_demand'] as const).flatMap((table) =>
    Array.from({ length: 7 }, () => snTicket({ table })),
  ),
);
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer(box.injector);
});
afterAll(async () => {
  await server.close();
});

describe('the connector against the fake ServiceNow on loopback', () => {
  it('checks, sets up, pulls every table, writes back in batches, and sees its writes on the next pull', async () => {
    const calls: CallRecord[] = [];
    const connector = createServiceNowConnector(
      connectorOptions({
        url: server.url,
        auth: { user: 'bearing', password: 'loop-pass' },
        pageSize: 3,
        batch: true,
        rateLimit: { perSecond: 50, concurrency: 2 },
        onCall: (c) => calls.push(c),
      }),
    );
    const signal = AbortSignal.timeout(20_000);
    expect(await connector.check(signal)).toMatch(
      /^ServiceNow http:\/\/127\.0\.0\.1:\d+: signed in as bearing$/,
    );
    expect((await connector.setup(signal)).ready).toBe(true);

    const cursors = new Map<string, Cursor | null>();
    const pulled: WorkItem[] = [];
    for (const table of await connector.scopes(signal)) {
      const pages = await pullAll(connector, table, null, NOW);
      cursors.set(table, lastCursor(pages, null));
      pulled.push(...pages.flatMap((p) => p.items.map((i) => i.item)));
    }
    expect(pulled).toHaveLength(35);
    expect(pulled.every((i) => i.requester?.isExecutive === true && i.url.startsWith(server.url))).toBe(true);

    clock.now = NOW + 60_000;
    const outcomes = await connector.writer.write(
      pulled.map((item, n) => ({
        item,
        values: { score: n, goal: n % 2 ? 'run' : 'none', flags: n % 3 ? [] : ['misaligned'] },
        fields: ['score', 'goal', 'flags'],
      })),
      signal,
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(box.injector.count('batch')).toBe(1);

    const again: WorkItem[] = [];
    for (const table of await connector.scopes(signal)) {
      const pages = await pullAll(connector, table, cursors.get(table) ?? null, NOW + HOUR);
      again.push(...pages.flatMap((p) => p.items.map((i) => i.item)));
    }
    const held = new Map(again.map((i) => [i.uid, i.held]));
    expect(again).toHaveLength(35);
    pulled.forEach((item, n) => {
      expect(held.get(item.uid)).toEqual({
        score: n,
        goal: n % 2 ? 'run' : 'none',
        flags: n % 3 ? null : ['misaligned'],
      });
    });
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });
});
