/**
 * sys_user look-ups for requesters and assignees: only ids not yet seen in this run, at most 100 per
 * call (`sys_idIN…`), cached for the rest of the run. A run is told apart by its start time, so a
 * long-lived connector never serves one cycle's user (a title, the vip flag) to the next.
 */
import { inQuery } from './query.js';
import { cellOf, USER_COLUMNS, type RawUser } from './raw.js';
import type { ServiceNowWire } from './wire.js';

/** Ids per look-up: 100 sys_ids keep the URL near 3.5 kB, well inside what proxies accept. */
const USERS_PER_CALL = 100;

export interface PeopleResolver {
  /** The sys_user records of `ids` that exist and are readable (others are simply absent). */
  resolve(ids: Iterable<string>, runStartMs: number): Promise<Map<string, RawUser>>;
}

export function createPeopleResolver(wire: ServiceNowWire): PeopleResolver {
  let run: number | undefined;
  /** sys_id → record, or null for an id asked for that did not come back (deleted, hidden by an ACL). */
  const cache = new Map<string, RawUser | null>();
  return {
    async resolve(ids, runStartMs) {
      if (run !== runStartMs) {
        run = runStartMs;
        cache.clear();
      }
      const wanted = [...new Set(ids)].filter((id) => /^[A-Za-z0-9_.-]+$/.test(id));
      const missing = wanted.filter((id) => !cache.has(id));
      const chunks: string[][] = [];
      for (let i = 0; i < missing.length; i += USERS_PER_CALL)
        chunks.push(missing.slice(i, i + USERS_PER_CALL));
      // Chunks go out together; the lane keeps them within the configured rate and concurrency.
      const pages = await Promise.all(
        chunks.map((chunk) =>
          wire.list('sys_user', {
            query: inQuery('sys_id', chunk),
            fields: USER_COLUMNS,
            displayValue: 'all',
            limit: chunk.length,
          }),
        ),
      );
      for (const chunk of chunks) for (const id of chunk) cache.set(id, null);
      for (const user of pages.flat()) {
        const id = cellOf(user, 'sys_id').value;
        if (id !== '') cache.set(id, user);
      }
      const found = new Map<string, RawUser>();
      for (const id of wanted) {
        const user = cache.get(id);
        if (user) found.set(id, user);
      }
      return found;
    },
  };
}
