import { contentHash, type Source, type WorkItem } from '../../model/work-item.js';
import { checkStorable } from '../storable.js';
import type { PageCommit, PageCommitResult } from '../store.js';
import type { Connection } from './connection.js';

/**
 * A page as SQLite stores it: strings and numbers only, so it crosses to the writer thread
 * (page-writer.ts) as plain data. The JSON is made by the caller's thread; the writer hashes it (the
 * content hash of the parsed JSON is the item's own: items hold JSON data only) and stores it.
 */
export interface PageRows {
  system: Source;
  scope: string;
  items: ItemRow[];
  quarantined: QuarantineRow[];
  cursor: { updatedMs: number; lastId: string | null; extraJson: string | null } | null;
}

export interface ItemRow {
  uid: string;
  source: string;
  scope: string;
  ref: string;
  key: string;
  id: string;
  /** `updated`: the item's `changed` when its content changed (or it is new). */
  updated: string;
  /** The item's JSON; the writer sets its `changed` from what it finds stored. */
  itemJson: string;
  /** The item has a `changed` member of its own (kept in its place), else it goes last. */
  hasChanged: boolean;
  rawJson: string | null;
}

export interface QuarantineRow {
  system: string;
  scope: string;
  recordRef: string;
  field: string;
  reason: string;
  rawJson: string | null;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function toPageRows(page: PageCommit): PageRows {
  checkStorable(page);
  return {
    system: page.system,
    scope: page.scope,
    items: page.items.map(({ item, raw }) => ({
      uid: item.uid,
      source: item.source,
      scope: item.scope,
      ref: item.ref,
      key: item.key,
      id: item.id,
      updated: item.updated,
      itemJson: JSON.stringify(item),
      hasChanged: 'changed' in item,
      rawJson: json(raw),
    })),
    quarantined: page.quarantined.map((q) => ({
      system: q.system,
      scope: q.scope,
      recordRef: q.recordRef,
      field: q.field,
      reason: q.reason,
      rawJson: json(q.raw),
    })),
    cursor: page.cursor && {
      updatedMs: page.cursor.updatedMs,
      lastId: page.cursor.lastId,
      extraJson: json(page.cursor.extra),
    },
  };
}

interface Previous {
  hash: string;
  source: string;
  scope: string;
  ref: string;
  changed: unknown;
}

/**
 * Writes a page's items, quarantine entries and cursor in one transaction. `beforeCursor` runs inside
 * it, after everything but the cursor is written (a test seam for crash tests).
 */
export function writePageRows(
  conn: Connection,
  page: PageRows,
  nowIso: string,
  beforeCursor?: () => void,
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
      const uids = JSON.stringify(page.items.map((row) => row.uid));
      for (const row of selectPrevious.all(uids)) stored.set(row.uid as string, row as unknown as Previous);
    }
    for (const row of page.items) {
      const { uid, source, scope, ref } = row;
      const hash = contentHash(JSON.parse(row.itemJson) as WorkItem);
      const previous = stored.get(uid);
      // `changed` is the upstream time of the last content change: bearing's own writes move
      // `updated` but not the hash, and must not make the item look worked on.
      const changed =
        previous !== undefined && previous.hash === hash && typeof previous.changed === 'string'
          ? previous.changed
          : row.updated;
      const itemJson = withChanged(row, changed);
      if (previous === undefined) {
        insert.run(uid, source, scope, ref, hash, nowIso, nowIso, itemJson, row.rawJson);
        result.inserted++;
      } else {
        if (previous.source === source && previous.scope === scope && previous.ref === ref) {
          update.run(hash, nowIso, itemJson, row.rawJson, uid);
        } else {
          updateMoved.run(source, scope, ref, hash, nowIso, itemJson, row.rawJson, uid);
        }
        if (previous.hash === hash) result.unchanged++;
        else result.changed++;
      }
      // A uid twice in one page finds its first copy stored.
      stored.set(uid, { hash, source, scope, ref, changed });
      clearQuarantined?.run(source, ref, row.key, row.id);
    }

    writeQuarantine(conn, page.quarantined, nowIso);
    beforeCursor?.();
    const { cursor } = page;
    if (cursor) {
      conn
        .stmt(
          `INSERT INTO cursors (system, scope, updated_ms, last_id, extra, saved_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (system, scope) DO UPDATE SET
             updated_ms = excluded.updated_ms, last_id = excluded.last_id, extra = excluded.extra,
             saved_at = excluded.saved_at`,
        )
        .run(page.system, page.scope, cursor.updatedMs, cursor.lastId, cursor.extraJson, nowIso);
    }
    return result;
  });
}

/** The item's JSON with `changed` set, without parsing it in the common case (no `changed` of its own). */
function withChanged(row: ItemRow, changed: string): string {
  if (row.hasChanged) return JSON.stringify({ ...(JSON.parse(row.itemJson) as object), changed });
  return `${row.itemJson.slice(0, -1)},"changed":${JSON.stringify(changed)}}`;
}

function hasQuarantine(conn: Connection): boolean {
  return conn.stmt('SELECT 1 FROM quarantine LIMIT 1').get() !== undefined;
}

/** A record quarantined again replaces its earlier entries: only what is wrong now is listed. */
function writeQuarantine(conn: Connection, records: readonly QuarantineRow[], nowIso: string): void {
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
  for (const r of records) insert.run(r.system, r.scope, r.recordRef, r.field, r.reason, r.rawJson, nowIso);
}
