import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/model/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { crashPage, firstPage } from './fixtures/crash-pages.js';
import { postgresSuiteTitle, TEST_POSTGRES_URL, testStores } from './fixtures/postgres.js';
import { tempDir } from './fixtures/temp-dir.js';
import { workItem } from './fixtures/work-items.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** A real process, killed by SIGKILL from inside the transaction: no finally, no rollback runs. */
function commitAndGetKilled(...args: string[]): void {
  const child = spawnSync(
    process.execPath,
    ['--import', fixture('ts-resolve.mjs'), fixture('crash-commit.ts'), ...args],
    { encoding: 'utf8', timeout: 20_000 },
  );
  expect(child.stderr).toBe('');
  expect(child.signal).toBe('SIGKILL');
  expect(child.stdout).toBe('before-cursor\n');
}

/** The store after the crash: as before the killed page, and the page commits in full when retried. */
async function expectUntouchedThenRetried(after: Store): Promise<void> {
  await after.migrate();
  expect(await after.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 1_000, lastId: '10099' });
  expect(await after.countItems()).toBe(100);
  expect(await after.getItemHash(workItem(0).uid)).toBe(contentHash(workItem(0)));
  expect(await after.getItem(workItem(1000).uid)).toBeNull();

  expect(await after.commitPage(crashPage())).toEqual({ inserted: 5000, changed: 50, unchanged: 0 });
  expect(await after.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 2_000, lastId: '15999' });
  expect(await after.countItems()).toBe(5100);
  await after.close();
}

describe('a worker killed in the middle of a page', () => {
  it('leaves both the items and the cursor as they were, and the next commit works', async () => {
    const path = join(tempDir(), 'bearing.db');
    const before = await openSqliteStore({ path });
    await before.migrate();
    await before.commitPage(firstPage());
    await before.close();

    commitAndGetKilled('sqlite', path);
    // The item writes had reached the disk, uncommitted, when the process died.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1_000_000);

    await expectUntouchedThenRetried(await openSqliteStore({ path }));
  });
});

const postgres = testStores();

describe.skipIf(!TEST_POSTGRES_URL)(
  postgresSuiteTitle('a worker on PostgreSQL killed in the middle of a page'),
  () => {
    it('leaves both the items and the cursor as they were, and the next commit works', async () => {
      const schema = postgres.newSchema();
      const before = await postgres.open({ schema });
      await before.migrate();
      await before.commitPage(firstPage());
      await before.close();

      commitAndGetKilled('postgres', TEST_POSTGRES_URL!, schema);

      await expectUntouchedThenRetried(await postgres.open({ schema }));
    });
  },
);
