import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { toStoreError } from './errors.js';

export const MEMORY = ':memory:';

const WAL_CHECKPOINT_BYTES = 40 * 1024 * 1024;

/** One open database with its prepared statements and a transaction helper. */
export interface Connection {
  readonly db: DatabaseSync;
  /** The store file, for error messages. */
  readonly file: string;
  /** A prepared statement, prepared once and reused. */
  stmt(sql: string): StatementSync;
  /** Runs `fn` in a write transaction: committed if it returns, rolled back if it throws. */
  tx<T>(fn: () => T): T;
  close(): void;
}

export function openConnection(path: string, busyTimeoutMs: number): Connection {
  try {
    if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
    // `timeout` is SQLite's busy_timeout: a write waits this long for another process's lock.
    const db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
    // WAL lets readers (the /readyz ping, `bearing explain`) run while a cycle writes; NORMAL sync is
    // durable across process crashes in WAL mode and only risks the last commits on power loss.
    // 16 KiB pages (SQLite's default is 4 KiB) hold several items with their raw payloads (~4 KB a
    // row) instead of one, which takes ~20% off a page commit; the size only applies to a new store.
    // A 64 MiB page cache (SQLite's default is 2 MiB) keeps the indexes' pages at hand once a store
    // holds hundreds of thousands of items: pages arrive in update order, so their uids land all over
    // the uid and ref indexes (ServiceNow 100k × 5 tables: ~25% less CPU per stored item).
    // Checkpointing every ~40 MB of WAL instead of SQLite's 1,000 pages makes bulk page commits ~60%
    // faster (measured with 4 KiB pages, which older stores keep).
    db.exec(`
      PRAGMA page_size = 16384;
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA cache_size = -65536;
      PRAGMA foreign_keys = ON;
    `);
    const pageSize = Number(db.prepare('PRAGMA page_size').get()?.page_size ?? 4096);
    db.exec(`PRAGMA wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / pageSize)}`);
    return connection(db, path);
  } catch (e) {
    throw toStoreError(e, path, 'open');
  }
}

function connection(db: DatabaseSync, file: string): Connection {
  const statements = new Map<string, StatementSync>();
  return {
    db,
    file,
    stmt(sql) {
      let s = statements.get(sql);
      if (!s) {
        s = db.prepare(sql);
        statements.set(sql, s);
      }
      return s;
    },
    tx(fn) {
      // IMMEDIATE takes the write lock up front, so a concurrent writer waits in busy_timeout
      // instead of failing half-way when a read transaction tries to upgrade.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = fn();
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw e;
      }
    },
    close() {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}
