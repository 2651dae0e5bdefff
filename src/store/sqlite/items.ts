import { BearingError } from '../../core/index.js';
import { uidPrefixOf, type Source, type WorkItem } from '../../model/index.js';
import type { Cursor, ItemFilter, ItemPresence, QuarantineRecord } from '../store.js';
import type { Connection } from './connection.js';

/** Rows fetched per query while streaming items: bounded memory whatever the store holds. */
const STREAM_PAGE = 500;

const parse = (text: unknown): unknown =>
  text === null || text === undefined ? null : JSON.parse(text as string);

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
    // A source's uids all start with its prefix (uidPrefixOf; storable.ts refuses any other), so the
    // uid index finds them: the store keeps no index on source (migration 3).
    clauses.push('uid >= ? AND uid < ?');
    params.push(...startingWith(uidPrefixOf(filter.source)));
  }
  if (filter.scope !== undefined) {
    clauses.push('scope = ?');
    params.push(filter.scope);
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}

/** The range of keys that start with `prefix` (ending in an ASCII character): [prefix, successor). */
function startingWith(prefix: string): [string, string] {
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`];
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
