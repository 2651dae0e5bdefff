import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/model/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { crashPage, firstPage } from './fixtures/crash-pages.js';
import { tempDir } from './fixtures/temp-dir.js';
import { workItem } from './fixtures/work-items.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('a worker killed in the middle of a page', () => {
  it('leaves both the items and the cursor as they were, and the next commit works', async () => {
    const path = join(tempDir(), 'bearing.db');
    const before = await openSqliteStore({ path });
    await before.migrate();
    await before.commitPage(firstPage());
    await before.close();

    // A real process, killed by SIGKILL from inside the transaction: no finally, no rollback runs.
    const child = spawnSync(
      process.execPath,
      ['--import', fixture('ts-resolve.mjs'), fixture('crash-commit.ts'), path],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('before-cursor\n');
    // The item writes had reached the disk, uncommitted, when the process died.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1_000_000);

    const after = await openSqliteStore({ path });
    await after.migrate();
    expect(await after.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 1_000, lastId: '10099' });
    expect(await after.countItems()).toBe(100);
    expect(await after.getItemHash(workItem(0).uid)).toBe(contentHash(workItem(0)));
    expect(await after.getItem(workItem(1000).uid)).toBeNull();

    expect(await after.commitPage(crashPage())).toEqual({ inserted: 5000, changed: 50, unchanged: 0 });
    expect(await after.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 2_000, lastId: '15999' });
    expect(await after.countItems()).toBe(5100);
    await after.close();
  });
});
