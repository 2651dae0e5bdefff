import { BearingError } from '../../core/index.js';
import { contentHash, type Source, type WorkItem } from '../../model/index.js';
import type {
  Cursor,
  ItemFilter,
  ItemPresence,
  PageCommit,
  PageCommitResult,
  QuarantineRecord,
} from '../store.js';
import { checkStorable } from '../storable.js';
import type { Db, Queryable } from './connection.js';

/** Rows fetched per query while streaming items: bounded memory whatever the store holds. */
const STREAM_PAGE = 500;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Rows for a multi-row insert: one array per column, sent as `unnest($1::text[], …)`. */
function columns<T, K extends string>(rows: readonly T[], pick: (row: T) => Record<K, unknown>) {
  const out = {} as Record<K, unknown[]>;
  for (const row of rows) {
    for (const [k, v] of Object.entries(pick(row)) as [K, unknown][]) (out[k] ??= []).push(v);
  }
  return out;
}

/**
 * The last of several entries with the same key wins and takes the later place, as SQLite's
 * INSERT OR REPLACE does with the rowid.
 */
export function lastWins<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/**
 * Writes a page's items, quarantine entries and cursor in one transaction, with a handful of
 * statements whatever the page's size. `beforeCursor` runs inside it, after everything but the cursor
 * is written (a test seam for crash tests).
 */
export function commitPage(
  db: Db,
  page: PageCommit,
  nowIso: string,
  beforeCursor?: (page: PageCommit) => void,
): Promise<PageCommitResult> {
  checkStorable(page);
  return db.tx(async (c) => {
    const result: PageCommitResult = { inserted: 0, changed: 0, unchanged: 0 };
    const uids = [...new Set(page.items.map((s) => s.item.uid))];
    // FOR UPDATE: a concurrent commit of the same items waits for this one, as SQLite's write lock does.
    const { rows: stored } = await c.query<{ uid: string; hash: string; changed: string | null }>(
      `SELECT uid, hash, CASE WHEN json_typeof(item -> 'changed') = 'string' THEN item ->> 'changed' END AS changed
       FROM items WHERE uid = ANY($1::text[]) FOR UPDATE`,
      [uids],
    );
    const previous = new Map(stored.map((r) => [r.uid, r]));
    const rows: {
      uid: string;
      source: string;
      scope: string;
      ref: string;
      hash: string;
      item: string;
      raw: string | null;
    }[] = [];
    for (const { item, raw } of page.items) {
      const hash = contentHash(item);
      const before = previous.get(item.uid);
      // `changed` is the upstream time of the last content change: bearing's own writes move
      // `updated` but not the hash, and must not make the item look worked on.
      const changed = before?.hash === hash && before.changed !== null ? before.changed : item.updated;
      if (before === undefined) result.inserted++;
      else if (before.hash === hash) result.unchanged++;
      else result.changed++;
      previous.set(item.uid, { uid: item.uid, hash, changed });
      rows.push({
        uid: item.uid,
        source: item.source,
        scope: item.scope,
        ref: item.ref,
        hash,
        item: JSON.stringify({ ...item, changed }),
        raw: json(raw),
      });
    }

    if (rows.length > 0) {
      const col = columns(
        lastWins(rows, (r) => r.uid),
        (r) => r,
      );
      await c.query(
        `INSERT INTO items (uid, source, scope, ref, hash, first_seen, last_seen, item, raw)
         SELECT u.uid, u.source, u.scope, u.ref, u.hash, $8, $8, u.item::json, u.raw::json
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           WITH ORDINALITY AS u (uid, source, scope, ref, hash, item, raw, n)
         ORDER BY u.n
         ON CONFLICT (uid) DO UPDATE SET
           source = excluded.source, scope = excluded.scope, ref = excluded.ref, hash = excluded.hash,
           deleted = false, last_seen = excluded.last_seen, item = excluded.item, raw = excluded.raw`,
        [col.uid, col.source, col.scope, col.ref, col.hash, col.item, col.raw, nowIso],
      );
      // An item that arrives valid clears what was quarantined under its ref, key or id.
      const cleared = page.items.flatMap(({ item }) =>
        [item.ref, item.key, item.id].map((ref) => [item.source, ref]),
      );
      await c.query(
        `DELETE FROM quarantine q USING unnest($1::text[], $2::text[]) AS c (system, ref)
         WHERE q.system = c.system AND q.record_ref = c.ref`,
        [cleared.map((p) => p[0]), cleared.map((p) => p[1])],
      );
    }

    await writeQuarantine(c, page.quarantined, nowIso);
    beforeCursor?.(page);
    if (page.cursor) await writeCursor(c, page.system, page.scope, page.cursor, nowIso);
    return result;
  });
}

/** A record quarantined again replaces its earlier entries: only what is wrong now is listed. */
async function writeQuarantine(
  c: Queryable,
  records: readonly QuarantineRecord[],
  nowIso: string,
): Promise<void> {
  if (records.length === 0) return;
  const entries = lastWins(records, (r) => `${r.system}\u0000${r.recordRef}\u0000${r.field}`);
  const col = columns(entries, (r) => ({
    system: r.system,
    scope: r.scope,
    ref: r.recordRef,
    field: r.field,
    reason: r.reason,
    raw: json(r.raw),
  }));
  await c.query(
    `DELETE FROM quarantine q USING unnest($1::text[], $2::text[]) AS c (system, ref)
     WHERE q.system = c.system AND q.record_ref = c.ref`,
    [col.system, col.ref],
  );
  await c.query(
    `INSERT INTO quarantine (system, scope, record_ref, field, reason, raw, at)
     SELECT u.system, u.scope, u.ref, u.field, u.reason, u.raw::json, $7
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       WITH ORDINALITY AS u (system, scope, ref, field, reason, raw, n)
     ORDER BY u.n`,
    [col.system, col.scope, col.ref, col.field, col.reason, col.raw, nowIso],
  );
}

async function writeCursor(
  c: Queryable,
  system: Source,
  scope: string,
  cursor: Cursor,
  nowIso: string,
): Promise<void> {
  await c.query(
    `INSERT INTO cursors (system, scope, updated_ms, last_id, extra, saved_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (system, scope) DO UPDATE SET
       updated_ms = excluded.updated_ms, last_id = excluded.last_id, extra = excluded.extra,
       saved_at = excluded.saved_at`,
    [system, scope, cursor.updatedMs, cursor.lastId, json(cursor.extra), nowIso],
  );
}

export async function getCursor(db: Db, system: Source, scope: string): Promise<Cursor | null> {
  const { rows } = await db.query<{
    updated_ms: string;
    last_id: string | null;
    extra: Record<string, unknown> | null;
  }>('SELECT updated_ms, last_id, extra FROM cursors WHERE system = $1 AND scope = $2', [system, scope]);
  const row = rows[0];
  if (!row) return null;
  const cursor: Cursor = { updatedMs: Number(row.updated_ms), lastId: row.last_id };
  if (row.extra !== null) cursor.extra = row.extra;
  return cursor;
}

async function one<T>(db: Db, sql: string, params: unknown[], column: string): Promise<T | null> {
  const { rows } = await db.query(sql, params);
  return rows[0] ? (rows[0][column] as T) : null;
}

export const getItem = (db: Db, uid: string): Promise<WorkItem | null> =>
  one(db, 'SELECT item FROM items WHERE uid = $1', [uid], 'item');

export const getItemByRef = (db: Db, ref: string): Promise<WorkItem | null> =>
  one(
    db,
    'SELECT item FROM items WHERE ref = $1 ORDER BY deleted, last_seen DESC, seq DESC LIMIT 1',
    [ref],
    'item',
  );

export const getItemHash = (db: Db, uid: string): Promise<string | null> =>
  one(db, 'SELECT hash FROM items WHERE uid = $1', [uid], 'hash');

export const getRaw = (db: Db, uid: string): Promise<unknown> =>
  one(db, 'SELECT raw FROM items WHERE uid = $1', [uid], 'raw');

/** `column = $n` for each value given, ANDed (`true` when none), with the values in placeholder order. */
function equalTo(
  values: Record<string, string | undefined>,
  extra: string[] = [],
): { where: string; params: string[] } {
  const clauses = [...extra];
  const params: string[] = [];
  for (const [column, value] of Object.entries(values)) {
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`${column} = $${params.length}`);
  }
  return { where: clauses.length ? clauses.join(' AND ') : 'true', params };
}

const whereOf = (filter: ItemFilter): { where: string; params: string[] } =>
  equalTo({ source: filter.source, scope: filter.scope }, filter.includeDeleted ? [] : ['NOT deleted']);

/** Keyset paging on uid: each page is a fresh short query, so no connection stays held between yields. */
async function* pages<Row extends { uid: string }>(
  db: Db,
  columns: string,
  { where, params }: { where: string; params: string[] },
): AsyncGenerator<Row> {
  const pageAfter = async (after: string | null): Promise<Row[]> => {
    const { rows } = await db.query<Row>(
      `SELECT uid, ${columns} FROM items WHERE ${where} ${after === null ? '' : `AND uid > $${params.length + 1}`}
       ORDER BY uid LIMIT ${STREAM_PAGE}`,
      after === null ? params : [...params, after],
    );
    return rows;
  };
  let rows = await pageAfter(null);
  while (rows.length > 0) {
    yield* rows;
    if (rows.length < STREAM_PAGE) return;
    rows = await pageAfter(rows[rows.length - 1]!.uid);
  }
}

export async function* iterateItems(db: Db, filter: ItemFilter = {}): AsyncGenerator<WorkItem> {
  for await (const row of pages<{ uid: string; item: WorkItem }>(db, 'item', whereOf(filter))) yield row.item;
}

export function iteratePresence(db: Db, source: Source, scope: string): AsyncGenerator<ItemPresence> {
  return pages<ItemPresence>(
    db,
    `item ->> 'id' AS id, deleted`,
    whereOf({ source, scope, includeDeleted: true }),
  );
}

export async function countItems(db: Db, filter: ItemFilter = {}): Promise<number> {
  const { where, params } = whereOf(filter);
  return Number((await one<string>(db, `SELECT count(*) AS n FROM items WHERE ${where}`, params, 'n')) ?? 0);
}

export const markDeleted = (db: Db, uids: readonly string[]): Promise<void> => setDeleted(db, uids, true);

export const markLive = (db: Db, uids: readonly string[]): Promise<void> => setDeleted(db, uids, false);

async function setDeleted(db: Db, uids: readonly string[], deleted: boolean): Promise<void> {
  if (uids.length === 0) return;
  await db.query('UPDATE items SET deleted = $2 WHERE uid = ANY($1::text[]) AND deleted <> $2', [
    uids,
    deleted,
  ]);
}

/**
 * Rewrites the stored item with the new held values; the hash column is not touched (held is not
 * content). Done in JS rather than with jsonb_set, which would reorder the item's keys.
 */
export function updateHeld(db: Db, uid: string, held: WorkItem['held']): Promise<void> {
  return db.tx(async (c) => {
    const { rows } = await c.query<{ item: WorkItem }>('SELECT item FROM items WHERE uid = $1 FOR UPDATE', [
      uid,
    ]);
    const row = rows[0];
    if (!row) {
      throw new BearingError(
        'notFound',
        `cannot update the held values of ${uid}: the store has no such item`,
      );
    }
    await c.query('UPDATE items SET item = $2::json WHERE uid = $1', [
      uid,
      JSON.stringify({ ...row.item, held }),
    ]);
  });
}

export async function listQuarantine(
  db: Db,
  filter: { system?: Source; scope?: string } = {},
): Promise<(QuarantineRecord & { at: string })[]> {
  const { where, params } = equalTo({ system: filter.system, scope: filter.scope });
  const { rows } = await db.query<{
    system: Source;
    scope: string;
    record_ref: string;
    field: string;
    reason: string;
    raw: unknown;
    at: string;
  }>(
    `SELECT system, scope, record_ref, field, reason, raw, at FROM quarantine WHERE ${where} ORDER BY seq`,
    params,
  );
  return rows.map((r) => ({
    system: r.system,
    scope: r.scope,
    recordRef: r.record_ref,
    field: r.field,
    reason: r.reason,
    raw: r.raw,
    at: r.at,
  }));
}

export async function clearQuarantine(db: Db, system: Source, recordRef: string): Promise<void> {
  await db.query('DELETE FROM quarantine WHERE system = $1 AND record_ref = $2', [system, recordRef]);
}
