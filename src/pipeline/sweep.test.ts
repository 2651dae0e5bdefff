/**
 * Deletion sweeps through the real connectors against the fakes (msw) and a real store: what is gone
 * upstream is marked deleted when a sweep is due, and nothing is marked on a partial listing.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addBearingFields, countOf, testConnector } from '../connectors/jira/testing.js';
import { BASE, instance, NOW } from '../connectors/servicenow/testing.js';
import type { Connector } from '../connectors/connector.js';
import { silentLogger } from '../core/log.js';
import { mswHandlers, unhandledRequestPolicy } from '../sandbox/http/index.js';
import {
  CLOUD_BASE,
  DC_BASE,
  DEFAULT_BOT,
  ID_PAGE_CAP,
  createFakeJiraInjector,
  idForKey,
  manualClock,
  seedPerson,
  seedTickets,
} from '../sandbox/jira/index.js';
import { person, snTicket } from '../sandbox/servicenow/index.js';
import { openStore, type Store } from '../store/index.js';
import { sweepRunKind } from './sweep.js';
import { syncAll, type ScopeSummary } from './sync.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;
const signal = new AbortController().signal;

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
});
afterEach(async () => store.close());

const sync = (connector: Connector, runStartMs: number, everyMs = 24 * HOUR): Promise<ScopeSummary[]> =>
  syncAll({
    connectors: [connector],
    store,
    log: silentLogger(),
    runStartMs,
    signal,
    sweepEveryMs: { [connector.system]: everyMs },
  });

const live = (scope?: string): Promise<number> => store.countItems(scope ? { scope } : {});

function jiraCloud(projects: Record<string, number>) {
  const clock = manualClock(T0);
  const fake = createFakeJiraInjector({ flavour: 'cloud', now: clock.now });
  fake.state.load(
    [seedPerson('p1')],
    Object.entries(projects).flatMap(([key, n]) => seedTickets(key, n)),
  );
  addBearingFields(fake.state);
  server.use(...mswHandlers(fake.injector, CLOUD_BASE));
  const { connector, calls } = testConnector(CLOUD_BASE, { jql: `project in (${Object.keys(projects)})` });
  return { ...fake, clock, connector, calls };
}

describe('deletion sweeps of Jira Cloud', () => {
  it('marks an issue deleted upstream once its sweep is due, with one ids-only search per 5,000 issues', async () => {
    const { state, clock, connector, calls } = jiraCloud({ OPS: 250 });
    await sync(connector, clock.now());
    expect(await live()).toBe(250);

    state.deleteIssue('OPS-7');
    clock.advance(HOUR);
    const early = await sync(connector, clock.now());
    // The first full pull counts as a sweep: the next one is due a day later.
    expect(early[0]?.sweep).toBeUndefined();
    expect(await live()).toBe(250);

    clock.advance(24 * HOUR);
    calls.length = 0;
    const due = await sync(connector, clock.now());
    expect(due[0]).toMatchObject({ scope: 'OPS', sweep: { listed: 249, deleted: 1 } });
    expect(due[0]?.error).toBeUndefined();
    expect(await live()).toBe(249);
    expect(await store.countItems({ includeDeleted: true })).toBe(250);
    const uid = `jira:${idForKey('OPS-7')}`;
    const remaining: string[] = [];
    for await (const item of store.iterateItems()) remaining.push(item.uid);
    expect(remaining).not.toContain(uid);
    // One incremental search for the pull, one ids-only search for the sweep.
    expect(countOf(calls, 'search')).toBe(2);

    clock.advance(HOUR);
    expect((await sync(connector, clock.now()))[0]?.sweep).toBeUndefined();
  });

  it('lists ids in pages of 5,000', async () => {
    const { connector, calls } = jiraCloud({ BIG: 2 * ID_PAGE_CAP + 1 });
    let ids = 0;
    let pages = 0;
    for await (const page of connector.listIds('BIG', signal)) {
      ids += page.length;
      pages++;
    }
    expect(ids).toBe(2 * ID_PAGE_CAP + 1);
    expect(pages).toBe(3);
    expect(countOf(calls, 'search')).toBe(3);
  });

  it('marks nothing when a sweep page fails, fails the scope, and sweeps again next cycle', async () => {
    const { state, clock, connector, injector } = jiraCloud({ OPS: 40 });
    await sync(connector, clock.now());
    state.deleteIssue('OPS-3');
    clock.advance(25 * HOUR);
    server.use(
      http.post(`${CLOUD_BASE}/rest/api/3/search/jql`, async ({ request }) => {
        const body = (await request.clone().json()) as { fields?: string[] };
        if (body.fields?.join() !== 'id') return undefined; // the pull's searches go through
        return HttpResponse.json({ errorMessages: ['Search is down'], errors: {} }, { status: 400 });
      }),
    );
    const failed = await sync(connector, clock.now());
    expect(failed[0]?.error).toMatch(/deletion sweep failed, nothing was marked deleted/);
    expect(await live()).toBe(40);

    server.resetHandlers(...mswHandlers(injector, CLOUD_BASE));
    clock.advance(HOUR);
    const retried = await sync(connector, clock.now());
    expect(retried[0]).toMatchObject({ sweep: { listed: 39, deleted: 1 } });
    expect(await live()).toBe(39);
  });

  it('marks nothing when the listing comes back empty while items are stored', async () => {
    const { state, clock, connector } = jiraCloud({ OPS: 5, HR: 3 });
    await sync(connector, clock.now());
    for (const key of ['HR-1', 'HR-2', 'HR-3']) state.deleteIssue(key);
    clock.advance(25 * HOUR);
    const run = await sync(connector, clock.now());
    const hr = run.find((s) => s.scope === 'HR');
    expect(hr?.error).toMatch(/listed no items in HR while bearing holds 3; nothing was marked deleted/);
    expect(await live('HR')).toBe(3);
    expect(run.find((s) => s.scope === 'OPS')).toMatchObject({ sweep: { listed: 5, deleted: 0 } });
  });
});

describe('a Jira issue that comes back after a sweep marked it deleted', () => {
  /** OPS with 40 issues, OPS-7 deleted upstream and marked deleted by a sweep; `issue` as it was. */
  async function sweptAway() {
    const jira = jiraCloud({ OPS: 40 });
    await sync(jira.connector, jira.clock.now());
    const issue = jira.state.issue('OPS-7')!;
    jira.state.deleteIssue('OPS-7');
    jira.clock.advance(25 * HOUR);
    const swept = await sync(jira.connector, jira.clock.now());
    expect(swept[0]).toMatchObject({ sweep: { listed: 39, deleted: 1, restored: 0 } });
    expect(await live()).toBe(39);
    return { ...jira, issue };
  }

  it('is live again after the next sweep lists it, though nothing about it changed', async () => {
    const { state, clock, connector, issue } = await sweptAway();
    // Restored upstream (or the listing was short for a day): `updated` did not move, so no pull brings it.
    state.restoreIssue(issue);
    clock.advance(HOUR);
    await sync(connector, clock.now());
    expect(await live()).toBe(39);

    clock.advance(24 * HOUR);
    const swept = await sync(connector, clock.now());
    expect(await live()).toBe(40);
    expect(swept[0]).toMatchObject({ sweep: { listed: 40, deleted: 0, restored: 1 } });
    const run = await store.lastRun(sweepRunKind('jira', 'OPS'), 'succeeded');
    expect(run?.summary).toEqual({ listed: 40, deleted: 0, restored: 1 });

    clock.advance(25 * HOUR);
    expect((await sync(connector, clock.now()))[0]).toMatchObject({
      sweep: { listed: 40, deleted: 0, restored: 0 },
    });
  });

  it('is live again as soon as an edit brings it through the pull', async () => {
    const { state, clock, connector, issue } = await sweptAway();
    state.restoreIssue(issue);
    state.editAsHuman('OPS-7', { summary: 'Restored and reworded' });
    clock.advance(HOUR);
    const pulled = await sync(connector, clock.now());
    expect(pulled[0]?.sweep).toBeUndefined();
    expect(await live()).toBe(40);
    expect((await store.getItem(`jira:${idForKey('OPS-7')}`))?.title).toBe('Restored and reworded');
  });
});

describe('deletion sweeps of Jira Data Center', () => {
  it('walks ids by keyset past the result window and marks nothing when a later page fails', async () => {
    const clock = manualClock(T0);
    // Pages of 50 and a result window of 100: offsets alone could not list 230 issues.
    const fake = createFakeJiraInjector({
      flavour: 'datacenter',
      now: clock.now,
      dcPageCap: 50,
      dcMaxResultWindow: 100,
    });
    fake.state.load([seedPerson('p1')], seedTickets('OPS', 230));
    addBearingFields(fake.state);
    server.use(...mswHandlers(fake.injector, DC_BASE));
    const { connector, calls } = testConnector(DC_BASE, { auth: { pat: DEFAULT_BOT.pat ?? '' } });
    await sync(connector, clock.now());
    fake.state.deleteIssue('OPS-200');

    clock.advance(25 * HOUR);
    let idPages = 0;
    server.use(
      http.post(`${DC_BASE}/rest/api/2/search`, async ({ request }) => {
        const body = (await request.clone().json()) as { fields?: string[] };
        if (body.fields?.join() !== 'id' || ++idPages < 3) return undefined;
        return HttpResponse.json({ errorMessages: ['Search limit exceeded.'], errors: {} }, { status: 400 });
      }),
    );
    const failed = await sync(connector, clock.now());
    expect(failed[0]?.error).toMatch(/deletion sweep failed/);
    expect(await live()).toBe(230);

    server.resetHandlers(...mswHandlers(fake.injector, DC_BASE));
    calls.length = 0;
    clock.advance(HOUR);
    const swept = await sync(connector, clock.now());
    expect(swept[0]).toMatchObject({ sweep: { listed: 229, deleted: 1 } });
    expect(await live()).toBe(229);
    // One incremental search, then ceil(229 / 50) ids-only pages.
    expect(countOf(calls, 'search')).toBe(1 + 5);
  });
});

describe('deletion sweeps of ServiceNow', () => {
  const people = [person('p1'), person('p2')];
  const incidents = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      snTicket({
        sysId: (0xb000 + i).toString(16).padStart(32, '0'),
        number: `INC${String(30_000 + i).padStart(7, '0')}`,
        updated: NOW - 2 * HOUR,
      }),
    );

  it('marks a deleted record, walking sys_id pages to an empty one when the instance caps page size', async () => {
    // The instance serves at most 10 rows however many are asked for, without saying so (§6.1).
    const { box, connector, calls } = instance(
      server,
      { people, tickets: incidents(25) },
      { connector: { tables: ['incident'], pageSize: 9 }, fake: { maxLimit: 10 } },
    );
    await sync(connector, NOW);
    expect(await live()).toBe(25);
    const gone = incidents(25)[12]!;
    box.state.deleteRecord('incident', gone.sysId);

    calls.length = 0;
    const swept = await sync(connector, NOW + 25 * HOUR);
    expect(swept[0]).toMatchObject({ scope: 'incident', sweep: { listed: 24, deleted: 1 } });
    expect(await live()).toBe(24);
    expect(await store.getItem(`servicenow:${gone.sysId}`)).not.toBeNull();
    // The pull (nothing changed), then pages of 10, 10 and 4 and the empty page that ends the walk.
    expect(calls.filter((c) => c.endpoint === 'table:incident')).toHaveLength(1 + 4);
  });

  it('marks nothing when a sweep page fails after the first', async () => {
    const { box, connector } = instance(
      server,
      { people, tickets: incidents(25) },
      { connector: { tables: ['incident'], pageSize: 9 }, fake: { maxLimit: 10 } },
    );
    await sync(connector, NOW);
    box.state.deleteRecord('incident', incidents(25)[3]!.sysId);
    server.use(
      http.get(`${BASE}/api/now/table/incident`, ({ request }) => {
        const url = new URL(request.url);
        const sweepPage = url.searchParams.get('sysparm_fields') === 'sys_id';
        if (!sweepPage || !url.searchParams.get('sysparm_query')?.startsWith('sys_id>')) return undefined;
        return HttpResponse.json(
          {
            error: { message: 'Transaction cancelled: maximum execution time exceeded', detail: null },
            status: 'failure',
          },
          { status: 500 },
        );
      }),
    );
    const failed = await sync(connector, NOW + 25 * HOUR);
    expect(failed[0]?.error).toMatch(/deletion sweep failed, nothing was marked deleted/);
    expect(await live()).toBe(25);
  });
});
