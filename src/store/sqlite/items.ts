import { BearingError } from '../../core/index.js';
import type { Source, WorkItem } from '../../model/index.js';
import type {
  Cursor,
  ItemFilter,
  ItemPresence,
  PageCommit,
  PageCommitResult,
  QuarantineRecord,
} from '../store.js';
import type { Connection } from './connection.js';

/** Rows fetched per query while streaming items: bounded memory whatever the store holds. */
const STREAM_PAGE = 500;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parse = (text: unknown): unknown =>
  text === null || text === undefined ? null : JSON.parse(text as string);

/**
 * Writes a page's items, quarantine entries and cursor in one transaction. `beforeCursor` runs inside
 * it, after everything but the cursor is written (a test seam for crash tests).
 */
export function commitPage(
  conn: Connection,
  page: PageCommit,
  nowIso: string,
  beforeCursor?: (page: PageCommit) => void,
): PageCommitResult {
  return conn.tx(() => {
    const result: PageCommitResult = { inserted: 0, changed: 0, unchanged: 0 };
    // One look-up for the whole page rather than one per item.
    const selectPrevious = conn.stmt(
      `SELECT uid, hash, source, scope, ref, json_extract(item, '$.changed') AS changed FROM items
       WHERE uid IN (SELECT value FROM json_each(?))`,
    );
    const insert = conn.stmt(
      `INSERT INTO items (uid, source, scope, ref, hash, deleted, first_seen, last_seen, item, raw)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    const update = conn.stmt(
      'UPDATE items SET hash = ?, deleted = 0, last_seen = ?, item = ?, raw = ? WHERE uid = ?',
    );
    // Setting an indexed column rewrites its index entries even when the value is the same, so the
    // common case (the item stayed in its project, kept its key) leaves them out.
    const updateMoved = conn.stmt(
      `UPDATE items SET source = ?, scope = ?, ref = ?, hash = ?, deleted = 0, last_seen = ?, item = ?, raw = ?
       WHERE uid = ?`,
    );
    // Skipping the per-item delete while nothing is quarantined keeps the common case fast.
    const clearQuarantined = hasQuarantine(conn)
      ? conn.stmt('DELETE FROM quarantine WHERE system = ? AND record_ref IN (?, ?, ?)')
      : null;

    const stored = new Map<string, Previous>();
    if (page.items.length > 0) {
      const uids = JSON.stringify(page.items.map(({ item }) => item.uid));
      for (const row of selectPrevious.all(uids)) stored.set(row.uid as string, row as unknown as Previous);
    }
    for (const { item, raw, hash } of page.items) {
      const previous = stored.get(item.uid);
      // `changed` is the upstream time of the last content change: bearing's own writes move
      // `updated` but not the hash, and must not make the item look worked on.
      const changed =
        previous !== undefined && previous.hash === hash && typeof previous.changed === 'string'
          ? previous.changed
          : item.updated;
      const itemJson = withChanged(item, changed);
      const rawJson = json(raw);
      if (previous === undefined) {
        insert.run(item.uid, item.source, item.scope, item.ref, hash, nowIso, nowIso, itemJson, rawJson);
        result.inserted++;
      } else {
        if (previous.source === item.source && previous.scope === item.scope && previous.ref === item.ref) {
          update.run(hash, nowIso, itemJson, rawJson, item.uid);
        } else {
          updateMoved.run(item.source, item.scope, item.ref, hash, nowIso, itemJson, rawJson, item.uid);
        }
        if (previous.hash === hash) result.unchanged++;
        else result.changed++;
      }
      // A uid twice in one page finds its first copy stored.
      stored.set(item.uid, { hash, source: item.source, scope: item.scope, ref: item.ref, changed });
      clearQuarantined?.run(item.source, item.ref, item.key, item.id);
    }

    writeQuarantine(conn, page.quarantined, nowIso);
    beforeCursor?.(page);
    if (page.cursor) writeCursor(conn, page.system, page.scope, page.cursor, nowIso);
    return result;
  });
}

interface Previous {
  hash: string;
  source: string;
  scope: string;
  ref: string;
  changed: unknown;
}

/** The item's JSON with `changed` set, without copying the item (it is last, as `{ ...item, changed }` puts it). */
function withChanged(item: WorkItem, changed: string): string {
  if ('changed' in item) return JSON.stringify({ ...item, changed });
  return `${JSON.stringify(item).slice(0, -1)},"changed":${JSON.stringify(changed)}}`;
}

function hasQuarantine(conn: Connection): boolean {
  return conn.stmt('SELECT 1 FROM quarantine LIMIT 1').get() !== undefined;
}

/** A record quarantined again replaces its earlier entries: only what is wrong now is listed. */
function writeQuarantine(conn: Connection, records: readonly QuarantineRecord[], nowIso: string): void {
  if (records.length === 0) return;
  const clear = conn.stmt('DELETE FROM quarantine WHERE system = ? AND record_ref = ?');
  const seen = new Set<string>();
  for (const r of records) {
    const key = `${r.system}\u0000${r.recordRef}`;
    if (seen.has(key)) continue;
    seen.add(key);
    clear.run(r.system, r.recordRef);
  }
  const insert = conn.stmt(
    `INSERT OR REPLACE INTO quarantine (system, scope, record_ref, field, reason, raw, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of records) insert.run(r.system, r.scope, r.recordRef, r.field, r.reason, json(r.raw), nowIso);
}

function writeCursor(conn: Connection, system: Source, scope: string, cursor: Cursor, nowIso: string): void {
  conn
    .stmt(
      `INSERT INTO cursors (system, scope, updated_ms, last_id, extra, saved_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (system, scope) DO UPDATE SET
         updated_ms = excluded.updated_ms, last_id = excluded.last_id, extra = excluded.extra,
         saved_at = excluded.saved_at`,
    )
    .run(system, scope, cursor.updatedMs, cursor.lastId, json(cursor.extra), nowIso);
}

export function getCursor(conn: Connection, system: Source, scope: string): Cursor | null {
  const row = conn
    .stmt('SELECT updated_ms, last_id, extra FROM cursors WHERE system = ? AND scope = ?')
    .get(system, scope);
  if (!row) return null;
  const cursor: Cursor = {
    updatedMs: Number(row.updated_ms),
    lastId: (row.last_id as string | null) ?? null,
  };
  if (row.extra !== null) cursor.extra = parse(row.extra) as Record<string, unknown>;
  return cursor;
}

export function getItem(conn: Connection, uid: string): WorkItem | null {
  const row = conn.stmt('SELECT item FROM items WHERE uid = ?').get(uid);
  return row ? (parse(row.item) as WorkItem) : null;
}

export function getItemByRef(conn: Connection, ref: string): WorkItem | null {
  const row = conn
    .stmt('SELECT item FROM items WHERE ref = ? ORDER BY deleted, last_seen DESC, rowid DESC LIMIT 1')
    .get(ref);
  return row ? (parse(row.item) as WorkItem) : null;
}

export function getItemHash(conn: Connection, uid: string): string | null {
  const row = conn.stmt('SELECT hash FROM items WHERE uid = ?').get(uid);
  return row ? (row.hash as string) : null;
}

export function getRaw(conn: Connection, uid: string): unknown {
  const row = conn.stmt('SELECT raw FROM items WHERE uid = ?').get(uid);
  return row ? parse(row.raw) : null;
}

function whereOf(filter: ItemFilter): { where: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (!filter.includeDeleted) clauses.push('deleted = 0');
  if (filter.source !== undefined) {
    clauses.push('source = ?');
    params.push(filter.source);
  }
  if (filter.scope !== undefined) {
    clauses.push('scope = ?');
    params.push(filter.scope);
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}

/** Keyset paging on uid: each page is a fresh short query, so no read stays open between yields. */
function* pages(
  conn: Connection,
  columns: string,
  where: string,
  params: readonly string[],
): Generator<Record<string, unknown>> {
  const first = conn.stmt(
    `SELECT uid, ${columns} FROM items WHERE ${where} ORDER BY uid LIMIT ${STREAM_PAGE}`,
  );
  const next = conn.stmt(
    `SELECT uid, ${columns} FROM items WHERE ${where} AND uid > ? ORDER BY uid LIMIT ${STREAM_PAGE}`,
  );
  let rows = first.all(...params);
  while (rows.length > 0) {
    yield* rows;
    if (rows.length < STREAM_PAGE) return;
    rows = next.all(...params, rows[rows.length - 1]!.uid as string);
  }
}

export function* iterateItems(conn: Connection, filter: ItemFilter = {}): Generator<WorkItem> {
  const { where, params } = whereOf(filter);
  for (const row of pages(conn, 'item', where, params)) yield parse(row.item) as WorkItem;
}

export function* iteratePresence(conn: Connection, source: Source, scope: string): Generator<ItemPresence> {
  const { where, params } = whereOf({ source, scope, includeDeleted: true });
  for (const row of pages(conn, `json_extract(item, '$.id') AS id, deleted`, where, params)) {
    yield { uid: row.uid as string, id: row.id as string, deleted: Number(row.deleted) === 1 };
  }
}

export function countItems(conn: Connection, filter: ItemFilter = {}): number {
  const { where, params } = whereOf(filter);
  return Number(conn.stmt(`SELECT count(*) AS n FROM items WHERE ${where}`).get(...params)?.n ?? 0);
}

export function markDeleted(conn: Connection, uids: readonly string[]): void {
  setDeleted(conn, uids, true);
}

export function markLive(conn: Connection, uids: readonly string[]): void {
  setDeleted(conn, uids, false);
}

function setDeleted(conn: Connection, uids: readonly string[], deleted: boolean): void {
  if (uids.length === 0) return;
  const flag = deleted ? 1 : 0;
  conn
    .stmt('UPDATE items SET deleted = ? WHERE uid IN (SELECT value FROM json_each(?)) AND deleted <> ?')
    .run(flag, JSON.stringify(uids), flag);
}

export function updateHeld(conn: Connection, uid: string, held: WorkItem['held']): void {
  // json_set edits the stored item in place; the hash column is not touched (held is not content).
  const { changes } = conn
    .stmt(`UPDATE items SET item = json_set(item, '$.held', json(?)) WHERE uid = ?`)
    .run(JSON.stringify(held), uid);
  if (Number(changes) === 0) {
    throw new BearingError('notFound', `cannot update the held values of ${uid}: the store has no such item`);
  }
}

export function listQuarantine(
  conn: Connection,
  filter: { system?: Source; scope?: string } = {},
): (QuarantineRecord & { at: string })[] {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filter.system !== undefined) {
    clauses.push('system = ?');
    params.push(filter.system);
  }
  if (filter.scope !== undefined) {
    clauses.push('scope = ?');
    params.push(filter.scope);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return conn
    .stmt(`SELECT system, scope, record_ref, field, reason, raw, at FROM quarantine ${where} ORDER BY rowid`)
    .all(...params)
    .map((r) => ({
      system: r.system as Source,
      scope: r.scope as string,
      recordRef: r.record_ref as string,
      field: r.field as string,
      reason: r.reason as string,
      raw: parse(r.raw),
      at: r.at as string,
    }));
}

export function clearQuarantine(conn: Connection, system: Source, recordRef: string): void {
  conn.stmt('DELETE FROM quarantine WHERE system = ? AND record_ref = ?').run(system, recordRef);
}
