import { describe, expect, it } from 'vitest';
import { BearingError } from '../../src/core/index.js';
import { openPostgresStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { describeStoreConformance } from './conformance.js';
import { peek, postgresSuiteTitle, TEST_POSTGRES_URL, testStores } from './fixtures/postgres.js';
import { page, scoreOf, tagOf, workItem } from './fixtures/work-items.js';

const { open, newSchema } = testStores();

describe.skipIf(!TEST_POSTGRES_URL)(postgresSuiteTitle('postgres'), () => {
  describeStoreConformance('postgres', (seams) => open(seams));

  describe('postgres store database', () => {
    it('keeps everything across close and reopen', async () => {
      const schema = newSchema();
      const first = await open({ schema });
      await first.migrate();
      await first.commitPage(page([workItem(1)], { cursor: { updatedMs: 5, lastId: '10001' } }));
      await first.close();

      const second = await open({ schema });
      await second.migrate();
      expect(await second.getItem('jira:10001')).toEqual(workItem(1));
      expect(await second.getCursor('jira', 'SHOP')).toEqual({ updatedMs: 5, lastId: '10001' });
      await second.close();
    });

    it('records each migration once, however many workers migrate at the same time', async () => {
      const schema = newSchema();
      const stores = await Promise.all([1, 2, 3, 4].map(() => open({ schema })));
      await Promise.all(stores.map((s) => s.migrate()));
      await Promise.all(stores.map((s) => s.close()));
      expect(await peek(schema, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version })),
      );
    });

    it('numbers its migrations 1, 2, 3 … in order', () => {
      expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    });

    it('refuses a store written by a newer bearing, naming the database', async () => {
      const schema = newSchema();
      const store = await open({ schema });
      await store.migrate();
      await peek(schema, `INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')`);

      const error = await store.migrate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BearingError);
      expect((error as Error).message).toContain(new URL(TEST_POSTGRES_URL!).pathname);
      expect((error as Error).message).toMatch(/version 999, newer than this bearing knows/);
      await store.close();
    });

    it('drops a pruned run’s analysis blocks from the database', async () => {
      const schema = newSchema();
      const store = await open({ schema });
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
      expect(await peek(schema, 'SELECT count(*)::int AS n FROM analysis_blocks')).toEqual([{ n: 1 }]);
    });
  });

  describe('postgres store errors', () => {
    it('tells the caller to migrate when the schema is missing', async () => {
      const store = await open();
      await expect(store.getItem('jira:1')).rejects.toThrow(/getItem failed: .*items.* migrate\(\)/);
      await store.close();
    });

    it('says which schema is missing when the URL points bearing at one that does not exist', async () => {
      const url = new URL(TEST_POSTGRES_URL!);
      url.searchParams.set('options', '-c search_path=no_such_schema');
      const store = await openPostgresStore({ url: url.href });
      await expect(store.migrate()).rejects.toMatchObject({
        kind: 'fatal',
        message: expect.stringMatching(/migrate failed: .*schema to create tables in does not exist/),
      });
      await store.close();
    });

    it('fails as fatal, naming the operation, once the store is closed', async () => {
      const store = await open();
      await store.migrate();
      await store.close();
      await expect(store.countItems()).rejects.toMatchObject({
        kind: 'fatal',
        message: expect.stringMatching(/countItems failed: the store is already closed/),
      });
    });
  });
});

describe('postgres store without a reachable server', () => {
  it('fails as transient, naming host and operation but never the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const store = await openPostgresStore({ url: 'postgres://bearing:s3cret-pw@127.0.0.1:1/bearing' });
    const error = await store.ping().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient' });
    expect((error as Error).message).toMatch(
      /^store postgres:\/\/bearing@127\.0\.0\.1:1\/bearing: ping failed/,
    );
    expect((error as Error).message).toMatch(/cannot be reached/);
    expect((error as Error).message).not.toContain('s3cret-pw');
    await store.close();
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      openPostgresStore({ url: 'postgres://bearing@127.0.0.1:1/bearing', schema: 'Bearing; DROP' }),
    ).rejects.toMatchObject({ kind: 'config' });
  });
});
