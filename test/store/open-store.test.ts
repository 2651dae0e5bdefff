import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BearingError } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { peek, postgresSuiteTitle, TEST_POSTGRES_URL, testSchemas } from './fixtures/postgres.js';
import { tempDir } from './fixtures/temp-dir.js';
import { page, workItem } from './fixtures/work-items.js';

const dir = tempDir();
const newSchema = testSchemas();

async function roundTrip(url: string, baseDir?: string): Promise<void> {
  const store = await openStore(url, { baseDir });
  await store.migrate();
  await store.commitPage(page([workItem(1)]));
  expect(await store.countItems()).toBe(1);
  await store.close();
}

describe('openStore', () => {
  it('opens a sqlite file relative to the config directory', async () => {
    await roundTrip('sqlite:./data/bearing.db', dir);
    expect(existsSync(join(dir, 'data', 'bearing.db'))).toBe(true);
  });

  it('opens a sqlite file by absolute path, with or without the // form', async () => {
    await roundTrip(`sqlite:${join(dir, 'abs.db')}`);
    await roundTrip(`sqlite://${join(dir, 'slashes.db')}`);
    expect(existsSync(join(dir, 'abs.db'))).toBe(true);
    expect(existsSync(join(dir, 'slashes.db'))).toBe(true);
  });

  it('opens a private in-memory sqlite store', async () => {
    await roundTrip('sqlite::memory:');
  });

  it.skipIf(!TEST_POSTGRES_URL)(
    postgresSuiteTitle('opens a PostgreSQL database by its postgres:// URL'),
    async () => {
      const schema = newSchema();
      // The schema rides in the URL as libpq's `options`, the way an admin would keep bearing apart.
      const url = new URL(TEST_POSTGRES_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      await peek('public', `CREATE SCHEMA ${schema}`);
      await roundTrip(url.href);
      await roundTrip(url.href.replace(/^postgres:/, 'postgresql:'));
      expect(await peek(schema, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 1 }]);
    },
  );

  it('reports an unreachable PostgreSQL without echoing the URL’s password', async () => {
    const store = await openStore('postgres://bearing:s3cret-pw@127.0.0.1:1/bearing');
    const error = await store.migrate().catch((e: unknown) => e);
    await store.close();
    expect(error).toBeInstanceOf(BearingError);
    expect(error).toMatchObject({ kind: 'transient', message: expect.stringMatching(/migrate failed/) });
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('rejects an unknown scheme or an empty sqlite path as a config error', async () => {
    await expect(openStore('mysql://root:pw@db/bearing')).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/"mysql:" URL/),
    });
    await expect(openStore('./bearing.db')).rejects.toMatchObject({ kind: 'config' });
    await expect(openStore('sqlite:')).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/needs a file path/),
    });
  });
});
