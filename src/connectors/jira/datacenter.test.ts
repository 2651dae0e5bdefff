/**
 * Jira Data Center through msw: detection from serverInfo, PAT auth, offset paging with the server's page
 * size and its max_result_window, wiki text, Epic Link, user keys, single-issue writes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { pino } from 'pino';
import { mswHandlers, unhandledRequestPolicy } from '../../sandbox/http/index.js';
import {
  DC_BASE,
  DEFAULT_BOT,
  createFakeJiraInjector,
  manualClock,
  seedPerson,
  seedTicket,
  seedTickets,
} from '../../sandbox/jira/index.js';
import type { Cursor } from '../../store/store.js';
import type { PlannedWrite } from '../connector.js';
import { addBearingFields, countOf, syncOnce, testConnector } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const signal = new AbortController().signal;

function dataCenter() {
  const clock = manualClock(T0);
  // Pages of 50 at most and a result window of 100: paging by offset alone would fail past issue 100.
  const fake = createFakeJiraInjector({
    flavour: 'datacenter',
    now: clock.now,
    dcPageCap: 50,
    dcMaxResultWindow: 100,
  });
  fake.state.load(
    [seedPerson('p1', { jiraGroups: ['leadership'] })],
    [
      seedTicket('OPS-1', {
        issueType: 'Epic',
        title: 'Network epic',
        created: T0 - 86_400_000,
        updated: T0 - 86_400_000,
      }),
      ...seedTickets('OPS', 230)
        .slice(1)
        .map((t) => ({
          ...t,
          epicKey: 'OPS-1',
          storyPoints: 2,
          description: 'Steps:\n\n- open the console\n- type',
        })),
    ],
  );
  server.use(...mswHandlers(fake.injector, DC_BASE));
  const { connector, calls } = testConnector(DC_BASE, {
    auth: { pat: DEFAULT_BOT.pat ?? '' },
    executives: { emails: [], jiraAccountIds: [], jiraGroups: ['leadership'] },
  });
  return { ...fake, clock, connector, calls };
}

describe('Jira Data Center', () => {
  it('is detected from serverInfo and paged within its result window, each issue once, wiki text made plain', async () => {
    const { connector, calls, clock } = dataCenter();
    expect(await connector.check(signal)).toMatch(
      /^jira: signed in as bearing bot <bot@acme\.example> on Jira DataCenter 10\.3\.12 at https:\/\/jira\.acme\.example; JQL dates are read in Europe\/Berlin$/,
    );
    const run = await syncOnce(connector, new Map(), clock.now());
    expect(run.items).toHaveLength(230);
    expect(new Set(run.items.map((i) => i.key)).size).toBe(230);
    // 230 issues in pages of 50, each page restarting at its newest minute (one issue read twice per page).
    expect(countOf(calls, 'search')).toBeLessThanOrEqual(6);
    expect(calls.every((c) => c.status < 400)).toBe(true);

    const story = run.items.find((i) => i.key === 'OPS-7');
    expect(story).toMatchObject({
      kind: 'issue',
      text: 'Steps:\n\n- open the console\n- type',
      epic: 'OPS-1',
      parent: 'OPS-1',
      effort: { value: 2, unit: 'points' },
      requester: { id: 'JIRAUSER10000', name: 'Person p1', email: 'p1@acme.example', isExecutive: true },
    });
    expect(run.items.find((i) => i.key === 'OPS-1')?.kind).toBe('epic');
  });

  it('pulls only changes on the next run', async () => {
    const { state, clock, connector, calls } = dataCenter();
    const cursors = new Map<string, Cursor>();
    await syncOnce(connector, cursors, clock.now());
    calls.length = 0;
    clock.advance(60_000);
    state.editAsHuman('OPS-100', { summary: 'changed' });
    const run = await syncOnce(connector, cursors, clock.now());
    expect(run.items.map((i) => i.key)).toEqual(['OPS-100']);
    expect(countOf(calls, 'search')).toBe(1);
  });

  it('writes with single PUTs on REST v2 without notifications, and reports a deleted issue as not worth retrying', async () => {
    const { state, connector, clock } = dataCenter();
    const ids = addBearingFields(state);
    const items = (await syncOnce(connector, new Map(), clock.now())).items.filter((i) =>
      ['OPS-2', 'OPS-3'].includes(i.key),
    );
    state.deleteIssue('OPS-3');
    const writes: PlannedWrite[] = items.map((item) => ({
      item,
      values: { score: 70, goal: 'digital-revenue', flags: ['misaligned'] },
      fields: ['score', 'goal', 'flags'],
    }));
    const outcomes = await connector.writer.write(writes, signal);
    expect(outcomes.find((o) => o.uid === items[0]?.uid)).toEqual({ uid: items[0]?.uid, ok: true });
    expect(outcomes.find((o) => o.uid === items[1]?.uid)).toMatchObject({
      ok: false,
      retry: false,
      reason: expect.stringMatching(/OPS-3.*404/),
    });
    expect(state.valueOf('OPS-2', ids.score)).toBe(70);
    expect(state.valueOf('OPS-2', ids.flags)).toEqual(['misaligned']);
    expect(state.writes.every((w) => w.via === 'PUT /rest/api/2/issue' && !w.notified)).toBe(true);
  });

  it('reads back what bearing’s fields hold with an id search, leaving out a deleted issue JQL refuses', async () => {
    const { state, connector, clock, calls } = dataCenter();
    const ids = addBearingFields(state);
    const items = (await syncOnce(connector, new Map(), clock.now())).items.filter((i) =>
      ['OPS-2', 'OPS-3', 'OPS-4'].includes(i.key),
    );
    state.editAsHuman('OPS-2', {
      fields: { [ids.score]: 70, [ids.goal]: 'run', [ids.flags]: ['misaligned'] },
    });
    state.deleteIssue('OPS-3');
    calls.length = 0;
    const held = await connector.writer.readHeld(items, signal);
    expect(held.size).toBe(2);
    expect(held.get(items[0]?.uid as string)).toEqual({ score: 70, goal: 'run', flags: ['misaligned'] });
    expect(held.get(items[2]?.uid as string)).toEqual({ score: null, goal: null, flags: null });
    // The first search is refused for the deleted issue's id; the second leaves it out.
    expect(countOf(calls, 'search', 400)).toBe(1);
    expect(countOf(calls, 'search')).toBe(2);
  });

  it('writes with notifications when Data Center refuses notifyUsers=false, and says so once', async () => {
    const { state, connector, clock } = dataCenter();
    const ids = addBearingFields(state);
    // Jira Server answers 403 to notifyUsers=false without admin rights (the fake ignores the flag instead).
    server.use(
      http.put(`${DC_BASE}/rest/api/2/issue/:id`, ({ request }) =>
        new URL(request.url).searchParams.get('notifyUsers') === 'false'
          ? HttpResponse.json(
              {
                errorMessages: [
                  'To discard the user notification either admin or project admin permissions are required.',
                ],
                errors: {},
              },
              { status: 403 },
            )
          : undefined,
      ),
    );
    const lines: string[] = [];
    const logged = testConnector(DC_BASE, {
      auth: { pat: DEFAULT_BOT.pat ?? '' },
      log: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }),
    });
    const items = (await syncOnce(connector, new Map(), clock.now())).items.slice(0, 3);
    const outcomes = await logged.connector.writer.write(
      items.map((item) => ({ item, values: { score: 5, goal: 'none', flags: [] }, fields: ['score'] })),
      signal,
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(items.map((i) => state.valueOf(i.key, ids.score))).toEqual([5, 5, 5]);
    // Edits already under way when the first refusal came back are refused too; later ones no longer ask.
    expect(countOf(logged.calls, 'issue-edit', 403)).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => /turn off notifications for single edits/.test(l))).toHaveLength(1);
    logged.calls.length = 0;
    const again = await logged.connector.writer.write(
      items.map((item) => ({ item, values: { score: 6, goal: 'none', flags: [] }, fields: ['score'] })),
      signal,
    );
    expect(again.filter((o) => !o.ok)).toEqual([]);
    expect(countOf(logged.calls, 'issue-edit', 403)).toBe(0);
  });
});
