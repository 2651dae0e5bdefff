/**
 * Pulling from the fake Jira Cloud through msw: full and incremental runs, cursors, faults, quarantine,
 * executives. The fake's API user lives in Europe/Berlin, so JQL dates written in UTC would be off.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { isBearingError } from '../../core/errors.js';
import { mswHandlers, unhandledRequestPolicy } from '../../sandbox/http/index.js';
import {
  CLOUD_BASE,
  CORRUPTIONS,
  createFakeJiraInjector,
  manualClock,
  seedPerson,
  seedTicket,
  seedTickets,
  type FakeJiraOptions,
} from '../../sandbox/jira/index.js';
import type { Cursor } from '../../store/store.js';
import { addBearingFields, countOf, syncOnce, testConnector } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
});
afterAll(() => server.close());

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const MINUTE = 60_000;

function site(options: Partial<FakeJiraOptions> = {}) {
  const clock = manualClock(T0);
  const fake = createFakeJiraInjector({ flavour: 'cloud', now: clock.now, ...options });
  fake.state.load([seedPerson('p1')], [...seedTickets('OPS', 250), ...seedTickets('HR', 30)]);
  server.use(...mswHandlers(fake.injector, CLOUD_BASE));
  return { ...fake, clock };
}

/** The JQL of every search the connector sends. */
function searchedJql(): string[] {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/search/jql')) {
      void request
        .clone()
        .json()
        .then((body) => seen.push((body as { jql: string }).jql));
    }
  });
  return seen;
}

const keysOf = (items: { key: string }[]): string[] => items.map((i) => i.key).sort();

describe('pulling Jira Cloud', () => {
  it('pulls everything first, then only what changed — each change once, two in the same minute too', async () => {
    const { state, clock } = site();
    const fields = addBearingFields(state);
    state.editAsHuman('OPS-1', { fields: { [fields.score]: 42 } });
    const { connector, calls } = testConnector(CLOUD_BASE, { jql: 'project in (OPS, HR)' });
    const cursors = new Map<string, Cursor>();
    const jql = searchedJql();

    const full = await syncOnce(connector, cursors, clock.now());
    expect(full.items).toHaveLength(280);
    expect(new Set(full.items.map((i) => i.uid)).size).toBe(280);
    // Content pages of 100: ceil(250/100) + ceil(30/100) searches, no more.
    expect(countOf(calls, 'search')).toBe(4);
    expect(full.items.find((i) => i.key === 'OPS-1')?.held.score).toBe(42);

    calls.length = 0;
    clock.advance(10 * MINUTE);
    const idle = await syncOnce(connector, cursors, clock.now());
    expect(idle.items).toEqual([]);
    expect(countOf(calls, 'search')).toBe(2); // one search per scope

    // 12:30:10 and 12:30:40 Berlin-minute neighbours, with a run in between.
    clock.set(T0 + 30 * MINUTE + 10_000);
    state.editAsHuman('OPS-9', { summary: 'first change' });
    clock.advance(10_000);
    const first = await syncOnce(connector, cursors, clock.now());
    expect(keysOf(first.items)).toEqual(['OPS-9']);
    // The idle run started at 12:10 UTC and finished: the window starts two minutes before, 13:08 in Berlin.
    expect(jql.at(-1)).toContain('project = "OPS" AND updated >= "2026/11/20 13:08"');

    clock.advance(20_000);
    state.editAsHuman('OPS-11', { summary: 'second change, same minute' });
    state.editAsHuman('HR-3', { status: 'done' });
    clock.advance(5_000);
    const second = await syncOnce(connector, cursors, clock.now());
    expect(keysOf(second.items)).toEqual(['HR-3', 'OPS-11']);
    expect(jql.at(-1)).toContain('project = "OPS" AND updated >= "2026/11/20 13:28"');
    expect(second.items.find((i) => i.key === 'HR-3')?.status).toBe('done');

    clock.advance(MINUTE);
    expect((await syncOnce(connector, cursors, clock.now())).items).toEqual([]);
  });

  it('re-reads a burst of changes made just before a run once, not on every run after it', async () => {
    const { state, clock } = site();
    const { connector, calls } = testConnector(CLOUD_BASE);
    const cursors = new Map<string, Cursor>();
    await syncOnce(connector, cursors, clock.now());
    clock.advance(15 * MINUTE);
    for (let n = 1; n <= 150; n++) state.editAsHuman(`OPS-${n}`, { labels: ['bulk'] });
    clock.advance(30_000);
    const searches = async (): Promise<[number, number]> => {
      calls.length = 0;
      const run = await syncOnce(connector, cursors, clock.now());
      clock.advance(15 * MINUTE);
      return [run.items.length, countOf(calls, 'search')];
    };
    expect(await searches()).toEqual([150, 2]);
    // The burst may have been hidden from that run (search lag): the next run looks once more, skipping all.
    expect(await searches()).toEqual([0, 2]);
    expect(await searches()).toEqual([0, 1]);
    expect(await searches()).toEqual([0, 1]);
  });

  it('writes window dates in the API user zone west of UTC too, missing nothing', async () => {
    const { state, clock } = site({ timeZone: 'America/Los_Angeles' });
    const { connector } = testConnector(CLOUD_BASE);
    const cursors = new Map<string, Cursor>();
    await syncOnce(connector, cursors, clock.now());
    clock.advance(5 * MINUTE);
    state.editAsHuman('OPS-4', { labels: ['urgent'] });
    const jql = searchedJql();
    const run = await syncOnce(connector, cursors, clock.now());
    expect(keysOf(run.items)).toEqual(['OPS-4']);
    // The first run started at 12:00 UTC and finished: its overlap starts 11:58 UTC, 03:58 in Los Angeles.
    expect(jql[0]).toContain('updated >= "2026/11/20 03:58"');
  });

  it("reckons window edges on Jira's clock, so a bearing clock running ahead loses nothing", async () => {
    const { state, clock } = site();
    const ahead = (): number => clock.now() + 30 * MINUTE;
    const { connector } = testConnector(CLOUD_BASE, { clock: { now: ahead } });
    const cursors = new Map<string, Cursor>();
    await syncOnce(connector, cursors, ahead());
    clock.advance(5 * MINUTE);
    state.editAsHuman('OPS-8', { summary: 'edited while bearing thinks it is later' });
    clock.advance(MINUTE);
    expect(keysOf((await syncOnce(connector, cursors, ahead())).items)).toEqual(['OPS-8']);
  });

  it('catches an edit the search did not show yet on the next run (eventual consistency)', async () => {
    const { state, clock } = site({ searchLagMs: 30_000 });
    const { connector } = testConnector(CLOUD_BASE);
    const cursors = new Map<string, Cursor>();
    await syncOnce(connector, cursors, clock.now());
    state.editAsHuman('OPS-20', { summary: 'lagging' });
    clock.advance(5_000);
    state.editAsHuman('OPS-21', { summary: 'also lagging' });
    expect((await syncOnce(connector, cursors, clock.now())).items).toEqual([]);
    clock.advance(60_000);
    expect(keysOf((await syncOnce(connector, cursors, clock.now())).items)).toEqual(['OPS-20', 'OPS-21']);
  });

  it('keeps the cursor of stored pages when a page fails for good; a rerun completes, nothing lost or repeated', async () => {
    const { injector, clock } = site();
    const { connector, calls } = testConnector(CLOUD_BASE);
    const signal = new AbortController().signal;
    // Every search after the first fails (the second page is read ahead while the first is handed over).
    injector.setFaults([
      { endpoint: 'search', knobs: { errorRate: 1, errorStatuses: [503], afterRequests: 1 } },
    ]);
    const pages = connector.pull('OPS', { cursor: null, runStartMs: T0, signal })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.done).toBe(false);
    const stored = first.value as { items: { item: { key: string } }[]; cursor: Cursor };
    expect(stored.items).toHaveLength(100);

    const failure = await pages.next().catch((e: unknown) => e);
    expect(isBearingError(failure) && failure.kind).toBe('transient');
    expect(countOf(calls, 'search', 503)).toBe(3); // the first try and two retries

    injector.setFaults([]);
    const cursors = new Map([['OPS', stored.cursor]]);
    const rerun = await syncOnce(connector, cursors, clock.now());
    const all = [...stored.items.map((i) => i.item.key), ...rerun.items.map((i) => i.key)];
    expect(all).toHaveLength(250);
    expect(new Set(all).size).toBe(250);
  });

  it('waits out 429s and retries 5xx answers', async () => {
    const { injector, clock } = site();
    injector.setFaults([
      { endpoint: 'search', knobs: { ratePerSecond: 0, retryAfterSeconds: 1, times: 2 } },
      { endpoint: 'myself', knobs: { errorRate: 1, errorStatuses: [502], times: 1 } },
    ]);
    const { connector, calls } = testConnector(CLOUD_BASE);
    const run = await syncOnce(connector, new Map(), clock.now());
    expect(run.items).toHaveLength(250);
    expect(countOf(calls, 'search', 429)).toBe(2);
    expect(countOf(calls, 'myself', 502)).toBe(1);
  });

  it('quarantines malformed issues with key, field and reason and goes on', async () => {
    const { state, clock } = site();
    state.corrupt('OPS-3', CORRUPTIONS.missingSummary);
    state.corrupt('OPS-4', CORRUPTIONS.missingFields);
    state.corrupt('OPS-5', CORRUPTIONS.nullPriority);
    const { connector } = testConnector(CLOUD_BASE);
    const cursors = new Map<string, Cursor>();
    const run = await syncOnce(connector, cursors, clock.now());
    expect(run.items).toHaveLength(248);
    expect(run.quarantined.map((q) => [q.recordRef, q.field])).toEqual([
      ['OPS-3', 'fields.summary'],
      ['OPS-4', 'fields'],
    ]);
    expect(run.quarantined[0]).toMatchObject({
      system: 'jira',
      scope: 'OPS',
      reason: expect.stringMatching(/string/),
    });
    // A missing priority is not an error: priorities can be hidden (§2).
    expect(run.items.find((i) => i.key === 'OPS-5')?.priority).toBe(3);
  });

  it('with jira.js set to warn, quarantines an issue whose id is not a string and logs the schema drift', async () => {
    const { state, clock } = site();
    state.corrupt('OPS-6', CORRUPTIONS.numericId);
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const warned = testConnector(CLOUD_BASE, { schemaMismatch: 'warn', log });
    const run = await syncOnce(warned.connector, new Map(), clock.now());
    expect(run.quarantined.map((q) => [q.recordRef, q.field])).toEqual([['OPS-6', 'id']]);
    expect(lines.join('')).toMatch(/differs from the schema jira\.js knows/);

    const strict = testConnector(CLOUD_BASE);
    const error = await syncOnce(strict.connector, new Map(), clock.now()).catch((e: unknown) => e);
    expect(isBearingError(error) && error.kind).toBe('invalidData');
  });
});

describe('requesters and executives', () => {
  it('counts configured e-mails, accountIds, group members (fetched once a run, paged) and sponsors', async () => {
    const clock = manualClock(T0);
    const { state, injector } = createFakeJiraInjector({ flavour: 'cloud', now: clock.now });
    const crowd = Array.from({ length: 60 }, (_, i) => seedPerson(`g${i}`, { jiraGroups: ['leadership'] }));
    state.load(
      [
        seedPerson('cio', { email: 'cio@acme.example' }),
        seedPerson('hidden', { email: null }),
        seedPerson('cfo', { email: 'cfo@acme.example' }),
        seedPerson('dev'),
        ...crowd,
      ],
      [
        seedTicket('OPS-1', { requesterId: 'cio' }),
        seedTicket('OPS-2', { requesterId: 'hidden' }),
        seedTicket('OPS-3', { requesterId: 'g59' }),
        seedTicket('OPS-4', { requesterId: 'cfo' }),
        seedTicket('OPS-5', { requesterId: 'dev' }),
        seedTicket('HR-1', { requesterId: 'g0' }),
      ],
    );
    server.use(...mswHandlers(injector, CLOUD_BASE));
    const { connector, calls } = testConnector(CLOUD_BASE, {
      jql: 'project = OPS OR project = HR',
      executives: {
        emails: ['CIO@Acme.Example'],
        jiraAccountIds: [seedPerson('hidden').jiraAccountId],
        jiraGroups: ['leadership', 'no-such-group'],
      },
      sponsorEmails: ['cfo@acme.example'],
    });
    const run = await syncOnce(connector, new Map(), clock.now());
    const executive = Object.fromEntries(run.items.map((i) => [i.key, i.requester?.isExecutive]));
    expect(executive).toEqual({
      'OPS-1': true,
      'OPS-2': true,
      'OPS-3': true,
      'OPS-4': true,
      'OPS-5': false,
      'HR-1': true,
    });
    expect(run.items.find((i) => i.key === 'OPS-2')?.requester).not.toHaveProperty('email');
    // 60 members in pages of 50 → 2 calls, plus one 404 for the unknown group; once for both scopes.
    expect(countOf(calls, 'group-member')).toBe(3);
    // Projects were found by searching keys, since the JQL has no top-level project clause.
    expect(await connector.scopes(new AbortController().signal)).toEqual(['HR', 'OPS']);
  });
});

describe('scopes', () => {
  it('are the projects the JQL names, by key, name or id, found with one project lookup', async () => {
    const clock = manualClock(T0);
    const { state, injector } = createFakeJiraInjector({
      flavour: 'cloud',
      now: clock.now,
      projects: [{ key: 'SHOP', name: 'Online Shop' }, { key: 'OPS' }, { key: 'HR' }],
    });
    state.load([seedPerson('p1')], [seedTicket('SHOP-1'), seedTicket('OPS-1'), seedTicket('HR-1')]);
    server.use(...mswHandlers(injector, CLOUD_BASE));
    const signal = new AbortController().signal;

    const byKey = testConnector(CLOUD_BASE, { jql: 'project in (shop, OPS) AND statusCategory != Done' });
    expect(await byKey.connector.scopes(signal)).toEqual(['OPS', 'SHOP']);
    // One lookup (after the one-off deployment detection), no search.
    expect(byKey.calls.map((c) => c.endpoint)).toEqual(['server-info', 'project-search']);

    const byName = testConnector(CLOUD_BASE, { jql: 'project = "Online Shop"' });
    expect(await byName.connector.scopes(signal)).toEqual(['SHOP']);

    const unknown = testConnector(CLOUD_BASE, { jql: 'project in (OPS, NOPE)' });
    await expect(unknown.connector.scopes(signal)).rejects.toThrow(
      /names project "NOPE", which does not exist/,
    );
  });

  it('are not made up from an answer that is no page of projects: a clear error names the endpoint', async () => {
    const clock = manualClock(T0);
    const { state, injector } = createFakeJiraInjector({ flavour: 'cloud', now: clock.now });
    state.load([seedPerson('p1')], [seedTicket('OPS-1')]);
    injector.setFaults([{ endpoint: 'project-search', knobs: { malformedRate: 1 } }]);
    server.use(...mswHandlers(injector, CLOUD_BASE));
    const warned = testConnector(CLOUD_BASE, { schemaMismatch: 'warn', log: pino({ level: 'silent' }) });
    await expect(warned.connector.scopes(new AbortController().signal)).rejects.toThrow(
      /project\/search answered something that is not a page of projects/,
    );
  });

  it('are not reached with wrong credentials: a 401 stops at once and says what to check', async () => {
    site();
    const { connector, calls } = testConnector(CLOUD_BASE, {
      auth: { email: 'bot@acme.example', token: 'wrong' },
    });
    const error = await connector.check(new AbortController().signal).catch((e: unknown) => e);
    expect(isBearingError(error) && error.kind).toBe('auth');
    expect((error as Error).message).toMatch(/answered 401.*check jira\.auth and jira\.url/);
    expect(calls).toHaveLength(1);
    const pat = testConnector(CLOUD_BASE, { auth: { pat: 'x' }, deployment: 'cloud' });
    await expect(pat.connector.scopes(new AbortController().signal)).rejects.toThrow(
      /personal access tokens are a Data Center feature/,
    );
  });

  it('refuse a JQL with ORDER BY when the connector is made', () => {
    expect(() => testConnector(CLOUD_BASE, { jql: 'project = OPS order by rank' })).toThrow(
      /must not contain ORDER BY/,
    );
  });
});
