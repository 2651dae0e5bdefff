import { pendingMigrations, type Migration } from '../migration.js';
import type { Connection } from './connection.js';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'items, cursors, quarantine, runs, analysis, findings, write audit, reports, leases',
    sql: `
      -- raw comes last: it is the largest column and only replay reads it, so scans of the
      -- other columns stop before its overflow pages.
      CREATE TABLE items (
        uid        TEXT PRIMARY KEY,
        source     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        ref        TEXT NOT NULL,
        hash       TEXT NOT NULL,
        deleted    INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL,
        item       TEXT NOT NULL,
        raw        TEXT
      );
      -- Not UNIQUE: ServiceNow numbers are not guaranteed unique (imports, number maintenance), and
      -- one such pair must not fail its scope's every page; getItemByRef picks the live, newest one.
      CREATE INDEX items_ref ON items (ref);
      CREATE INDEX items_source ON items (source, uid);
      CREATE INDEX items_scope ON items (scope, uid);

      CREATE TABLE cursors (
        system     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        last_id    TEXT,
        extra      TEXT,
        saved_at   TEXT NOT NULL,
        PRIMARY KEY (system, scope)
      );

      CREATE TABLE quarantine (
        system     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        record_ref TEXT NOT NULL,
        field      TEXT NOT NULL,
        reason     TEXT NOT NULL,
        raw        TEXT,
        at         TEXT NOT NULL,
        PRIMARY KEY (system, record_ref, field)
      );

      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        summary     TEXT
      );
      CREATE INDEX runs_kind ON runs (kind, started_at);

      -- A run's tags and scores, sorted by uid and packed into compressed blocks: one row per item
      -- would cost ~600 bytes each, a million items per run would not fit for long.
      CREATE TABLE analysis_sets (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id   TEXT NOT NULL UNIQUE,
        items    INTEGER NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE TABLE analysis_blocks (
        set_seq   INTEGER NOT NULL REFERENCES analysis_sets (seq) ON DELETE CASCADE,
        first_uid TEXT NOT NULL,
        last_uid  TEXT NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (set_seq, first_uid)
      );

      CREATE TABLE findings (
        run_id  TEXT NOT NULL,
        kind    TEXT NOT NULL,
        key     TEXT NOT NULL,
        items   TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        UNIQUE (run_id, kind, key)
      );

      CREATE TABLE writes (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        uid    TEXT NOT NULL,
        run_id TEXT NOT NULL,
        at     TEXT NOT NULL,
        vals   TEXT NOT NULL
      );
      CREATE INDEX writes_uid ON writes (uid, seq);

      CREATE TABLE write_failures (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        uid    TEXT NOT NULL,
        run_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        at     TEXT NOT NULL
      );
      CREATE INDEX write_failures_run ON write_failures (run_id, seq);

      CREATE TABLE reports (
        week         TEXT PRIMARY KEY,
        generated_at TEXT NOT NULL,
        json         TEXT NOT NULL
      );

      CREATE TABLE leases (
        name       TEXT PRIMARY KEY,
        holder     TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'write intents (write-ahead records of writes being sent)',
    sql: `
      CREATE TABLE write_intents (
        uid    TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        at     TEXT NOT NULL,
        vals   TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'no index on items.source (the uid starts with it)',
    // Each index an item is stored in costs a page write per commit once the store is large (a page
    // of 1,000 items lands on as many random leaves of each uid-ordered index): with 300k items this
    // one added half again to the CPU of storing an item.
    sql: 'DROP INDEX IF EXISTS items_source;',
  },
];

/**
 * Applies the steps the store has not seen, in order, in one transaction (all or none), and records
 * each in `schema_migrations`. Returns the versions applied; none when the store is current.
 */
export function applyMigrations(
  conn: Connection,
  nowIso: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  return conn.tx(() => {
    conn.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const row = conn.db.prepare('SELECT max(version) AS v FROM schema_migrations').get();
    const current = Number(row?.v ?? 0);
    const record = conn.db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    const applied: number[] = [];
    for (const m of pendingMigrations(migrations, current, conn.file, 'file')) {
      conn.db.exec(m.sql);
      record.run(m.version, m.name, nowIso);
      applied.push(m.version);
    }
    return applied;
  });
}
