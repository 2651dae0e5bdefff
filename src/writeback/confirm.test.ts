import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemWriter } from '../connectors/connector.js';
import { silentLogger } from '../core/log.js';
import type { HeldValues } from '../model/index.js';
import { workItem } from '../model/testing.js';
import { openStore, type Store } from '../store/index.js';
import { confirmUnrecordedWrites } from './confirm.js';
import { planItem, type PlanInput, type PlannedChange } from './plan.js';

const desired = { score: 80, goal: 'run', flags: ['misaligned'] };
const empty: HeldValues = { score: null, goal: null, flags: null };
const at = '2026-11-20T10:00:00.000Z';
const items = ['OPS-1', 'OPS-2', 'OPS-3'].map((key) => workItem({ key }));

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
  await store.commitPage({
    system: 'jira',
    scope: 'OPS',
    items: items.map((item) => ({ item, raw: {} })),
    quarantined: [],
    cursor: null,
  });
});
afterEach(async () => store.close());

/** The plan for every item, which holds nothing yet according to its pull. */
const plan = (): { change: PlannedChange; input: PlanInput }[] =>
  items.map((item) => {
    const input: PlanInput = { item, desired, lastWritten: null };
    return { change: planItem(input) as PlannedChange, input };
  });

/** A writer whose items hold `held` upstream; counts the items it was asked to read. */
function writer(held: Record<string, HeldValues>, fail = false) {
  const asked: string[][] = [];
  const w: ItemWriter = {
    write: () => Promise.reject(new Error('not used')),
    readHeld: (list) => {
      asked.push(list.map((i) => i.key));
      if (fail) return Promise.reject(new Error('503 from Jira'));
      return Promise.resolve(new Map(Object.entries(held)));
    },
  };
  return { writer: w, asked };
}

const confirm = (w: ItemWriter) =>
  confirmUnrecordedWrites({
    planned: plan(),
    writers: { jira: w },
    store,
    log: silentLogger(),
    signal: new AbortController().signal,
  });

describe('writes whose outcome bearing never learned (a stopped write-back, a timeout)', () => {
  it('cost nothing when every earlier write was recorded', async () => {
    const { writer: w, asked } = writer({});
    const result = await confirm(w);
    expect(result.changes.map((c) => c.item.key)).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
    expect(asked).toEqual([]);
  });

  it('are read back; one that landed is recorded instead of sent again, one that did not stays planned', async () => {
    await store.recordIntents(
      ['jira:OPS-1', 'jira:OPS-2'].map((uid) => ({ uid, runId: 'r1', at, values: desired })),
    );
    const { writer: w, asked } = writer({ 'jira:OPS-1': desired, 'jira:OPS-2': empty });
    const result = await confirm(w);
    expect(asked).toEqual([['OPS-1', 'OPS-2']]);
    expect(result.changes.map((c) => c.item.key)).toEqual(['OPS-3', 'OPS-2']);
    expect(result).toMatchObject({ confirmed: 1, inPlace: 1, errors: [] });
    expect(await store.lastWritten('jira:OPS-1')).toEqual({
      uid: 'jira:OPS-1',
      runId: 'r1',
      at,
      values: desired,
    });
    expect((await store.getItem('jira:OPS-1'))?.held).toEqual(desired);
    expect((await store.listIntents()).map((i) => i.uid)).toEqual(['jira:OPS-2']);
  });

  it('are recorded without a read when the pull already shows them landed; other intents of up-to-date items are dropped', async () => {
    const shown = workItem({ key: 'OPS-1', held: desired });
    const other = workItem({ key: 'OPS-2', held: { score: 5, goal: 'none', flags: [] } });
    await store.commitPage({
      system: 'jira',
      scope: 'OPS',
      items: [shown, other].map((item) => ({ item, raw: {} })),
      quarantined: [],
      cursor: null,
    });
    await store.recordIntents(
      ['jira:OPS-1', 'jira:OPS-2'].map((uid) => ({ uid, runId: 'r1', at, values: desired })),
    );
    const { writer: w, asked } = writer({});
    const result = await confirmUnrecordedWrites({
      planned: plan().filter((p) => p.change.item.key === 'OPS-3'),
      writers: { jira: w },
      store,
      log: silentLogger(),
      signal: new AbortController().signal,
    });
    expect(asked).toEqual([]);
    expect(result).toMatchObject({ confirmed: 1, errors: [] });
    expect((await store.lastWritten('jira:OPS-1'))?.values).toEqual(desired);
    expect(await store.lastWritten('jira:OPS-2')).toBeNull();
    expect(await store.listIntents()).toEqual([]);
  });

  it('are held back for the next cycle, with a message, when they cannot be read back', async () => {
    await store.recordIntents([{ uid: 'jira:OPS-1', runId: 'r1', at, values: desired }]);
    const result = await confirm(writer({}, true).writer);
    expect(result.changes.map((c) => c.item.key)).toEqual(['OPS-2', 'OPS-3']);
    expect(result.errors).toEqual([
      expect.stringMatching(/^jira: could not read back 1 item whose .*503 from Jira$/),
    ]);
    expect((await store.listIntents()).map((i) => i.uid)).toEqual(['jira:OPS-1']);
  });
});
