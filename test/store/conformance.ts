/**
 * The behaviour every Store implementation must show. Run it from a test file:
 * `describeStoreConformance('sqlite', (seams) => openSqliteStore({ path: tempFile(), ...seams }))`.
 * `makeStore` returns a fresh, empty store with the given test seams; the suite migrates and closes it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BearingError } from '../../src/core/index.js';
import { contentHash, type Finding, type Report, type WorkItem } from '../../src/model/index.js';
import { compareCodePoints } from '../../src/store/analysis-blocks.js';
import type { PageCommit, Store } from '../../src/store/index.js';
import { page, quarantined, scoreOf, stored, tagOf, workItem } from './fixtures/work-items.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

const sortedUids = (items: readonly WorkItem[]): string[] => items.map((i) => i.uid).sort();

export interface StoreSeams {
  onBeforeCursorWrite?: (page: PageCommit) => void;
}

export function describeStoreConformance(
  name: string,
  makeStore: (seams?: StoreSeams) => Promise<Store>,
): void {
  describe(`${name} store`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await makeStore();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('schema', () => {
      it('migrates again without touching what is stored', async () => {
        await store.commitPage(page([workItem(1)], { cursor: { updatedMs: 1, lastId: '10001' } }));
        await store.migrate();
        expect(await store.getItem('jira:10001')).toEqual(workItem(1));
        expect(await store.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 1, lastId: '10001' });
      });

      it('answers a ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('can be closed twice', async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    describe('pages and cursors', () => {
      it('stores a page: items, raw payloads, hashes and the cursor', async () => {
        const item = workItem(7);
        const raw = {
          id: '10007',
          key: 'SHOP-7',
          fields: { summary: 'Improve checkout', customfield_10016: 3 },
        };
        const result = await store.commitPage({
          system: 'jira',
          scope: 'SHOP',
          items: [{ item, raw }],
          quarantined: [],
          cursor: { updatedMs: 1_763_287_200_000, lastId: '10007', extra: { seen: ['10007'] } },
        });
        expect(result).toEqual({ inserted: 1, changed: 0, unchanged: 0 });
        expect(await store.getItem(item.uid)).toEqual(item);
        expect(await store.getRaw(item.uid)).toEqual(raw);
        expect(await store.getItemHash(item.uid)).toBe(contentHash(item));
        expect(await store.getCursor('jira', 'SHOP')).toEqual({
          updatedMs: 1_763_287_200_000,
          lastId: '10007',
          extra: { seen: ['10007'] },
        });
      });

      it('counts inserted, changed and unchanged items by content hash', async () => {
        await store.commitPage(page([workItem(1), workItem(2), workItem(3)]));
        const result = await store.commitPage(
          page([
            // Only `updated` and held values moved: bearing's own write, not a content change.
            workItem(1, {
              updated: '2026-11-17T08:00:00.000Z',
              held: { score: 72, goal: 'digital-revenue', flags: [] },
            }),
            workItem(2, { title: 'Rewrite the checkout' }),
            workItem(4),
          ]),
        );
        expect(result).toEqual({ inserted: 1, changed: 1, unchanged: 1 });
        expect(await store.getItem('jira:10001')).toMatchObject({
          updated: '2026-11-17T08:00:00.000Z',
          // The last content change stays: bearing's own write must not make the item look worked on.
          changed: '2026-11-16T10:00:00.000Z',
          held: { score: 72, goal: 'digital-revenue', flags: [] },
        });
        expect((await store.getItem('jira:10002'))?.changed).toBe('2026-11-16T10:00:00.000Z');
        expect(await store.getItemHash('jira:10002')).toBe(
          contentHash(workItem(2, { title: 'Rewrite the checkout' })),
        );
        expect(await store.countItems()).toBe(4);
      });

      it('counts an item seen again with the same content as unchanged, however often', async () => {
        await store.commitPage(page([workItem(1)]));
        expect(await store.commitPage(page([workItem(1)]))).toEqual({
          inserted: 0,
          changed: 0,
          unchanged: 1,
        });
        expect(await store.commitPage(page([workItem(1)]))).toEqual({
          inserted: 0,
          changed: 0,
          unchanged: 1,
        });
      });

      it('counts an item given twice in one page as first inserted, then seen again', async () => {
        expect(
          await store.commitPage(page([workItem(1), workItem(1, { title: 'Reworded' }), workItem(1)])),
        ).toEqual({ inserted: 1, changed: 2, unchanged: 0 });
        expect(await store.getItem('jira:10001')).toEqual(workItem(1));
        expect(await store.countItems()).toBe(1);
      });

      it('keeps items, quarantine and cursor as they were when a page fails part-way', async () => {
        await store.commitPage(
          page([workItem(1)], {
            cursor: { updatedMs: 100, lastId: '10001' },
            quarantined: [quarantined('SHOP-9')],
          }),
        );
        const failing = page([workItem(1, { title: 'changed' }), workItem(2)], {
          cursor: { updatedMs: 200, lastId: '10003' },
          quarantined: [quarantined('SHOP-8')],
        });
        // A raw payload that cannot be serialised, after two good items: the page fails mid-way.
        failing.items.push({ ...stored(workItem(3)), raw: { big: 1n } });

        await expect(store.commitPage(failing)).rejects.toThrow();

        expect(await store.getItemHash('jira:10001')).toBe(contentHash(workItem(1)));
        expect(await store.getItem('jira:10002')).toBeNull();
        expect(await store.countItems()).toBe(1);
        expect(await store.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 100, lastId: '10001' });
        expect((await store.listQuarantine()).map((q) => q.recordRef)).toEqual(['SHOP-9']);
      });

      it('rolls a whole page back when something throws between the item writes and the cursor', async () => {
        let fail = false;
        const seamed = await makeStore({
          onBeforeCursorWrite: () => {
            if (fail) throw new Error('interrupted');
          },
        });
        await seamed.migrate();
        await seamed.commitPage(page([workItem(1)], { cursor: { updatedMs: 1, lastId: '10001' } }));

        fail = true;
        await expect(
          seamed.commitPage(
            page([workItem(1, { title: 'changed' }), workItem(2)], {
              cursor: { updatedMs: 2, lastId: '10002' },
              quarantined: [quarantined('SHOP-3')],
            }),
          ),
        ).rejects.toThrow('interrupted');

        expect(await seamed.getItem('jira:10001')).toEqual(workItem(1));
        expect(await seamed.getItem('jira:10002')).toBeNull();
        expect(await seamed.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 1, lastId: '10001' });
        expect(await seamed.listQuarantine()).toEqual([]);

        fail = false;
        expect(
          await seamed.commitPage(page([workItem(2)], { cursor: { updatedMs: 2, lastId: '10002' } })),
        ).toEqual({ inserted: 1, changed: 0, unchanged: 0 });
        await seamed.close();
      });

      it('leaves the cursor where it was when a page brings none', async () => {
        await store.commitPage(page([workItem(1)], { cursor: { updatedMs: 100, lastId: '10001' } }));
        await store.commitPage(page([workItem(2)], { cursor: null }));
        expect(await store.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 100, lastId: '10001' });
        expect(await store.countItems()).toBe(2);
      });

      it('keeps one cursor per system and scope', async () => {
        await store.commitPage(page([], { cursor: { updatedMs: 1, lastId: null } }));
        await store.commitPage(
          page([], { system: 'jira', scope: 'OPS', cursor: { updatedMs: 2, lastId: 'b' } }),
        );
        await store.commitPage(
          page([], { system: 'servicenow', scope: 'SHOP', cursor: { updatedMs: 3, lastId: 'c' } }),
        );
        expect(await store.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 1, lastId: null });
        expect(await store.getCursor('jira', 'OPS')).toEqual({ updatedMs: 2, lastId: 'b' });
        expect(await store.getCursor('servicenow', 'SHOP')).toEqual({ updatedMs: 3, lastId: 'c' });
        expect(await store.getCursor('servicenow', 'incident')).toBeNull();
      });
    });

    describe('items', () => {
      it('finds an item by its Jira key or ServiceNow ref', async () => {
        const sn = workItem(12345, { source: 'servicenow' });
        await store.commitPage(page([workItem(7)]));
        await store.commitPage(page([sn], { system: 'servicenow', scope: 'incident' }));
        expect(await store.getItemByRef('SHOP-7')).toEqual(workItem(7));
        expect(await store.getItemByRef('SN:INC0012345')).toEqual(sn);
        expect(await store.getItemByRef('SHOP-8')).toBeNull();
      });

      it('follows an item that moved to another project under a new key', async () => {
        await store.commitPage(page([workItem(1)]));
        const moved = workItem(1, { key: 'OPS-1', ref: 'OPS-1', scope: 'OPS', container: 'OPS' });
        expect(await store.commitPage(page([moved], { scope: 'OPS' }))).toEqual({
          inserted: 0,
          changed: 1,
          unchanged: 0,
        });
        expect(await store.getItemByRef('OPS-1')).toEqual(moved);
        expect(await store.getItemByRef('SHOP-1')).toBeNull();
        expect(await store.countItems({ scope: 'SHOP' })).toBe(0);
        expect(await store.countItems({ scope: 'OPS' })).toBe(1);
      });

      it('answers null for an item it never stored', async () => {
        expect(await store.getItem('jira:404')).toBeNull();
        expect(await store.getItemHash('jira:404')).toBeNull();
        expect(await store.getRaw('jira:404')).toBeNull();
      });

      it('streams every item in uid order across many internal pages', async () => {
        const ns = Array.from({ length: 1203 }, (_, i) => (i * 7919) % 1203);
        const items = ns.map((n) => workItem(n));
        for (let i = 0; i < items.length; i += 300) await store.commitPage(page(items.slice(i, i + 300)));

        const streamed = await collect(store.iterateItems());
        expect(streamed.map((i) => i.uid)).toEqual(sortedUids(items));
        expect(streamed[0]).toEqual(items.find((i) => i.uid === streamed[0]!.uid));
        expect(await store.countItems()).toBe(1203);
      });

      it('orders uids by code point, characters beyond U+FFFF included, in streams and analysis', async () => {
        const uids = [
          'jira:10',
          'jira:9',
          'jira:\u{1F680}',
          'jira:\uFFFD',
          'jira:\uE000',
          'jira:é',
          'jira:JIRA-1',
        ];
        await store.commitPage(page(uids.map((uid, n) => workItem(n, { uid }))));
        await store.saveAnalysis(
          'r1',
          uids.map((u) => tagOf(u)),
          uids.map((u) => scoreOf(u)),
        );
        const expected = [...uids].sort(compareCodePoints);
        expect((await collect(store.iterateItems())).map((i) => i.uid)).toEqual(expected);
        expect((await collect(store.iterateScores('r1'))).map((s) => s.tag.uid)).toEqual(expected);
        for (const uid of uids) expect(await store.getTag('r1', uid)).toEqual(tagOf(uid));
      });

      it('refuses a page with an item whose uid does not start with its source, naming the item', async () => {
        const stray = workItem(2, { uid: 'servicenow:20002' });
        const error = await store.commitPage(page([workItem(1), stray])).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'fatal' });
        expect((error as Error).message).toContain('servicenow:20002');
        expect(await store.countItems()).toBe(0);
      });

      it('refuses a page with an item missing a key field, naming the item and the field', async () => {
        const { ref: _dropped, ...noRef } = workItem(3);
        const error = await store.commitPage(page([workItem(1), noRef as WorkItem])).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'fatal' });
        expect((error as Error).message).toMatch(/item jira:10003 has no ref/);
        expect(await store.countItems()).toBe(0);
      });

      it('lists and counts a source’s items only, whatever their uids sort next to', async () => {
        await store.commitPage(
          page([
            workItem(1),
            workItem(2, { source: 'servicenow', uid: 'servicenow:jira;x' }),
            workItem(3, { source: 'servicenow', uid: 'servicenow:0' }),
          ]),
        );
        expect((await collect(store.iterateItems({ source: 'jira' }))).map((i) => i.uid)).toEqual([
          'jira:10001',
        ]);
        expect(await store.countItems({ source: 'servicenow' })).toBe(2);
      });

      it('keeps text and payloads exactly as sent, NUL characters and key order included', async () => {
        const item = workItem(1, { title: 'Paste from Excel\u0000 \u{1F680}', text: 'a\u0000b' });
        const raw = { zeta: 1, alpha: { '': '\u0000', b: [1.5, null, 'ü'] }, mid: 1e-7 };
        await store.commitPage({
          system: 'jira',
          scope: 'SHOP',
          items: [{ item, raw }],
          quarantined: [quarantined('SHOP-2', { raw: { fields: { summary: '\u0000' } } })],
          cursor: null,
        });
        expect(JSON.stringify(await store.getItem(item.uid))).toBe(JSON.stringify(item));
        expect(JSON.stringify(await store.getRaw(item.uid))).toBe(JSON.stringify(raw));
        expect((await store.listQuarantine())[0]?.raw).toEqual({ fields: { summary: '\u0000' } });
      });

      it('filters items by source and scope', async () => {
        await store.commitPage(page([workItem(1), workItem(2)]));
        await store.commitPage(page([workItem(3, { scope: 'OPS' })], { scope: 'OPS' }));
        await store.commitPage(
          page([workItem(4, { source: 'servicenow' })], { system: 'servicenow', scope: 'incident' }),
        );
        expect((await collect(store.iterateItems({ source: 'jira' }))).map((i) => i.key)).toEqual([
          'SHOP-1',
          'SHOP-2',
          'SHOP-3',
        ]);
        expect(
          (await collect(store.iterateItems({ source: 'jira', scope: 'OPS' }))).map((i) => i.key),
        ).toEqual(['SHOP-3']);
        expect(await store.countItems({ source: 'servicenow' })).toBe(1);
        expect(await store.countItems({ scope: 'SHOP' })).toBe(2);
      });

      it('leaves items deleted upstream out of streams and counts unless asked', async () => {
        await store.commitPage(page([workItem(1), workItem(2), workItem(3)]));
        await store.markDeleted(['jira:10002', 'jira:404']);

        expect((await collect(store.iterateItems())).map((i) => i.key)).toEqual(['SHOP-1', 'SHOP-3']);
        expect(await store.countItems()).toBe(2);
        expect(await store.countItems({ includeDeleted: true })).toBe(3);
        expect((await collect(store.iterateItems({ includeDeleted: true }))).map((i) => i.key)).toEqual([
          'SHOP-1',
          'SHOP-2',
          'SHOP-3',
        ]);
        expect(await store.getItem('jira:10002')).toEqual(workItem(2));
      });

      it('brings a deleted item back when a page brings it again', async () => {
        await store.commitPage(page([workItem(1)]));
        await store.markDeleted(['jira:10001']);
        await store.commitPage(page([workItem(1)]));
        expect(await store.countItems()).toBe(1);
      });

      it("lists a scope's ids with whether each is marked deleted, deleted ones included, in uid order", async () => {
        await store.commitPage(page([workItem(3), workItem(1), workItem(2)]));
        await store.commitPage(page([workItem(4, { scope: 'OPS' })], { scope: 'OPS' }));
        await store.commitPage(
          page([workItem(5, { source: 'servicenow', scope: 'SHOP' })], {
            system: 'servicenow',
            scope: 'SHOP',
          }),
        );
        await store.markDeleted(['jira:10002']);

        expect(await collect(store.iteratePresence('jira', 'SHOP'))).toEqual([
          { uid: 'jira:10001', id: '10001', deleted: false },
          { uid: 'jira:10002', id: '10002', deleted: true },
          { uid: 'jira:10003', id: '10003', deleted: false },
        ]);
        expect(await collect(store.iteratePresence('jira', 'HR'))).toEqual([]);
      });

      it('marks deleted items live again and leaves the rest as they are', async () => {
        await store.commitPage(page([workItem(1), workItem(2), workItem(3)]));
        await store.markDeleted(['jira:10001', 'jira:10002']);
        await store.markLive(['jira:10002', 'jira:10003', 'jira:404']);
        await store.markLive([]);

        expect((await collect(store.iterateItems())).map((i) => i.key)).toEqual(['SHOP-2', 'SHOP-3']);
        expect(await store.countItems({ includeDeleted: true })).toBe(3);
        expect(await store.getItem('jira:10002')).toEqual(workItem(2));
        expect(await store.getItemHash('jira:10002')).toBe(contentHash(workItem(2)));
      });

      it("streams a scope's ids past one page of rows", async () => {
        const many = Array.from({ length: 1_203 }, (_, i) => workItem(i + 1));
        await store.commitPage(page(many));
        await store.markDeleted(many.filter((_, i) => i % 100 === 0).map((i) => i.uid));
        const presence = await collect(store.iteratePresence('jira', 'SHOP'));
        expect(presence.map((p) => p.uid)).toEqual(sortedUids(many));
        expect(presence.filter((p) => p.deleted)).toHaveLength(13);
      });

      it('updates held values without changing the content hash', async () => {
        await store.commitPage(page([workItem(1)]));
        const held = { score: 64, goal: 'digital-revenue', flags: ['duplicate-work'] };
        await store.updateHeld('jira:10001', held);

        expect((await store.getItem('jira:10001'))?.held).toEqual(held);
        expect(await store.getItemHash('jira:10001')).toBe(contentHash(workItem(1)));
        expect(await store.commitPage(page([workItem(1, { held })]))).toEqual({
          inserted: 0,
          changed: 0,
          unchanged: 1,
        });
      });

      it('refuses to update held values of an item it does not have', async () => {
        await expect(
          store.updateHeld('jira:404', { score: 1, goal: 'none', flags: [] }),
        ).rejects.toMatchObject({
          kind: 'notFound',
        });
      });
    });

    describe('quarantine', () => {
      it('lists quarantined records with reason and raw payload, by system and scope', async () => {
        await store.commitPage(page([], { quarantined: [quarantined('SHOP-8')] }));
        await store.commitPage(
          page([], {
            system: 'servicenow',
            scope: 'incident',
            quarantined: [
              quarantined('SN:INC0000001', { system: 'servicenow', scope: 'incident', field: 'priority' }),
            ],
          }),
        );

        const all = await store.listQuarantine();
        expect(all).toHaveLength(2);
        expect(all[0]).toMatchObject({ ...quarantined('SHOP-8'), at: expect.any(String) });
        expect((await store.listQuarantine({ system: 'servicenow' })).map((q) => q.recordRef)).toEqual([
          'SN:INC0000001',
        ]);
        expect((await store.listQuarantine({ scope: 'SHOP' })).map((q) => q.recordRef)).toEqual(['SHOP-8']);
      });

      it('replaces a record’s earlier entries when it is quarantined again', async () => {
        await store.commitPage(page([], { quarantined: [quarantined('SHOP-8')] }));
        await store.commitPage(
          page([], {
            quarantined: [quarantined('SHOP-8', { field: 'fields.created', reason: 'not a date' })],
          }),
        );
        const list = await store.listQuarantine();
        expect(list.map((q) => [q.recordRef, q.field, q.reason])).toEqual([
          ['SHOP-8', 'fields.created', 'not a date'],
        ]);
      });

      it('clears a record from quarantine once it arrives valid, by ref or by source id', async () => {
        const sn = workItem(5, { source: 'servicenow' });
        await store.commitPage(page([], { quarantined: [quarantined('SHOP-8'), quarantined('SHOP-9')] }));
        await store.commitPage(
          page([], {
            system: 'servicenow',
            scope: 'incident',
            quarantined: [quarantined(sn.id, { system: 'servicenow', scope: 'incident' })],
          }),
        );

        await store.commitPage(page([workItem(8)]));
        await store.commitPage(page([sn], { system: 'servicenow', scope: 'incident' }));

        expect((await store.listQuarantine()).map((q) => q.recordRef)).toEqual(['SHOP-9']);
      });

      it('removes a record’s entries when asked to clear it', async () => {
        await store.commitPage(page([], { quarantined: [quarantined('SHOP-8'), quarantined('SHOP-9')] }));
        await store.clearQuarantine('jira', 'SHOP-8');
        await store.clearQuarantine('servicenow', 'SHOP-9');
        expect((await store.listQuarantine()).map((q) => q.recordRef)).toEqual(['SHOP-9']);
      });
    });

    describe('runs', () => {
      it('records a run from start to finish', async () => {
        await store.startRun({ id: 'r1', kind: 'sync', startedAt: '2026-11-16T10:00:00.000Z' });
        expect(await store.getRun('r1')).toEqual({
          id: 'r1',
          kind: 'sync',
          startedAt: '2026-11-16T10:00:00.000Z',
          finishedAt: null,
          status: 'running',
          summary: null,
        });
        await store.finishRun('r1', 'succeeded', { items: 12, failedScopes: [] });
        expect(await store.getRun('r1')).toMatchObject({
          status: 'succeeded',
          finishedAt: expect.any(String),
          summary: { items: 12, failedScopes: [] },
        });
        expect(await store.getRun('r404')).toBeNull();
      });

      it('finds the last run of a kind, optionally with a status', async () => {
        await store.startRun({ id: 'a', kind: 'sync', startedAt: '2026-11-16T10:00:00.000Z' });
        await store.finishRun('a', 'succeeded', {});
        await store.startRun({ id: 'b', kind: 'sync', startedAt: '2026-11-16T10:15:00.000Z' });
        await store.finishRun('b', 'failed', {});
        await store.startRun({ id: 'c', kind: 'report', startedAt: '2026-11-16T10:30:00.000Z' });

        expect((await store.lastRun('sync'))?.id).toBe('b');
        expect((await store.lastRun('sync', 'succeeded'))?.id).toBe('a');
        expect((await store.lastRun('report', 'running'))?.id).toBe('c');
        expect(await store.lastRun('writeback')).toBeNull();
      });

      it('refuses a run id used before and finishing a run never started', async () => {
        await store.startRun({ id: 'r1', kind: 'sync', startedAt: '2026-11-16T10:00:00.000Z' });
        await expect(
          store.startRun({ id: 'r1', kind: 'sync', startedAt: '2026-11-16T11:00:00.000Z' }),
        ).rejects.toThrow(/r1/);
        await expect(store.finishRun('r404', 'failed', {})).rejects.toBeInstanceOf(BearingError);
      });
    });

    describe('analysis', () => {
      const uids = Array.from({ length: 600 }, (_, i) => `jira:${(i * 7) % 600}`);

      it('returns each item’s tag and score as saved, and streams them paired in uid order', async () => {
        const tags = uids.map((u) => tagOf(u));
        const scores = [...uids].reverse().map((u, i) => scoreOf(u, i % 101));
        await store.saveAnalysis('r1', tags, scores);

        expect(await store.getTag('r1', 'jira:42')).toEqual(tagOf('jira:42'));
        expect(await store.getScore('r1', 'jira:42')).toEqual(scores.find((s) => s.uid === 'jira:42'));
        expect(await store.getTag('r1', 'jira:9999')).toBeNull();
        expect(await store.getScore('r2', 'jira:42')).toBeNull();

        const streamed = await collect(store.iterateScores('r1'));
        expect(streamed.map((s) => s.tag.uid)).toEqual([...uids].sort());
        expect(streamed.every((s) => s.tag.uid === s.score.uid)).toBe(true);
        expect(await collect(store.iterateScores('r2'))).toEqual([]);
      });

      it('replaces a run’s analysis when it is saved again', async () => {
        await store.saveAnalysis(
          'r1',
          uids.map((u) => tagOf(u)),
          uids.map((u) => scoreOf(u)),
        );
        await store.saveAnalysis('r1', [tagOf('jira:1', 'none')], [scoreOf('jira:1', 5)]);
        expect(await collect(store.iterateScores('r1'))).toEqual([
          { tag: tagOf('jira:1', 'none'), score: scoreOf('jira:1', 5) },
        ]);
        expect(await store.getTag('r1', 'jira:2')).toBeNull();
      });

      it('refuses tags and scores that do not describe the same items', async () => {
        await expect(store.saveAnalysis('r1', [tagOf('jira:1')], [scoreOf('jira:2')])).rejects.toThrow(
          /jira:1/,
        );
        await expect(
          store.saveAnalysis('r1', [tagOf('jira:1')], [scoreOf('jira:1'), scoreOf('jira:2')]),
        ).rejects.toThrow(/jira:2/);
        expect(await store.getTag('r1', 'jira:1')).toBeNull();
      });

      it('keeps only the analysis of the newest runs when pruned', async () => {
        for (const run of ['r1', 'r2', 'r3'])
          await store.saveAnalysis(run, [tagOf('jira:1')], [scoreOf('jira:1')]);
        expect(await store.pruneAnalysis(2)).toBe(1);
        expect(await store.getTag('r1', 'jira:1')).toBeNull();
        expect(await store.getTag('r2', 'jira:1')).toEqual(tagOf('jira:1'));
        expect(await store.getTag('r3', 'jira:1')).toEqual(tagOf('jira:1'));
        expect(await store.pruneAnalysis(2)).toBe(0);
      });
    });

    describe('findings', () => {
      const finding = (kind: Finding['kind'], key: string, summary = `${kind} ${key}`): Finding => ({
        kind,
        key,
        items: ['SHOP-1', 'SN:INC0000002'],
        summary,
        details: { similarity: 0.91 },
      });

      it('lists a run’s findings in the order saved, optionally of one kind', async () => {
        await store.saveFindings('r1', [finding('duplicate-work', 'b'), finding('duplicate-work', 'a')]);
        await store.saveFindings('r1', [finding('misaligned', 'SHOP-9')]);
        await store.saveFindings('r2', [finding('misaligned', 'SHOP-1')]);

        expect(await store.listFindings('r1')).toEqual([
          { ...finding('duplicate-work', 'b'), runId: 'r1' },
          { ...finding('duplicate-work', 'a'), runId: 'r1' },
          { ...finding('misaligned', 'SHOP-9'), runId: 'r1' },
        ]);
        expect((await store.listFindings('r1', 'misaligned')).map((f) => f.key)).toEqual(['SHOP-9']);
        expect(await store.listFindings('r3')).toEqual([]);
      });

      it('replaces a finding saved again under the same kind and key in a run', async () => {
        await store.saveFindings('r1', [finding('duplicate-tool', 'video', 'old')]);
        await store.saveFindings('r1', [finding('duplicate-tool', 'video', 'new')]);
        expect((await store.listFindings('r1')).map((f) => f.summary)).toEqual(['new']);
      });
    });

    describe('write audit', () => {
      it('returns the write recorded last for an item', async () => {
        await store.recordWrite({
          uid: 'jira:1',
          runId: 'r1',
          at: '2026-11-16T10:00:00.000Z',
          values: { score: 40, goal: 'none', flags: ['misaligned'] },
        });
        await store.recordWrite({
          uid: 'jira:2',
          runId: 'r1',
          at: '2026-11-16T10:00:00.000Z',
          values: { score: 90, goal: 'digital-revenue', flags: [] },
        });
        // Recorded later with an earlier clock (another replica): still the newest.
        await store.recordWrite({
          uid: 'jira:1',
          runId: 'r2',
          at: '2026-11-16T09:00:00.000Z',
          values: { score: 75, goal: 'digital-revenue', flags: [] },
        });
        expect(await store.lastWritten('jira:1')).toEqual({
          uid: 'jira:1',
          runId: 'r2',
          at: '2026-11-16T09:00:00.000Z',
          values: { score: 75, goal: 'digital-revenue', flags: [] },
        });
        expect(await store.lastWritten('jira:3')).toBeNull();
      });

      it('lists a run’s write failures in the order they happened', async () => {
        const at = '2026-11-16T10:00:00.000Z';
        await store.recordWriteFailure({
          uid: 'jira:2',
          runId: 'r1',
          reason: 'HTTP 400 field not on screen',
          at,
        });
        await store.recordWriteFailure({ uid: 'jira:1', runId: 'r1', reason: 'HTTP 404', at });
        await store.recordWriteFailure({ uid: 'jira:3', runId: 'r2', reason: 'HTTP 403', at });
        expect((await store.listWriteFailures('r1')).map((f) => [f.uid, f.reason])).toEqual([
          ['jira:2', 'HTTP 400 field not on screen'],
          ['jira:1', 'HTTP 404'],
        ]);
      });
    });

    describe('write intents', () => {
      const at = '2026-11-16T10:00:00.000Z';
      const values = { score: 40, goal: 'none', flags: ['misaligned'] };

      it('keeps the intents of writes being sent until each is recorded', async () => {
        await store.recordIntents([
          { uid: 'jira:2', runId: 'r1', at, values },
          { uid: 'jira:1', runId: 'r1', at, values },
        ]);
        expect(await store.listIntents()).toEqual([
          { uid: 'jira:1', runId: 'r1', at, values },
          { uid: 'jira:2', runId: 'r1', at, values },
        ]);
        await store.recordWrite({ uid: 'jira:1', runId: 'r1', at, values });
        expect((await store.listIntents()).map((i) => i.uid)).toEqual(['jira:2']);
        expect(await store.lastWritten('jira:1')).toEqual({ uid: 'jira:1', runId: 'r1', at, values });
      });

      it('holds one intent per item, the newest', async () => {
        const newer = { score: 90, goal: 'digital-revenue', flags: [] };
        await store.recordIntents([{ uid: 'jira:1', runId: 'r1', at, values }]);
        await store.recordIntents([
          { uid: 'jira:1', runId: 'r2', at, values: newer },
          { uid: 'jira:1', runId: 'r3', at, values: newer },
        ]);
        expect(await store.listIntents()).toEqual([{ uid: 'jira:1', runId: 'r3', at, values: newer }]);
      });

      it('drops the intents it is told to, and nothing else', async () => {
        await store.recordIntents(
          ['jira:1', 'jira:2', 'jira:3'].map((uid) => ({ uid, runId: 'r1', at, values })),
        );
        await store.clearIntents(['jira:1', 'jira:3', 'jira:9']);
        await store.clearIntents([]);
        expect((await store.listIntents()).map((i) => i.uid)).toEqual(['jira:2']);
      });
    });

    describe('reports', () => {
      const report = (week: string, actual = 0.22): Report => ({
        week,
        period: '2026-Q4',
        generatedAt: '2026-11-23T08:00:00.000Z',
        allocation: [{ goal: 'digital-revenue', target: 0.35, actual, lastWeek: 0.1 + 0.2, status: 'red' }],
        unalignedShare: 1e-7,
        runShare: 0.31,
        requestPressure: {
          executiveShare: 0.4,
          rankAndFileShare: 0.6,
          teams: [{ team: 'Web Commerce — Süd 🚀' }],
        },
        duplicateTools: [
          { capability: 'video-conferencing', tools: ['Zoom', 'Webex'], items: ['SN:RITM0010012'] },
        ],
        duplicateWork: [{ items: ['OPS-14', 'SN:INC0012345'], similarity: 0.91 }],
        topMisaligned: [{ item: 'OPS-77', effort: 13, score: 8 }],
      });

      it('gives back a stored report that serialises to the very same bytes', async () => {
        const original = report('2026-W47');
        await store.saveReport({ week: '2026-W47', generatedAt: original.generatedAt, report: original });
        const back = await store.getReport('2026-W47');
        expect(back?.generatedAt).toBe(original.generatedAt);
        expect(JSON.stringify(back?.report, null, 2)).toBe(JSON.stringify(original, null, 2));
        expect(await store.getReport('2026-W46')).toBeNull();
      });

      it('lists report weeks in order and replaces a week saved again', async () => {
        for (const week of ['2026-W47', '2026-W45', '2026-W46']) {
          await store.saveReport({ week, generatedAt: 'x', report: report(week) });
        }
        await store.saveReport({ week: '2026-W46', generatedAt: 'y', report: report('2026-W46', 0.5) });
        expect(await store.listReportWeeks()).toEqual(['2026-W45', '2026-W46', '2026-W47']);
        expect((await store.getReport('2026-W46'))?.report.allocation[0]?.actual).toBe(0.5);
      });
    });

    describe('lease', () => {
      const ttl = 60_000;
      const t0 = 1_763_287_200_000;

      it('is taken when free and refused to another holder while it lasts', async () => {
        expect(await store.acquireLease('cycle', 'worker-a', ttl, t0)).toEqual({
          acquired: true,
          lease: { name: 'cycle', holder: 'worker-a', expiresAt: t0 + ttl },
        });
        expect(await store.acquireLease('cycle', 'worker-b', ttl, t0 + 1000)).toEqual({
          acquired: false,
          lease: { name: 'cycle', holder: 'worker-a', expiresAt: t0 + ttl },
        });
        expect((await store.acquireLease('report', 'worker-b', ttl, t0)).acquired).toBe(true);
      });

      it('is taken again by its holder, which extends it', async () => {
        await store.acquireLease('cycle', 'worker-a', ttl, t0);
        expect(await store.acquireLease('cycle', 'worker-a', ttl, t0 + 5000)).toEqual({
          acquired: true,
          lease: { name: 'cycle', holder: 'worker-a', expiresAt: t0 + 5000 + ttl },
        });
      });

      it('is renewed only by its holder', async () => {
        await store.acquireLease('cycle', 'worker-a', ttl, t0);
        expect(await store.renewLease('cycle', 'worker-a', ttl, t0 + 30_000)).toBe(true);
        expect(await store.renewLease('cycle', 'worker-b', ttl, t0 + 30_000)).toBe(false);
        // Renewed to t0 + 90s, so still held at t0 + 80s.
        expect((await store.acquireLease('cycle', 'worker-b', ttl, t0 + 80_000)).acquired).toBe(false);
        expect(await store.renewLease('nothing', 'worker-a', ttl, t0)).toBe(false);
      });

      it('is taken over once its holder stops renewing, and the old holder cannot renew it', async () => {
        await store.acquireLease('cycle', 'worker-a', ttl, t0);
        expect(await store.acquireLease('cycle', 'worker-b', ttl, t0 + ttl)).toEqual({
          acquired: true,
          lease: { name: 'cycle', holder: 'worker-b', expiresAt: t0 + 2 * ttl },
        });
        expect(await store.renewLease('cycle', 'worker-a', ttl, t0 + ttl + 1)).toBe(false);
        expect((await store.acquireLease('cycle', 'worker-a', ttl, t0 + ttl + 1)).lease.holder).toBe(
          'worker-b',
        );
      });

      it('is given to exactly one of many workers asking at once', async () => {
        const holders = Array.from({ length: 8 }, (_, i) => `worker-${i}`);
        const answers = await Promise.all(holders.map((h) => store.acquireLease('cycle', h, ttl, t0)));
        const winners = answers.filter((a) => a.acquired);
        expect(winners).toHaveLength(1);
        expect(answers.every((a) => a.lease.holder === winners[0]!.lease.holder)).toBe(true);
      });

      it('is released only by its holder', async () => {
        await store.acquireLease('cycle', 'worker-a', ttl, t0);
        await store.releaseLease('cycle', 'worker-b');
        expect((await store.acquireLease('cycle', 'worker-b', ttl, t0 + 1)).acquired).toBe(false);
        await store.releaseLease('cycle', 'worker-a');
        expect((await store.acquireLease('cycle', 'worker-b', ttl, t0 + 2)).acquired).toBe(true);
      });
    });
  });
}
