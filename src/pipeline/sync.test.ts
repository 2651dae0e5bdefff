import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, PulledPage } from '../connectors/connector.js';
import { silentLogger } from '../core/log.js';
import { workItem } from '../model/testing.js';
import { openStore, type Store } from '../store/index.js';
import { syncAll } from './sync.js';

const signal = new AbortController().signal;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
});
afterEach(async () => store.close());

/**
 * A connector whose scopes each yield `pages` pages of one item, every page after a tick, recording how
 * many pulls run at once; `failing` scopes throw after their first page.
 */
function fakeConnector(
  scopes: string[],
  options: { concurrency: number; pages: number; failing?: string[] },
) {
  let running = 0;
  let most = 0;
  const connector: Connector = {
    system: 'jira',
    concurrency: options.concurrency,
    scopes: () => Promise.resolve(scopes),
    async *pull(scope): AsyncGenerator<PulledPage> {
      running++;
      most = Math.max(most, running);
      try {
        for (let n = 1; n <= options.pages; n++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (n > 1 && options.failing?.includes(scope)) throw new Error(`${scope} answered 500`);
          const key = `${scope}-${n}`;
          yield {
            items: [{ item: workItem({ key, scope }), raw: { key } }],
            quarantined: [],
            cursor: { updatedMs: n, lastId: key },
          };
        }
      } finally {
        running--;
      }
    },
    async *listIds() {},
    setup: () => Promise.reject(new Error('not used')),
    check: () => Promise.reject(new Error('not used')),
    writer: { write: () => Promise.resolve([]), readHeld: () => Promise.resolve(new Map()) },
  };
  return { connector, most: () => most };
}

const sync = (connector: Connector) =>
  syncAll({ connectors: [connector], store, log: silentLogger(), runStartMs: NOW, signal });

describe('syncing the scopes of one system', () => {
  it('pulls twice as many scopes at once as the connector has requests in flight, each page stored with its own cursor', async () => {
    const scopes = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const fake = fakeConnector(scopes, { concurrency: 3, pages: 4 });
    const summaries = await sync(fake.connector);
    expect(fake.most()).toBe(6);
    expect(summaries.map((s) => [s.scope, s.pages, s.items])).toEqual(scopes.map((s) => [s, 4, 4]));
    for (const scope of scopes) {
      expect(await store.getCursor('jira', scope)).toEqual({ updatedMs: 4, lastId: `${scope}-4` });
    }
    expect(await store.countItems()).toBe(32);
  });

  it('reports a failing scope while the others side by side with it finish', async () => {
    const fake = fakeConnector(['A', 'B', 'C'], { concurrency: 3, pages: 3, failing: ['B'] });
    const summaries = await sync(fake.connector);
    expect(summaries.map((s) => [s.scope, s.items, s.error])).toEqual([
      ['A', 3, undefined],
      ['B', 1, 'B answered 500'],
      ['C', 3, undefined],
    ]);
    expect(await store.getCursor('jira', 'B')).toEqual({ updatedMs: 1, lastId: 'B-1' });
  });

  it('pulls one scope at a time when the connector says nothing of its concurrency', async () => {
    const fake = fakeConnector(['A', 'B'], { concurrency: 2, pages: 2 });
    const { concurrency: _, ...sequential } = fake.connector;
    await sync(sequential);
    expect(fake.most()).toBe(1);
  });
});
