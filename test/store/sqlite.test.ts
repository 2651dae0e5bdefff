import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { BearingError } from '../../src/core/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { describeStoreConformance } from './conformance.js';
import { page, scoreOf, tagOf, workItem } from './fixtures/work-items.js';
import { tempDir } from './fixtures/temp-dir.js';

const dir = tempDir();
let n = 0;
const freshPath = (): string => join(dir, `store-${n++}.db`);
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describeStoreConformance('sqlite (file)', (seams) => openSqliteStore({ path: freshPath(), ...seams }));
describeStoreConformance('sqlite (:memory:)', (seams) => openSqliteStore({ path: ':memory:', ...seams }));

/** Reads the file behind the store's back, through a separate connection. */
function peek<T>(path: string, fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('sqlite store file', () => {
  it('keeps everything across close and reopen', async () => {
    const path = freshPath();
    const first = await openSqliteStore({ path });
    await first.migrate();
    await first.commitPage(page([workItem(1)], { cursor: { updatedMs: 5, lastId: '10001' } }));
    await first.close();

    const second = await openSqliteStore({ path });
    await second.migrate();
    expect(await second.getItem('jira:10001')).toEqual(workItem(1));
    expect(await second.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 5, lastId: '10001' });
    await second.close();
  });

  it('stores every page asked for before close, in order, even when close does not wait for them', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    await store.migrate();
    const commits = [1, 2, 3].map((n) =>
      store.commitPage(
        page([workItem(n), workItem(n + 10)], { cursor: { updatedMs: n, lastId: `1000${n}` } }),
      ),
    );
    await store.close();
    expect((await Promise.all(commits)).map((r) => r.inserted)).toEqual([2, 2, 2]);
    expect(peek(path, (db) => db.prepare('SELECT count(*) AS n FROM items').get()?.n)).toBe(6);
    expect(peek(path, (db) => db.prepare('SELECT updated_ms FROM cursors').get()?.updated_ms)).toBe(3);
  });

  it('lets a process that stored pages and never closed the store exit on its own', () => {
    const path = freshPath();
    const child = spawnSync(
      process.execPath,
      ['--import', fixture('ts-resolve.mjs'), fixture('exit-without-close.ts'), path],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.signal).toBeNull();
    expect(child.stdout).toBe('committed\n');
    expect(peek(path, (db) => db.prepare('SELECT count(*) AS n FROM items').get()?.n)).toBe(1);
  });

  it('creates the directory the store file lives in', async () => {
    const path = join(dir, 'nested', 'data', 'bearing.db');
    const store = await openSqliteStore({ path });
    await store.migrate();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('runs in WAL mode and records each migration once', async () => {
    const path = freshPath();
    for (let i = 0; i < 2; i++) {
      const store = await openSqliteStore({ path });
      await store.migrate();
      await store.close();
    }
    expect(peek(path, (db) => db.prepare('PRAGMA journal_mode').get()?.journal_mode)).toBe('wal');
    expect(
      peek(path, (db) => db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()),
    ).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('numbers its migrations 1, 2, 3 … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a store written by a newer bearing, naming the file', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    await store.migrate();
    peek(path, (db) => db.exec(`INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')`));

    const error = await store.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BearingError);
    expect((error as BearingError).message).toContain(path);
    expect((error as BearingError).message).toMatch(/version 999, newer than this bearing knows/);
    await store.close();
  });

  it('drops a pruned run’s analysis blocks from the file', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    await store.migrate();
    const uids = Array.from({ length: 1000 }, (_, i) => `jira:${i}`);
    await store.saveAnalysis(
      'old',
      uids.map((u) => tagOf(u)),
      uids.map((u) => scoreOf(u)),
    );
    await store.saveAnalysis('new', [tagOf('jira:1')], [scoreOf('jira:1')]);
    await store.pruneAnalysis(1);
    await store.close();
    expect(peek(path, (db) => db.prepare('SELECT count(*) AS n FROM analysis_blocks').get()?.n)).toBe(1);
  });
});

describe('sqlite store errors', () => {
  it('fails as transient, naming file and operation, while another process holds the write lock', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, busyTimeoutMs: 20 });
    await store.migrate();
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');

    const error = await store.commitPage(page([workItem(1)])).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('commitPage');

    other.exec('ROLLBACK');
    other.close();
    expect((await store.commitPage(page([workItem(1)]))).inserted).toBe(1);
    await store.close();
  });

  it('fails as fatal, naming the file, when the file is not a database', async () => {
    const path = freshPath();
    writeFileSync(path, 'this is a spreadsheet, not a store\n'.repeat(200));
    const error = await openSqliteStore({ path }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'fatal' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/not a SQLite database/);
  });

  it('tells the caller to migrate when the schema is missing', async () => {
    const store = await openSqliteStore({ path: freshPath() });
    await expect(store.getItem('jira:1')).rejects.toThrow(
      /getItem failed: no such table: items .*migrate\(\)/,
    );
    await expect(store.commitPage(page([workItem(1)]))).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringMatching(/commitPage failed: no such table: items .*migrate\(\)/),
    });
    await store.close();
  });

  it('fails as fatal, naming the operation, once the store is closed', async () => {
    const store = await openSqliteStore({ path: freshPath() });
    await store.migrate();
    await store.commitPage(page([workItem(1)]));
    await store.close();
    await expect(store.countItems()).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringMatching(/countItems failed: the store is already closed/),
    });
    await expect(store.commitPage(page([workItem(2)]))).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringMatching(/commitPage failed: the store is already closed/),
    });
  });
});
