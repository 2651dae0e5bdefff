import { BearingError } from '../core/index.js';

/** One schema step. Never edit a released step: add a new one, so every store upgrades the same way. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The steps a store at schema version `current` has not seen, in order; refuses a store written by a
 * newer bearing, naming it (`store` is the file or a URL without its password).
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  current: number,
  store: string,
  elsewhere: string,
): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new BearingError(
      'fatal',
      `store ${store}: its schema is version ${current}, newer than this bearing knows (${latest}); ` +
        `upgrade bearing, or point \`store\` at another ${elsewhere}`,
    );
  }
  return migrations.filter((m) => m.version > current);
}
