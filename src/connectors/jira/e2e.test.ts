/**
 * End to end over real HTTP: the fake Jira Cloud on loopback, jira.js on the global fetch, no msw. Set up
 * the fields, pull everything, write scores back in bulk, and see the next pulls read them back once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../sandbox/http/index.js';
import { createFakeJiraInjector, seedPerson, seedTickets } from '../../sandbox/jira/index.js';
import type { Cursor } from '../../store/store.js';
import type { PlannedWrite } from '../connector.js';
import { countOf, syncOnce, testConnector } from './testing.js';

const started = Date.now();
const fake = createFakeJiraInjector({ flavour: 'cloud', bulkTask: { startAfterMs: 5, completeAfterMs: 40 } });
fake.state.load(
  [seedPerson('p1', { email: 'cio@acme.example' })],
  seedTickets('OPS', 150).map((t, i) => ({
    ...t,
    created: started - 86_400_000,
    updated: started - 3_600_000 + i * 1000,
  })),
);
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer(fake.injector);
});
afterAll(async () => {
  await server.close();
});

describe('the Jira connector over loopback HTTP', () => {
  it('sets up, pulls, writes back in bulk and reads its own values back exactly once', async () => {
    const signal = new AbortController().signal;
    const { connector, calls } = testConnector(server.url, {
      executives: { emails: ['cio@acme.example'], jiraAccountIds: [], jiraGroups: [] },
      bulkPolling: { expectedTaskMs: 60, maxDelayMs: 200 },
    });
    expect(await connector.check(signal)).toContain('on Jira Cloud at http://127.0.0.1');
    expect((await connector.setup(signal)).ready).toBe(true);

    const cursors = new Map<string, Cursor>();
    const full = await syncOnce(connector, cursors, Date.now());
    expect(full.items).toHaveLength(150);
    expect(full.items.every((i) => i.requester?.isExecutive && i.held.score === null)).toBe(true);
    expect(full.items[0]?.url).toBe(`${server.url}/browse/${full.items[0]?.key}`);

    const writes: PlannedWrite[] = full.items.map((item, n) => ({
      item,
      values: {
        score: [20, 50, 90][n % 3] as number,
        goal: n % 2 ? 'run' : 'none',
        flags: n % 5 ? [] : ['misaligned'],
      },
      fields: ['score', 'goal', 'flags'],
    }));
    const outcomes = await connector.writer.write(writes, signal);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // 3 score values + 2 goals + 2 flag sets.
    expect(countOf(calls, 'bulk-edit')).toBe(7);

    const after = await syncOnce(connector, cursors, Date.now());
    expect(after.items).toHaveLength(150);
    const held = new Map(after.items.map((i) => [i.key, i.held]));
    for (const w of writes) {
      expect(held.get(w.item.key)).toEqual({
        score: w.values.score,
        goal: w.values.goal,
        flags: w.values.flags.length ? w.values.flags : null,
      });
    }
    expect((await syncOnce(connector, cursors, Date.now())).items).toEqual([]);
  });
});
