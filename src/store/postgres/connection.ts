import pg from 'pg';
import { BearingError, type Logger } from '../../core/index.js';

/** What a statement runs on: the pool (one statement, any connection) or a transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** A connection pool with a transaction helper and a label for messages that never holds a password. */
export interface Db extends Queryable {
  /** `postgres://user@host:port/database`, plus the schema when one is set. */
  readonly label: string;
  readonly schema: string | undefined;
  /** Runs `fn` in a transaction on one pooled connection: committed if it resolves, rolled back if it throws. */
  tx<T>(fn: (client: Queryable) => Promise<T>): Promise<T>;
  readonly closed: boolean;
  close(): Promise<void>;
}

export interface PoolOptions {
  url: string;
  schema: string | undefined;
  maxConnections: number;
  connectTimeoutMs: number;
  log: Logger;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function openPool(options: PoolOptions): Db {
  const { url, schema, log } = options;
  const label = labelOf(url) + (schema ? ` (schema ${schema})` : '');
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new BearingError(
      'config',
      `store ${label}: schema must be lower-case letters, digits and _, got "${schema}"`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'bearing',
    // Sent at connect time, so every pooled connection finds bearing's tables first.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server (restart, failover) is reported here; without a listener
  // the pool would crash the process. The next query opens a new connection.
  pool.on('error', (e) => log.warn({ store: label, err: e.message }, 'idle store connection lost'));

  let closed = false;
  return {
    label,
    schema,
    query: (text, values) => pool.query(text, values),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (e) {
        // A connection that cannot even roll back is broken: drop it instead of returning it to the pool.
        const broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        client.release(broken);
        throw e;
      }
    },
    get closed() {
      return closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The URL without its password (and query), for messages and logs. */
export function labelOf(url: string): string {
  if (!URL.canParse(url)) return 'postgres://(unreadable URL)';
  const u = new URL(url);
  const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
  return `${u.protocol}//${user}${u.host}${u.pathname}`;
}
