import { pendingMigrations, type Migration } from '../migration.js';
import type { Db } from './connection.js';

/**
 * The SQLite schema in PostgreSQL terms. Columns that are sorted on or compared by range use the "C"
 * collation, so they order by code point exactly as SQLite's BINARY does (and the analysis blocks'
 * uid lookups agree with their sort). Items and raw payloads are `json`, not `jsonb`: `json` keeps the
 * text as sent (key order included) and accepts `\u0000`, which `jsonb` rejects and which would
 * otherwise fail every page of a scope holding one such ticket. `seq` columns stand in for SQLite's
 * rowid where order of insertion matters.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'items, cursors, quarantine, runs, analysis, findings, write audit, reports, leases',
    sql: `
      CREATE TABLE items (
        uid        TEXT COLLATE "C" PRIMARY KEY,
        seq        BIGINT GENERATED ALWAYS AS IDENTITY,
        source     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        ref        TEXT NOT NULL,
        hash       TEXT NOT NULL,
        deleted    BOOLEAN NOT NULL DEFAULT false,
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL,
        item       JSON NOT NULL,
        raw        JSON
      );
      -- Not UNIQUE: ServiceNow numbers are not guaranteed unique (imports, number maintenance), and
      -- one such pair must not fail its scope's every page; getItemByRef picks the live, newest one.
      CREATE INDEX items_ref ON items (ref);
      CREATE INDEX items_source ON items (source, uid);
      CREATE INDEX items_scope ON items (scope, uid);

      CREATE TABLE cursors (
        system     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        updated_ms BIGINT NOT NULL,
        last_id    TEXT,
        extra      JSONB,
        saved_at   TEXT NOT NULL,
        PRIMARY KEY (system, scope)
      );

      CREATE TABLE quarantine (
        seq        BIGINT GENERATED ALWAYS AS IDENTITY,
        system     TEXT NOT NULL,
        scope      TEXT NOT NULL,
        record_ref TEXT NOT NULL,
        field      TEXT NOT NULL,
        reason     TEXT NOT NULL,
        raw        JSON,
        at         TEXT NOT NULL,
        PRIMARY KEY (system, record_ref, field)
      );

      CREATE TABLE runs (
        seq         BIGINT GENERATED ALWAYS AS IDENTITY,
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        started_at  TEXT COLLATE "C" NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        summary     JSONB
      );
      CREATE INDEX runs_kind ON runs (kind, started_at, seq);

      CREATE TABLE analysis_sets (
        seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id   TEXT NOT NULL UNIQUE,
        items    INTEGER NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE TABLE analysis_blocks (
        set_seq   BIGINT NOT NULL REFERENCES analysis_sets (seq) ON DELETE CASCADE,
        first_uid TEXT COLLATE "C" NOT NULL,
        last_uid  TEXT COLLATE "C" NOT NULL,
        data      BYTEA NOT NULL,
        PRIMARY KEY (set_seq, first_uid)
      );

      CREATE TABLE findings (
        seq     BIGINT GENERATED ALWAYS AS IDENTITY,
        run_id  TEXT NOT NULL,
        kind    TEXT NOT NULL,
        key     TEXT NOT NULL,
        items   JSONB NOT NULL,
        summary TEXT NOT NULL,
        details JSONB NOT NULL,
        UNIQUE (run_id, kind, key)
      );
      CREATE INDEX findings_run ON findings (run_id, seq);

      CREATE TABLE writes (
        seq    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uid    TEXT NOT NULL,
        run_id TEXT NOT NULL,
        at     TEXT NOT NULL,
        vals   JSONB NOT NULL
      );
      CREATE INDEX writes_uid ON writes (uid, seq);

      CREATE TABLE write_failures (
        seq    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uid    TEXT NOT NULL,
        run_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        at     TEXT NOT NULL
      );
      CREATE INDEX write_failures_run ON write_failures (run_id, seq);

      -- json keeps the report's text, so it serialises back to the very same bytes.
      CREATE TABLE reports (
        week         TEXT COLLATE "C" PRIMARY KEY,
        generated_at TEXT NOT NULL,
        json         JSON NOT NULL
      );

      CREATE TABLE leases (
        name       TEXT PRIMARY KEY,
        holder     TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'write intents (write-ahead records of writes being sent)',
    sql: `
      CREATE TABLE write_intents (
        uid    TEXT COLLATE "C" PRIMARY KEY,
        run_id TEXT NOT NULL,
        at     TEXT NOT NULL,
        vals   JSONB NOT NULL
      );
    `,
  },
];

/**
 * Applies the steps the store has not seen, in order, in one transaction (all or none), and records
 * each in `schema_migrations`. An advisory lock makes concurrent migrations from several workers wait
 * for each other instead of racing. Creates the store's schema first when one is set. Returns the
 * versions applied; none when the store is current.
 */
export function applyMigrations(
  db: Db,
  nowIso: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bearing.migrate:${db.schema ?? ''}`]);
    if (db.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    const applied: number[] = [];
    for (const m of pendingMigrations(migrations, current, db.label, 'database')) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        nowIso,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
