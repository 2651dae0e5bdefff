import { isAbsolute, resolve } from 'node:path';
import { BearingError, type Clock, type Logger } from '../core/index.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** Relative sqlite paths resolve against this (the config file's directory). @default process.cwd() */
  baseDir?: string;
  log?: Logger;
  clock?: Clock;
}

const MEMORY = ':memory:';

/**
 * Opens the store a `store:` URL names: `sqlite:./data/bearing.db`, `sqlite:/var/lib/bearing.db`
 * (`sqlite:///var/lib/bearing.db` too), `sqlite::memory:`, or a PostgreSQL database
 * `postgres://user[:password]@host[:port]/database` (`postgresql://` too). The caller runs `migrate()`.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const path = sqlitePath(url.slice('sqlite:'.length), options.baseDir ?? process.cwd());
    return openSqliteStore({ path, log: options.log, clock: options.clock });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return openPostgresStore({ url, log: options.log, clock: options.clock });
  }
  throw new BearingError(
    'config',
    `store: expected "sqlite:<file>", "sqlite::memory:" or a postgres:// URL, got ${
      scheme ? `a "${scheme}:" URL` : 'a value without a scheme'
    }`,
  );
}

function sqlitePath(rest: string, baseDir: string): string {
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === MEMORY) return MEMORY;
  if (path === '')
    throw new BearingError('config', 'store: "sqlite:" needs a file path, e.g. "sqlite:./data/bearing.db"');
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
