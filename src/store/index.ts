export type * from './store.js';
export { openStore, type OpenStoreOptions } from './open-store.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
