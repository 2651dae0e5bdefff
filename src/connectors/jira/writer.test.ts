/**
 * Writing bearing's fields to the fake Jira Cloud through msw: bulk edits grouped by value and polled,
 * the notification and permission fallbacks, and per-field errors. The fake runs on the real clock here,
 * so its bulk tasks complete while the writer waits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { pino } from 'pino';
import { isBearingError } from '../../core/errors.js';
import type { WorkItem } from '../../model/index.js';
import { mswHandlers, unhandledRequestPolicy } from '../../sandbox/http/index.js';
import {
  CLOUD_BASE,
  DEFAULT_BOT,
  createFakeJiraInjector,
  seedPerson,
  seedTickets,
  type FakeJiraOptions,
} from '../../sandbox/jira/index.js';
import type { PlannedWrite } from '../connector.js';
import type { JiraConnectorOptions } from './index.js';
import { addBearingFields, countOf, syncOnce, testConnector } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const signal = new AbortController().signal;

async function site(
  options: Partial<FakeJiraOptions> = {},
  connectorOptions: Partial<JiraConnectorOptions> = {},
  count = 30,
) {
  const fake = createFakeJiraInjector({
    flavour: 'cloud',
    bulkTask: { startAfterMs: 5, completeAfterMs: 30 },
    ...options,
  });
  fake.state.load([seedPerson('p1')], [...seedTickets('OPS', count), ...seedTickets('HR', 5)]);
  server.use(...mswHandlers(fake.injector, CLOUD_BASE));
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  const ids = addBearingFields(fake.state);
  const { connector, calls } = testConnector(CLOUD_BASE, {
    jql: 'project in (OPS, HR)',
    log,
    bulkPolling: { expectedTaskMs: 50, maxDelayMs: 200 },
    ...connectorOptions,
  });
  const items = (await syncOnce(connector, new Map(), Date.now())).items;
  calls.length = 0;
  return { ...fake, ids, connector, calls, items, lines };
}

const write = (
  item: WorkItem,
  score: number,
  goal = 'digital-revenue',
  flags: string[] = [],
): PlannedWrite => ({
  item,
  values: { score, goal, flags },
  fields: ['score', 'goal', 'flags'],
});

describe('writing to Jira Cloud in bulk', () => {
  it('sends one bulk edit per field and value (1,000 issues at most), polls each task about once, and touches only bearing fields', async () => {
    const { state, ids, connector, calls, items } = await site({}, {}, 1300);
    const ops = items
      .filter((i) => i.container === 'OPS')
      .sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]));
    const writes: PlannedWrite[] = ops.map((item, n) => ({
      item,
      values: {
        score: n < 1200 ? 80 : 40,
        goal: n < 1250 ? 'digital-revenue' : 'run',
        flags: n < 10 ? ['misaligned', 'duplicate-work'] : [],
      },
      fields: n < 10 ? ['score', 'goal', 'flags'] : ['score', 'goal'],
    }));
    const outcomes = await connector.writer.write(writes, signal);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes).toHaveLength(1300);

    // Σ ceil(items per value / 1,000): score 80 ×1200 → 2, score 40 → 1, goal ×1250 → 2, run → 1, flags → 1.
    expect(countOf(calls, 'bulk-edit')).toBe(7);
    expect(countOf(calls, 'bulk-queue')).toBeLessThanOrEqual(14);
    expect(countOf(calls, 'issue-edit')).toBe(0);

    expect(state.valueOf('OPS-1', ids.score)).toBe(80);
    expect(state.valueOf('OPS-1300', ids.score)).toBe(40);
    expect(state.valueOf('OPS-1260', ids.goal)).toBe('run');
    expect(state.valueOf('OPS-3', ids.flags)).toEqual(['duplicate-work', 'misaligned']);
    expect(new Set(state.writes.map((w) => w.field))).toEqual(new Set(Object.values(ids)));
    expect(state.writes.every((w) => w.via === 'bulk' && !w.notified)).toBe(true);
  });

  it('submits the bulk edit with the most issues first', async () => {
    const { state, connector, items } = await site();
    // Score 10 for 2 issues (planned first), score 20 for the rest.
    const writes = items.map((item, n) => ({ ...write(item, n < 2 ? 10 : 20), fields: ['score' as const] }));
    const outcomes = await connector.writer.write(writes, signal);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const sizes = [...state.tasks.values()].map((t) => t.totalIssueCount);
    expect(sizes).toEqual([items.length - 2, 2]);
  });

  it('clears flags with REMOVE_ALL and reads the written values back on the next pull', async () => {
    const { state, ids, connector, items } = await site();
    const ops1 = items.find((i) => i.key === 'OPS-1') as WorkItem;
    state.editAsHuman('OPS-1', { fields: { [ids.flags]: ['misaligned'] } });
    expect((await connector.writer.write([write(ops1, 55, 'none', [])], signal))[0]?.ok).toBe(true);
    expect(state.valueOf('OPS-1', ids.flags)).toEqual([]);
    const again = await syncOnce(connector, new Map(), Date.now());
    expect(again.items.find((i) => i.key === 'OPS-1')?.held).toEqual({
      score: 55,
      goal: 'none',
      flags: null,
    });
  });

  it('writes with notifications when the account may not turn them off, and says so once', async () => {
    const { state, connector, calls, items, lines } = await site({ notifyAllowed: false });
    const writes = items.map((item, n) => write(item, n % 2 ? 10 : 20));
    const outcomes = await connector.writer.write(writes, signal);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // 2 score values + 1 goal + 1 flags, plus the one refused submission.
    expect(countOf(calls, 'bulk-edit', 403)).toBe(1);
    expect(countOf(calls, 'bulk-edit', 201)).toBe(4);
    expect(state.writes.every((w) => w.notified)).toBe(true);
    expect(lines.filter((l) => /turn off notifications/.test(l))).toHaveLength(1);
  });

  it('falls back to one PUT per issue without the bulk-change permission', async () => {
    const { state, ids, connector, calls, items, lines } = await site({ bulkAllowed: false });
    const outcomes = await connector.writer.write(
      items.map((item) => write(item, 66)),
      signal,
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(countOf(calls, 'bulk-edit')).toBe(1);
    expect(countOf(calls, 'issue-edit')).toBe(items.length);
    expect(state.valueOf('HR-2', ids.score)).toBe(66);
    expect(state.writes.every((w) => w.via === 'PUT /rest/api/3/issue' && !w.notified)).toBe(true);
    expect(lines.filter((l) => /may not make bulk changes/.test(l))).toHaveLength(1);
    // The fallback is remembered: the next batch goes straight to single edits.
    calls.length = 0;
    await connector.writer.write([write(items[0] as WorkItem, 67)], signal);
    expect(countOf(calls, 'bulk-edit')).toBe(0);
  });
});

describe('reading back what bearing’s fields hold', () => {
  it('asks the issues themselves (bulkfetch), so values the lagging search does not show yet are seen', async () => {
    const { connector, calls, items, ids, state } = await site({ searchLagMs: 60_000 });
    const outcomes = await connector.writer.write(
      items.slice(0, 3).map((item) => write(item, 42, 'run', ['misaligned'])),
      signal,
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(state.valueOf(items[0]?.key as string, ids.score)).toBe(42);
    calls.length = 0;
    const held = await connector.writer.readHeld(items.slice(0, 4), signal);
    expect(items.slice(0, 4).map((i) => held.get(i.uid))).toEqual([
      { score: 42, goal: 'run', flags: ['misaligned'] },
      { score: 42, goal: 'run', flags: ['misaligned'] },
      { score: 42, goal: 'run', flags: ['misaligned'] },
      { score: null, goal: null, flags: null },
    ]);
    expect(countOf(calls, 'issue-bulkfetch')).toBe(1);
    expect(calls).toHaveLength(1);
  });
});

describe('write errors', () => {
  it('name the field and the fix when Jira refuses a field (not on the screen), in bulk and in single edits', async () => {
    for (const bulkAllowed of [true, false]) {
      const { state, ids, connector, items } = await site({ screenCheck: true, bulkAllowed });
      state.fields.get(ids.goal)!.onScreen = false;
      const [first] = await connector.writer.write([write(items[0] as WorkItem, 77)], signal);
      expect(first).toMatchObject({ ok: false, retry: true });
      const reason = (first as { reason: string }).reason;
      expect(reason).toContain(`"Business Goal" (${ids.goal})`);
      expect(reason).toContain('add "Business Goal"');
      expect(reason).toContain('edit screen');
      expect(reason).not.toContain('"Alignment Score"');
    }
  });

  it('report issues the account may not edit, and write the others', async () => {
    const { state, ids, connector, items } = await site();
    state.setPermissions(DEFAULT_BOT.accountId, { editIssues: ['HR'] });
    const outcomes = await connector.writer.write(
      items.map((item) => write(item, 30)),
      signal,
    );
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(30);
    expect(failed[0]).toMatchObject({
      retry: true,
      reason: expect.stringMatching(/permission to edit issues in this project/),
    });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    expect(state.valueOf('HR-1', ids.score)).toBe(30);
    expect(state.valueOf('OPS-1', ids.score)).toBeNull();
  });

  it('stop the whole write at a 401 instead of failing every issue one call at a time', async () => {
    const { connector, calls, items } = await site({ bulkAllowed: false });
    server.use(
      http.put(
        `${CLOUD_BASE}/rest/api/3/issue/:id`,
        () => new HttpResponse('Client must be authenticated to access this resource.', { status: 401 }),
      ),
    );
    const error = await connector.writer
      .write(
        items.map((item) => write(item, 1)),
        signal,
      )
      .catch((e: unknown) => e);
    expect(isBearingError(error) && error.kind).toBe('auth');
    expect((error as Error).message).toMatch(/answered 401.*check jira\.auth/);
    expect(countOf(calls, 'issue-edit')).toBeLessThan(items.length);
  });

  it('stop the write with a config error when bearing setup has not made the fields', async () => {
    const fake = createFakeJiraInjector({ flavour: 'cloud' });
    fake.state.load([seedPerson('p1')], seedTickets('OPS', 2));
    server.use(...mswHandlers(fake.injector, CLOUD_BASE));
    const { connector } = testConnector(CLOUD_BASE);
    const [item] = (await syncOnce(connector, new Map(), Date.now())).items;
    const error = await connector.writer.write([write(item as WorkItem, 1)], signal).catch((e: unknown) => e);
    expect(isBearingError(error) && error.kind).toBe('config');
    expect((error as Error).message).toMatch(/no field named "Alignment Score".*run `bearing setup`/);
  });
});
